/** EventWaitToSleep (JS/TS): a discarded `await` on an event, latch, idle queue, condition poll or readiness promise becomes a fixed sleep. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { mutatorSettings } from '../settings.js';
import { awaitExpression, calleeName, isDiscardedAwait, memberChain, nameWords, propertyName, timerPromise, type JsMutator } from './ast.js';
import { isEventPromiseLibrary, isEventsOnce, isListenerPromise, pathLookup } from './facts/primitives.js';
import { factAt } from './facts/sites.js';

export const eventWaitToSleep: JsMutator = {
  name: 'EventWaitToSleep',
  *mutate(path) {
    if (isDiscardedAwait(path) && isEventWait(path.get('argument') as NodePath)) {
      yield awaitExpression(timerPromise(mutatorSettings().delayMs));
    } else if (isThenReceiver(path) && isEventWait(path)) {
      // `ready(emitter).then(() => start())`: the chain starts after a fixed time instead of on the event.
      yield timerPromise(mutatorSettings().delayMs);
    }
  },
};

/**
 * An event, latch, condition or readiness wait: a primitive (`once`, a listener promise, `pEvent`), a name that says
 * so, or, through the project facts, a helper, method, variable or field whose promise resolves on an event, and
 * `Promise.all` over such waits (`waits.push(once(w, 'exit'))` ... `await Promise.all(waits)`).
 */
function isEventWait(path: NodePath): boolean {
  const { node } = path;
  if (node.type === 'CallExpression') {
    if (isCancellableCall(node)) return false;
    const lookup = pathLookup(path);
    if (isEventsOnce(node, lookup) || isEventPromiseLibrary(node, lookup) || isSignalWait(node) || isConditionPoll(node) || isReadinessCall(node)) return true;
    if (isAllOfEventWaits(path as NodePath<t.CallExpression>)) return true;
  }
  if (node.type === 'NewExpression' && isListenerPromise(node)) return true;
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && isReadinessName(awaitedName(node))) return true;
  return factAt(path)?.kind === 'event';
}

/** A call given `{ signal }` (or any options object naming a signal): a cancellable watcher, which a sleep would run anyway. */
function isCancellableCall(node: t.CallExpression): boolean {
  return node.arguments.some((argument) => argument.type === 'ObjectExpression' && argument.properties.some((property) => property.type === 'ObjectProperty' && propertyName(property.key) === 'signal'));
}

/** `Promise.all(waits)` where every element (array literal, or every `waits.push(x)` in scope) is an event wait. */
function isAllOfEventWaits(path: NodePath<t.CallExpression>): boolean {
  const { node } = path;
  if (memberChain(node.callee)?.join('.') !== 'Promise.all' || node.arguments.length !== 1) return false;
  const list = path.get('arguments.0') as NodePath;
  if (list.node.type === 'ArrayExpression') {
    const elements = list.get('elements') as NodePath[];
    return elements.length > 0 && elements.every((element) => element.node !== null && isEventWait(element));
  }
  if (list.node.type !== 'Identifier') return false;
  const binding = list.scope.getBinding(list.node.name);
  if (!binding?.constant || binding.path.node.type !== 'VariableDeclarator' || binding.path.node.init?.type !== 'ArrayExpression' || binding.path.node.init.elements.length) return false;
  const pushed = binding.referencePaths.map((reference) => {
    const member = reference.parentPath;
    const call = member?.parentPath;
    const isPush = member?.node.type === 'MemberExpression' && propertyName(member.node) === 'push' && call?.node.type === 'CallExpression' && call.node.callee === member.node;
    return isPush ? (call.get('arguments') as NodePath[]) : reference === list ? [] : undefined;
  });
  if (pushed.some((arguments_) => arguments_ === undefined)) return false;
  const waits = pushed.flat() as NodePath[];
  return waits.length > 0 && waits.every((wait) => isEventWait(wait));
}

/** `x.then(() => ...)`: the receiver of a `.then` whose callback ignores the resolved value. */
function isThenReceiver(path: NodePath): boolean {
  const member = path.parentPath;
  const call = member?.parentPath;
  if (member?.node.type !== 'MemberExpression' || member.node.object !== path.node || propertyName(member.node) !== 'then') return false;
  if (call?.node.type !== 'CallExpression' || call.node.callee !== member.node || call.node.arguments.length !== 1) return false;
  const [callback] = call.node.arguments;
  // `ready.then(() => log()).catch(shutdown)`: the rejection is handled, so the promise is watched for failure, not waited on (lightship).
  const handled = call.parent?.type === 'MemberExpression' && ['catch', 'then'].includes(propertyName(call.parent) ?? '');
  return !handled && (callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression') && callback.params.length === 0;
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

/** `ready`, `this.ready`, `this.#ready`, `server.listening`. */
function awaitedName(node: t.Node): string | undefined {
  if (node.type === 'MemberExpression' && node.property.type === 'PrivateName') return node.property.id.name;
  return propertyName(node);
}

const readinessWords = new Set(['ready', 'started', 'connected', 'initialized', 'initialised', 'opened', 'listening']);

function isReadinessName(name: string | undefined): boolean {
  return name !== undefined && nameWords(name).some((word) => readinessWords.has(word));
}
