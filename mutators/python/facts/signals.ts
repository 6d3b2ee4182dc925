/**
 * Which project coroutines wait for a signal: an async function or method named like a wait (`wait`, `wait_value`, `park`,
 * `_wait_predicate`, `wait_closed`) that parks until something else signals, and does nothing else that awaits. Each of
 * its awaits is a signal wait (an event or condition `wait()` / `wait_for(p)`, a ParkingLot `park()`, a future it made
 * with `loop.create_future()`, trio's
 * `wait_task_rescheduled`, a call of another such project wait, itself included; a `wait()` that resolves to a project
 * method counts only when that method is such a wait) or a zero-delay yield, and at least one
 * is a signal wait. A discarded call of one is an event wait at its call site (EventWaitToSleep); the fact carries the
 * async library of the module that waits, whose sleep fits the replacement. Cached per project.
 */
import type { Node } from 'web-tree-sitter';
import { callParts, field, isAsyncFunction, isZeroLiteral, type SleepLibrary } from '../syntax.js';
import { ownDescendants } from './module.js';
import { calledMethod, isLibraryName, qualifiedName, sleepLibraryAt } from './names.js';
import { moduleOf, projectOf, type Definition } from './project.js';

/** The names a project wait for a signal has (callers test it first: resolving a callee is costly). */
export const WAIT_NAME = /^_*(wait|park)(_|$)/;
/** trio's low-level park: the task sleeps until another task reschedules it (`hazmat` is its name before trio 0.15). */
const PARK_PRIMITIVES = new Set(['trio.lowlevel.wait_task_rescheduled', 'trio.hazmat.wait_task_rescheduled']);
const ZERO_SLEEPS = new Set(['asyncio.sleep', 'trio.sleep', 'anyio.sleep']);
const CHECKPOINTS = new Set(['trio.lowlevel.checkpoint', 'trio.hazmat.checkpoint', 'anyio.lowlevel.checkpoint']);
/** Method name -> positional arity of a signal wait on a receiver that is no library module. */
const SIGNAL_METHODS: ReadonlyMap<string, number> = new Map([
  ['wait', 0],
  ['wait_for', 1],
  ['park', 0],
]);

type AwaitKind = 'signal' | 'yield' | 'other';

/** The async library whose sleep stands in for a call of `definition`, when it is a project wait for a signal; undefined otherwise. */
export function signalWaitLibrary(definition: Definition | undefined): SleepLibrary | undefined {
  if (!definition || definition.node.type !== 'function_definition') return undefined;
  const project = projectOf(definition.node.tree);
  let cache = project.derived.get('signalWaits') as Map<string, SleepLibrary | null | 'pending'> | undefined;
  if (!cache) project.derived.set('signalWaits', (cache = new Map()));
  const key = `${definition.module.name}:${definition.node.startIndex}`;
  const known = cache.get(key);
  if (known === 'pending') return undefined;
  if (known !== undefined) return known ?? undefined;
  cache.set(key, 'pending');
  const verdict = waitsForSignal(definition.node, cache) ? sleepLibraryAt(definition.node) : null;
  cache.set(key, verdict);
  return verdict ?? undefined;
}

function waitsForSignal(definition: Node, cache: Map<string, unknown>): boolean {
  if (!isAsyncFunction(definition) || !WAIT_NAME.test(field(definition, 'name').text)) return false;
  const kinds = ownDescendants(field(definition, 'body'), 'await').map((node) => awaitKind(node, cache));
  return kinds.includes('signal') && !kinds.includes('other');
}

function awaitKind(node: Node, cache: Map<string, unknown>): AwaitKind {
  const call = node.namedChild(0);
  if (call?.type === 'identifier') return isParkedFuture(call) ? 'signal' : 'other';
  const parts = call?.type === 'call' ? callParts(call) : undefined;
  if (!parts) return 'other';
  const name = qualifiedName(parts.callee) ?? '';
  if (CHECKPOINTS.has(name) || (ZERO_SLEEPS.has(name) && parts.positional.length === 1 && isZeroLiteral(parts.positional[0]))) return 'yield';
  if (PARK_PRIMITIVES.has(name)) return 'signal';
  if (name === 'asyncio.wait_for') return parts.positional[0]?.type === 'call' && isSignalMethodCall(parts.positional[0]) ? 'signal' : 'other';
  const callee = calledMethod(parts.callee);
  if (!callee) return isSignalMethodCall(call!) ? 'signal' : 'other';
  const key = `${callee.module.name}:${callee.node.startIndex}`;
  // A call back into a wait still being decided (recursion) neither proves nor disproves it.
  if (cache.get(key) === 'pending') return 'yield';
  return signalWaitLibrary(callee) ? 'signal' : 'other';
}

/** `await fut` where the function made `fut = loop.create_future()` (or `asyncio.Future()`): parked until another task resolves it (a hand-made Event's wait). */
function isParkedFuture(name: Node): boolean {
  let scope = name.parent;
  while (scope && scope.type !== 'function_definition') scope = scope.parent;
  if (!scope) return false;
  const values = ownDescendants(field(scope, 'body'), 'assignment')
    .filter((assignment) => field(assignment, 'left').text === name.text)
    .map((assignment) => assignment.childForFieldName('right'));
  return values.length === 1 && values[0]?.type === 'call' && FUTURE_FACTORIES.test(field(values[0], 'function').text);
}

const FUTURE_FACTORIES = /(^|\.)(create_future|Future)$/;

/** `R.wait()`, `R.wait_for(p)`, `R.park()` on a receiver that is no library module (`asyncio.wait(...)` is no signal). */
function isSignalMethodCall(call: Node): boolean {
  const parts = callParts(call);
  if (!parts || parts.callee.type !== 'attribute' || parts.hasSplat || parts.keywords.size > 0) return false;
  const arity = SIGNAL_METHODS.get(field(parts.callee, 'attribute').text);
  return arity === parts.positional.length && !isLibraryName(field(parts.callee, 'object'));
}
