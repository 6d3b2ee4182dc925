/** BlockingSleep (JS/TS): the argument of a discarded awaited sleep becomes a synchronous `Atomics.wait` of the same duration. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import {
  call,
  calleeName,
  cloneNode,
  fromGlobal,
  hasSignalOption,
  isDiscardedAwait,
  isFunction,
  isZero,
  member,
  memberChain,
  nameWords,
  newExpression,
  noMutants,
  numeric,
  propertyName,
  untypedGlobal,
  type JsOperator,
} from './ast.js';
import { pathLookup, timeoutPromiseDuration, timersPromisesExport } from './facts/primitives.js';
import { enclosingClass, factAt, moduleOf } from './facts/sites.js';
import { factOfFunction } from './facts/timing.js';
import { isTypeScriptFile } from './facts/parser.js';

export const blockingSleep: JsOperator = {
  name: 'BlockingSleep',
  // A sleep call or a `new Promise(r => setTimeout(r, ms))`.
  nodeTypes: new Set(['CallExpression', 'NewExpression']),
  mutate(path) {
    if (path.node.type !== 'CallExpression' && path.node.type !== 'NewExpression') return noMutants;
    if (path.key === 'argument' && path.parentPath && isDiscardedAwait(path.parentPath)) {
      const duration = sleepDuration(path, path.node);
      return duration && isNumberLike(duration) && !isZero(duration) ? [blockingWait(duration, typed(path))] : noMutants;
    }
    // A sleep promise that is stored and awaited later, chained with `.then`, or handed back by a helper whose duration
    // only its definition knows: the wait blocks where the timer was started, and a resolved promise stands in for it.
    if (!isStored(path) && !isThenReceiver(path) && !isReturned(path)) return noMutants;
    const duration = sleepDuration(path, path.node);
    if (!duration || !isNumberLike(duration) || isZero(duration)) return noMutants;
    if (isReturned(path) && !isHelperResult(path)) return noMutants;
    return [blockedThenResolved(duration, typed(path))];
  },
};

function sleepDuration(path: NodePath, node: t.Node): t.Node | undefined {
  if (node.type === 'NewExpression') return timeoutPromiseDuration(node, pathLookup(path));
  if (node.type !== 'CallExpression') return undefined;
  const [duration] = node.arguments;
  if (duration && isSleepCall(path, node, duration)) return duration;
  // `sleep(ms, { signal })` on a project helper: cancellable, so a blocking wait would change what runs, not when.
  if (hasSignalOption(node)) return undefined;
  const fact = factAt(path);
  return fact?.kind === 'sleep' && 'inside' in fact.duration && node.arguments.includes(fact.duration.inside as t.Expression) ? fact.duration.inside : undefined;
}

function isSleepCall(path: NodePath, node: t.CallExpression, duration: t.Node): boolean {
  const chain = memberChain(node.callee);
  const exported = chain && timersPromisesExport(chain, pathLookup(path));
  if (exported !== undefined) return timerSleeps.has(exported) && !isCancellable(node, exported);
  if (chain && isGlobalScheduler(path, chain)) return !isCancellable(node, 'scheduler.wait');
  const name = calleeName(node) ?? '';
  // `wait` is also the name of event and condition waits (`cond.wait(mutex)`): only a visible duration makes it a sleep.
  return sleepHelpers.has(name) || (name === 'wait' && mentionsTime(duration));
}

/** `const p = delay(ms)` later awaited, `this.timer = sleep(ms)`: the promise is kept, the wait comes later. */
function isStored(path: NodePath): boolean {
  const { parent, node } = path;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') {
    const binding = path.scope.getBinding(parent.id.name);
    return !!binding?.constant && binding.referencePaths.some((reference) => reference.parentPath?.node.type === 'AwaitExpression' || isThenReceiver(reference));
  }
  return parent?.type === 'AssignmentExpression' && parent.right === node && parent.operator === '=' && parent.left.type === 'MemberExpression' && parent.left.object.type === 'ThisExpression';
}

/** `delay(ms).then(() => retry())`. */
function isThenReceiver(path: NodePath): boolean {
  const { parent, node } = path;
  return parent?.type === 'MemberExpression' && parent.object === node && propertyName(parent) === 'then' && path.parentPath?.parent?.type === 'CallExpression';
}

/** `return x`, `() => x`. */
function isReturned(path: NodePath): boolean {
  const { parent, node } = path;
  return parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === node);
}

/**
 * `return new Promise(r => setTimeout(r, this.delay))` in a helper (`apply() {...}` awaited as `await d.apply()`): callers
 * cannot see the duration, so the helper's own timer becomes the blocking wait. Helpers whose duration is a parameter are
 * mutated at their call sites instead, where each call gets its own mutant.
 */
function isHelperResult(path: NodePath): boolean {
  const fn = path.getFunctionParent();
  if (!fn || !isFunction(fn.node)) return false;
  const fact = factOfFunction(fn.node, { module: moduleOf(path), cls: enclosingClass(fn) });
  return fact?.kind === 'sleep' && 'inside' in fact.duration;
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

const typed = (path: NodePath): boolean => isTypeScriptFile(moduleOf(path).file);

/**
 * `globalThis.Atomics.wait(new globalThis.Int32Array(new globalThis.SharedArrayBuffer(4)), 0, 0, ms)`: blocks the thread
 * for `ms`. In TypeScript `Atomics` and `SharedArrayBuffer` are reached through `(globalThis as any)`: a project whose
 * `lib` lacks es2017.sharedmemory does not declare them (TS7017 under strict).
 */
function blockingWait(duration: t.Node, typescript: boolean): t.CallExpression {
  const cell = newExpression(fromGlobal('Int32Array'), [newExpression(member(untypedGlobal(typescript), 'SharedArrayBuffer'), [numeric(4)])]);
  return call(member(member(untypedGlobal(typescript), 'Atomics'), 'wait'), [cell, numeric(0), numeric(0), finiteTimeout(duration)]);
}

/**
 * `(blockingWait, globalThis.Promise.resolve())`: blocks now, then hands on a promise that is already settled (parenthesized
 * explicitly: the listed replacement text must also be correct where it is pasted, e.g. `const p = <here>;`).
 */
function blockedThenResolved(duration: t.Node, typescript: boolean): t.ParenthesizedExpression {
  const sequence = { type: 'SequenceExpression', expressions: [blockingWait(duration, typescript), call(member(fromGlobal('Promise'), 'resolve'), [])] } as t.SequenceExpression;
  return { type: 'ParenthesizedExpression', expression: sequence } as t.ParenthesizedExpression;
}

/** Atomics.wait reads NaN as "forever", so a computed duration is coerced with a 0 fallback rather than risk a hang. */
function finiteTimeout(duration: t.Node): t.Expression {
  const copy = cloneNode(duration) as t.Expression;
  if (copy.type === 'NumericLiteral') return copy;
  return { type: 'LogicalExpression', operator: '||', left: call(fromGlobal('Number'), [copy]), right: numeric(0) } as t.LogicalExpression;
}
