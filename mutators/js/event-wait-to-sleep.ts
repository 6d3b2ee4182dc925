/** EventWaitToSleep (JS/TS): a discarded `await` on an event, latch, idle queue, condition poll or readiness promise becomes a fixed sleep. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { mutatorSettings } from '../settings.js';
import {
  awaitExpression,
  builtinName,
  calleeName,
  importOf,
  isDiscardedAwait,
  memberChain,
  nameWords,
  promiseExecutorCall,
  propertyName,
  timerPromise,
  type JsMutator,
} from './ast.js';

export const eventWaitToSleep: JsMutator = {
  name: 'EventWaitToSleep',
  *mutate(path) {
    if (isDiscardedAwait(path) && isEventWait(path, path.node.argument)) {
      yield awaitExpression(timerPromise(mutatorSettings().delayMs));
    }
  },
};

function isEventWait(path: NodePath, node: t.Expression): boolean {
  if (node.type === 'CallExpression') {
    return isEventsOnce(path, node) || isSignalWait(node) || isConditionPoll(node) || isReadinessCall(node);
  }
  if (node.type === 'NewExpression') return isListenerPromise(node);
  return isReadinessName(awaitedName(node));
}

/**
 * `once(em, 'x')`, `events.once(em, 'x')`, `EventEmitter.once(em, 'x')` from node:events. Not with options
 * (`{ signal }`): a cancellable wait is a watcher whose code must not run once cancelled, which a sleep would run anyway.
 */
function isEventsOnce(path: NodePath, node: t.CallExpression): boolean {
  if (node.arguments.length > 2) return false;
  const chain = memberChain(node.callee);
  if (chain?.length === 1) return isEventsImport(path, chain[0], ['once']);
  return chain?.length === 2 && chain[1] === 'once' && isEventsImport(path, chain[0], ['*', 'default', 'EventEmitter']);
}

function isEventsImport(path: NodePath, localName: string, importedNames: readonly string[]): boolean {
  const origin = importOf(path, localName);
  return origin !== undefined && builtinName(origin.source) === 'events' && importedNames.includes(origin.imported);
}

const signalWaits = new Set(['wait', 'onIdle', 'onEmpty']);

/**
 * `latch.wait()`, `queue.onIdle()`, `queue.onEmpty()`. Only without arguments: `x.wait(ms)` is a sleep helper
 * (BlockingSleep's), and `scheduler.wait` is a timer.
 */
function isSignalWait(node: t.CallExpression): boolean {
  const { callee } = node;
  return (
    callee.type === 'MemberExpression' &&
    node.arguments.length === 0 &&
    signalWaits.has(propertyName(callee) ?? '') &&
    propertyName(callee.object) !== 'scheduler'
  );
}

const conditionPolls = new Set(['waitFor', 'pWaitFor', 'vi.waitFor', 'vi.waitUntil']);

function isConditionPoll(node: t.CallExpression): boolean {
  return conditionPolls.has(memberChain(node.callee)?.join('.') ?? '');
}

/** `app.whenReady()`: a `when*` call with no arguments only hands back a readiness promise. */
function isReadinessCall(node: t.CallExpression): boolean {
  const name = calleeName(node);
  return node.arguments.length === 0 && name?.startsWith('when') === true && isReadinessName(name);
}

const listenerMethods = new Set(['once', 'on', 'addListener', 'addEventListener']);

/** `new Promise(r => em.once('x', r))`, `new Promise(r => target.addEventListener('x', () => r(), { once: true }))`. */
function isListenerPromise(node: t.NewExpression): boolean {
  const listen = promiseExecutorCall(node)?.call;
  return listen?.callee.type === 'MemberExpression' && listenerMethods.has(propertyName(listen.callee) ?? '');
}

/** `ready`, `this.ready`, `this.#ready`, `server.listening`. */
function awaitedName(node: t.Expression): string | undefined {
  if (node.type === 'MemberExpression' && node.property.type === 'PrivateName') return node.property.id.name;
  return propertyName(node);
}

const readinessWords = new Set(['ready', 'started', 'connected', 'initialized', 'initialised', 'opened', 'listening']);

function isReadinessName(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((word) => readinessWords.has(word));
}
