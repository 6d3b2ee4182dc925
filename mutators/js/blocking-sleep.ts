/** BlockingSleep (JS/TS): the argument of a discarded awaited sleep becomes a synchronous `Atomics.wait` of the same duration. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import {
  builtinName,
  call,
  calleeName,
  cloneNode,
  fromGlobal,
  importOf,
  isDiscardedAwait,
  isZero,
  memberChain,
  nameWords,
  newExpression,
  numeric,
  promiseExecutorCall,
  propertyName,
  type JsMutator,
} from './ast.js';

export const blockingSleep: JsMutator = {
  name: 'BlockingSleep',
  *mutate(path) {
    if (path.key !== 'argument' || !path.parentPath || !isDiscardedAwait(path.parentPath)) return;
    const duration = sleepDuration(path, path.node);
    if (duration && isNumberLike(duration) && !isZero(duration)) yield blockingWait(duration);
  },
};

function sleepDuration(path: NodePath, node: t.Node): t.Node | undefined {
  if (node.type === 'NewExpression') return timeoutPromiseDuration(path, node);
  if (node.type !== 'CallExpression') return undefined;
  const [duration] = node.arguments;
  return duration && isSleepCall(path, node, duration) ? duration : undefined;
}

function isSleepCall(path: NodePath, node: t.CallExpression, duration: t.Node): boolean {
  const chain = memberChain(node.callee);
  const exported = chain && timersPromisesExport(path, chain);
  if (exported !== undefined) return timerSleeps.has(exported) && !isCancellable(node, exported);
  if (chain && isGlobalScheduler(path, chain)) return !isCancellable(node, 'scheduler.wait');
  const name = calleeName(node) ?? '';
  // `wait` is also the name of event and condition waits (`cond.wait(mutex)`): only a visible duration makes it a sleep.
  return sleepHelpers.has(name) || (name === 'wait' && mentionsTime(duration));
}

/** `new Promise(r => setTimeout(r, ms))` with the global callback timer. */
function timeoutPromiseDuration(path: NodePath, node: t.NewExpression): t.Node | undefined {
  const timer = promiseExecutorCall(node)?.call;
  if (!timer) return undefined;
  const name = memberChain(timer.callee)?.join('.');
  const isGlobalTimer = name === 'globalThis.setTimeout' || (name === 'setTimeout' && !path.scope.getBinding('setTimeout'));
  return isGlobalTimer ? timer.arguments[1] : undefined;
}

/**
 * `setTimeout(ms, value, { signal })`, `scheduler.wait(ms, { signal })`: an abort rejects the timer, so the code after it
 * is a watchdog that must not run once cancelled; a blocking wait cannot be cancelled and would always run it.
 */
function isCancellable(node: t.CallExpression, timer: string): boolean {
  const options = node.arguments[timer === 'setTimeout' ? 2 : 1];
  if (!options) return false;
  return options.type !== 'ObjectExpression' || options.properties.some((property) => property.type !== 'ObjectProperty' || propertyKey(property) === 'signal');
}

const propertyKey = (property: t.ObjectProperty): string | undefined =>
  property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;

const sleepHelpers = new Set(['sleep', 'delay', 'pause']);
const timerSleeps = new Set(['setTimeout', 'scheduler.wait']);

function isGlobalScheduler(path: NodePath, chain: readonly string[]): boolean {
  const name = chain.join('.');
  return name === 'globalThis.scheduler.wait' || (name === 'scheduler.wait' && !path.scope.getBinding('scheduler'));
}

/** The dotted path inside node:timers/promises a member chain refers to, or undefined when it is rooted elsewhere. */
function timersPromisesExport(path: NodePath, [root, ...rest]: readonly string[]): string | undefined {
  const origin = importOf(path, root);
  if (!origin || builtinName(origin.source) !== 'timers/promises') return undefined;
  const isNamespace = origin.imported === '*' || origin.imported === 'default';
  return (isNamespace ? rest : [origin.imported, ...rest]).join('.');
}

const numberLikeTypes = new Set([
  'NumericLiteral',
  'Identifier',
  'MemberExpression',
  'OptionalMemberExpression',
  'CallExpression',
  'OptionalCallExpression',
  'BinaryExpression',
  'UnaryExpression',
  'ConditionalExpression',
  'LogicalExpression',
  'AwaitExpression',
  'TSNonNullExpression',
]);

/** Could evaluate to a number: excludes strings (`delay('1s')`), objects, functions and `undefined`. */
function isNumberLike(node: t.Node): boolean {
  return numberLikeTypes.has(node.type) && !(node.type === 'Identifier' && node.name === 'undefined');
}

const timeWords = new Set(['ms', 'millis', 'milliseconds', 'delay', 'timeout', 'duration', 'interval', 'time', 'backoff', 'period', 'seconds', 'secs']);

/** A literal or arithmetic duration, or a name that says it is one (`delayMs`, `this.pollInterval`). */
function mentionsTime(node: t.Node): boolean {
  if (node.type === 'NumericLiteral' || node.type === 'BinaryExpression') return true;
  const name = node.type === 'CallExpression' ? calleeName(node) : propertyName(node);
  return name !== undefined && nameWords(name).some((word) => timeWords.has(word));
}

/** `globalThis.Atomics.wait(new globalThis.Int32Array(new globalThis.SharedArrayBuffer(4)), 0, 0, ms)`: blocks the thread for `ms`. */
function blockingWait(duration: t.Node): t.CallExpression {
  const cell = newExpression(fromGlobal('Int32Array'), [newExpression(fromGlobal('SharedArrayBuffer'), [numeric(4)])]);
  return call(fromGlobal('Atomics', 'wait'), [cell, numeric(0), numeric(0), finiteTimeout(duration)]);
}

/** Atomics.wait reads NaN as "forever", so a computed duration is coerced with a 0 fallback rather than risk a hang. */
function finiteTimeout(duration: t.Node): t.Expression {
  const copy = cloneNode(duration) as t.Expression;
  if (copy.type === 'NumericLiteral') return copy;
  return { type: 'LogicalExpression', operator: '||', left: call(fromGlobal('Number'), [copy]), right: numeric(0) } as t.LogicalExpression;
}
