/**
 * EventWaitToSleep (Python): an event wait becomes a fixed sleep (delayMs, default 0.5 s) that hopes the signal came.
 * Async: `await ev.wait()`, `await queue.join()` and `await asyncio.wait_for(ev.wait(), t)` -> the module's own sleep
 * (anyio/trio/asyncio), when the value is discarded; asyncio waits used only as a truthy flag become
 * `await asyncio.sleep(0.5, True)` (asyncio's sleep returns its `result`).
 * Conditions: a Condition's wait releases its lock while it waits, so a plain sleep would keep the lock and deadlock
 * every other task. A discarded `await cond.wait()` statement on a known Condition becomes release, sleep, re-acquire
 * (the surrounding `while` re-checks the predicate); `await cond.wait_for(pred)` the same inside `while not pred()`.
 * Condition-like waits on receivers of unknown type (`wait_for(pred)`, or a `wait()` inside `async with R:`) are left
 * alone: without knowing R has release/acquire there is no faithful replacement.
 * `R.wait()` resolving to a project method that is no pure signal wait (it does more, or waits for the service's own
 * stop) is left alone.
 * `R.join()` on a project class that is no queue (it awaits its own task or processes: cleanup, not a signal) is left alone.
 * Project waits: a discarded `await x.wait_value(pred)` calling a project coroutine that only waits for a signal
 * (facts/signals.ts: `wait`-named, every await a park/event wait) -> the sleep of the library that coroutine waits with.
 * Left alone anywhere: a wait bounded by a timeout (`wait_for(ev.wait(), t)`, a timeout scope) inside a loop: the
 * sleep never times out, so the loop never takes its timeout path (a hang, or a stop signal fired by the mutant).
 * Sync: a discarded `ev.wait()` / `ev.wait(t)` on a known `threading.Event` (`self.x` resolved in its own class) ->
 * `time.sleep(0.5)`; on a known `threading.Condition`, the statement releases, sleeps and re-acquires.
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { ownDescendants } from './facts/module.js';
import { asyncEventLibrary, calledMethod, isLibraryName, ownerClass, qualifiedName, receiverType, signalKind, signalLibrary, sleepLibraryAt } from './facts/names.js';
import { projectOf } from './facts/project.js';
import { signalWaitLibrary, WAIT_NAME } from './facts/signals.js';
import { ancestorsInScope, awaitedCall, awaitedSleep, calleeLastName, callParts, dottedName, eventDelay, field, isDiscarded, isUsedAsFlag, type AsyncLibrary, type SleepLibrary } from './syntax.js';

/** Method name -> how many positional arguments the wait takes, and whether its value is a truthy flag on asyncio. */
const WAIT_METHODS: ReadonlyMap<string, { arity: number; flag: boolean }> = new Map([
  ['wait', { arity: 0, flag: true }],
  ['wait_for', { arity: 1, flag: true }],
  ['join', { arity: 0, flag: false }],
]);

export const eventWaitToSleep: PyMutator = {
  name: 'EventWaitToSleep',
  nodeTypes: ['expression_statement', 'await', 'call'],
  *mutate(node) {
    if (node.type === 'expression_statement') {
      const replacement = conditionWaitReplacement(node);
      if (replacement) yield { node, replacement, level: 'statement' };
      return;
    }
    const asyncWait = asyncWaitKind(node);
    if (asyncWait) {
      if (asyncWait.conditionLike || boundedWaitInLoop(node)) return;
      const library = asyncEventLibrary(asyncWait.receiver) ?? signalWaitLibrary(calledMethod(asyncWait.callee)) ?? sleepLibraryAt(node);
      if (isDiscarded(node)) yield { node, replacement: awaitedSleep(library, eventDelay()), level: 'expression' };
      else if (asyncWait.flag && library === 'asyncio' && isUsedAsFlag(node)) yield { node, replacement: awaitedSleep('asyncio', `${eventDelay()}, True`), level: 'expression' };
      return;
    }
    const projectWait = isDiscarded(node) ? projectSignalWait(node) : undefined;
    if (projectWait) {
      if (!boundedWaitInLoop(node)) yield { node, replacement: awaitedSleep(projectWait, eventDelay()), level: 'expression' };
      return;
    }
    if (isThreadingEventWait(node) && isDiscarded(node)) yield { node, replacement: `__import__('time').sleep(${eventDelay()})`, level: 'expression' };
  },
};

/** `await R.wait()`-like on a non-library receiver, or `await asyncio.wait_for(R.wait(), t)`: the waited receiver and whether the value is a flag. */
function asyncWaitKind(node: Node): WaitShape | undefined {
  const call = awaitedCall(node);
  if (!call) return undefined;
  const parts = callParts(call)!;
  const inner = parts.positional[0];
  return qualifiedName(parts.callee) === 'asyncio.wait_for' ? inner && waitShape(inner) : waitShape(call);
}

interface WaitShape {
  readonly receiver: Node;
  readonly callee: Node;
  readonly method: string;
  readonly flag: boolean;
  /** A Condition's wait (known type, `wait_for(pred)`, or a wait inside `async with R:`): it must release R's lock. */
  readonly conditionLike: boolean;
}

/** `R.wait()`, `R.wait_for(p)` or `R.join()` with the right arity, unless R is a library module (`asyncio.wait(...)`). */
function waitShape(call: Node): WaitShape | undefined {
  const parts = callParts(call);
  const method = methodName(call);
  const shape = method === undefined ? undefined : WAIT_METHODS.get(method);
  if (!parts || !shape || parts.hasSplat || parts.keywords.size > 0 || parts.positional.length !== shape.arity) return undefined;
  const receiver = field(parts.callee, 'object');
  if (isLibraryName(receiver) || (method === 'join' && isProjectNonQueue(receiver)) || (method === 'wait' && isProjectNonSignalWait(parts.callee))) return undefined;
  const conditionLike = method !== 'join' && (method === 'wait_for' || signalKind(receiver) === 'Condition' || insideWithOf(call, receiver.text));
  return { receiver, callee: parts.callee, method: method!, flag: shape.flag, conditionLike };
}

/**
 * `self.join()` / `pool.join()` on a project class that is no queue: such a join awaits the class's own task or
 * processes (cleanup, not a signal); a fixed sleep there leaves them running past the `async with` (pyeval: a hang).
 */
function isProjectNonQueue(receiver: Node): boolean {
  const owner = ownerClass(receiver);
  const type = owner && receiver.text === owner.self ? owner.facts.qualified : receiverType(receiver);
  if (type === undefined) return false;
  const project = projectOf(receiver.tree);
  return project.definition(type) !== undefined && !project.ancestry(type).some((name) => /(^|\.)\w*Queue$/.test(name));
}

/**
 * `await x.wait_value(pred)`-like: a call of a project coroutine that waits for a signal (facts/signals.ts), whose
 * arguments call nothing (dropping them loses no side effect): the async library whose sleep replaces it.
 */
function projectSignalWait(node: Node): SleepLibrary | undefined {
  const call = awaitedCall(node);
  const parts = call && WAIT_NAME.test(calleeLastName(call)) ? callParts(call) : undefined;
  if (!parts || parts.hasSplat || [...parts.positional, ...parts.keywords.values()].some(callsSomething)) return undefined;
  return signalWaitLibrary(calledMethod(parts.callee));
}

function callsSomething(argument: Node): boolean {
  if (argument.type === 'lambda') return false;
  return ['call', 'await'].includes(argument.type) || ownDescendants(argument, ['call', 'await']).length > 0;
}

/** Timeout scopes: trio/anyio `move_on_after`/`fail_after` (and `_at`), asyncio/async-timeout `timeout`, curio-style `timeout_after`/`ignore_after` helpers. */
const TIMEOUT_SCOPES = /(^|\.)((move_on|fail)_(after|at)|timeout(_after|_at)?|ignore_(after|at))$/;

/**
 * True when the wait is bounded by a timeout (`asyncio.wait_for(ev.wait(), t)`, or a timeout scope around it) and sits
 * in a loop of its function. Such a loop may end only by the timeout (`while True: try: await wait_for(ev.wait(), t)
 * ... except TimeoutError: break`, trio-util's `wait_value(..., held_for=1)`), or the timeout is its normal path
 * (a reconnect delay cut short by an abort event, a service loop that polls until stopped). The fixed sleep never
 * times out, so the mutant takes the signal path every time: it loops forever or stops at once instead of waking late.
 */
function boundedWaitInLoop(node: Node): boolean {
  let bounded = isWaitFor(awaitedCall(node));
  for (const current of ancestorsInScope(node)) {
    if (current.type === 'with_statement') bounded ||= withItems(current).some((item) => item.type === 'call' && TIMEOUT_SCOPES.test(dottedName(field(item, 'function')) ?? ''));
    if (bounded && (current.type === 'for_statement' || current.type === 'while_statement')) return true;
  }
  return false;
}

function isWaitFor(call: Node | undefined): boolean {
  const parts = call && callParts(call);
  const timeout = parts && (parts.positional[1] ?? parts.keywords.get('timeout'));
  return parts !== undefined && qualifiedName(parts.callee) === 'asyncio.wait_for' && timeout !== undefined && timeout.type !== 'none';
}

/** The values of a `with` statement's own items (`with a, b as c:` -> a, b). */
function withItems(statement: Node): Node[] {
  return statement
    .descendantsOfType('with_item')
    .filter((item) => item?.parent?.parent?.equals(statement))
    .map((item) => item!.childForFieldName('value'))
    .filter((value) => value !== null);
}

/**
 * `x.wait()` resolving to a project method that is no pure signal wait (facts/signals.ts): it does more, or waits for
 * the object's own lifetime (`Service.wait()`: "until the service stops", whose completion is the stop path). A sleep
 * there ends the service after 0.5 s instead of making it late.
 */
function isProjectNonSignalWait(callee: Node): boolean {
  const definition = calledMethod(callee);
  return definition !== undefined && signalWaitLibrary(definition) === undefined;
}

function methodName(call: Node): string | undefined {
  const callee = call.type === 'call' ? field(call, 'function') : undefined;
  return callee?.type === 'attribute' ? field(callee, 'attribute').text : undefined;
}

/** True when `node` sits in a `with R:` / `async with R:` block (in its own function): R's wait then runs with R held. */
function insideWithOf(node: Node, receiver: string): boolean {
  for (const current of ancestorsInScope(node)) {
    if (current.type === 'with_statement' && withItems(current).some((value) => value.text === receiver)) return true;
  }
  return false;
}

/** A discarded `await R.wait()` / `await R.wait_for(p)` statement on a known async Condition: release, sleep, re-acquire (in a loop on p); sync `R.wait()` / `R.wait(t)` on a threading.Condition likewise. */
function conditionWaitReplacement(statement: Node): string | undefined {
  const expression = statement.namedChildCount === 1 ? statement.firstNamedChild! : undefined;
  if (expression?.type === 'call') return threadingConditionReplacement(expression);
  const call = expression && awaitedCall(expression);
  const wait = call && waitShape(call);
  if (!wait || wait.method === 'join' || signalKind(wait.receiver) !== 'Condition') return undefined;
  const library = signalLibrary(wait.receiver);
  if (library === undefined || library === 'threading') return undefined;
  const receiver = wait.receiver.text;
  const released = `${receiver}.release()\ntry:\n    ${awaitedSleep(library as AsyncLibrary, eventDelay())}\nfinally:\n    await ${receiver}.acquire()`;
  if (wait.method === 'wait') return released;
  const predicate = callParts(call)!.positional[0];
  return `while not (${predicate.text})():\n${released.split('\n').map((line) => `    ${line}`).join('\n')}`;
}

/** `R.wait()` / `R.wait(t)` on a threading.Condition: release, sleep, re-acquire (its `while` re-checks the predicate). */
function threadingConditionReplacement(call: Node): string | undefined {
  const receiver = syncWaitReceiver(call);
  if (!receiver || signalKind(receiver) !== 'Condition' || signalLibrary(receiver) !== 'threading') return undefined;
  return `${receiver.text}.release()\ntry:\n    __import__('time').sleep(${eventDelay()})\nfinally:\n    ${receiver.text}.acquire()`;
}

/** `ev.wait()`, `ev.wait(t)` or `ev.wait(timeout=t)`, not awaited, on a receiver known to be a `threading.Event`. */
function isThreadingEventWait(node: Node): boolean {
  const receiver = syncWaitReceiver(node);
  return receiver !== undefined && signalKind(receiver) === 'Event' && signalLibrary(receiver) === 'threading';
}

/** The receiver of `R.wait()`, `R.wait(t)` or `R.wait(timeout=t)`. */
function syncWaitReceiver(node: Node): Node | undefined {
  if (calleeLastName(node) !== 'wait') return undefined;
  const parts = callParts(node);
  if (!parts || parts.callee.type !== 'attribute' || field(parts.callee, 'attribute').text !== 'wait' || parts.hasSplat) return undefined;
  const argumentCount = parts.positional.length + parts.keywords.size;
  const timeoutOnly = argumentCount === 0 || (argumentCount === 1 && (parts.positional.length === 1 || parts.keywords.has('timeout')));
  return timeoutOnly ? field(parts.callee, 'object') : undefined;
}
