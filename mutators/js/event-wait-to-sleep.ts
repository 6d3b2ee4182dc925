/** EventWaitToSleep (JS/TS): a discarded `await` on an event, latch, idle queue, condition poll or readiness promise becomes a fixed sleep. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { mutatorSettings } from '../settings.js';
import { arrayExpression, arrow, awaitExpression, call, calleeName, cloneNode, hasSignalOption, identifier, isDiscardedAwait, member, memberChain, nameWords, newExpression, noMutants, propertyName, timerPromise, type JsOperator } from './ast.js';
import { isEventPromiseLibrary, isEventsOnce, listenerPromise, pathLookup } from './facts/primitives.js';
import { asWrittenAt, factAt } from './facts/sites.js';

export const eventWaitToSleep: JsOperator = {
  name: 'EventWaitToSleep',
  // A discarded await, a stored or `.then`-chained wait (a call, `new`, or a name: `ready.then(...)`, `this.#ready.then(...)`).
  nodeTypes: new Set(['AwaitExpression', 'CallExpression', 'NewExpression', 'Identifier', 'MemberExpression', 'OptionalMemberExpression']),
  mutate(path) {
    if (isDiscardedAwait(path) && !isConditionLoopBody(path)) {
      const argument = path.get('argument') as NodePath;
      const wait = eventWait(argument);
      return wait && !handsOnEmitter(path, argument.node) ? [awaitExpression(wait === 'keep' ? sleepInstead(argument.node as t.Expression) : timerPromise(mutatorSettings().delayMs))] : noMutants;
    }
    if (isStoredForJoins(path) && eventWait(path) === 'pure') {
      // `const onClose = once(p, 'close'); ... await Promise.race([onClose, ...errorWatchers])`: the promise is the wait.
      return [timerPromise(mutatorSettings().delayMs)];
    }
    if (isThenReceiver(path) || settlesDiscardedThenStep(path)) {
      // `ready(emitter).then(() => start())`: the chain starts after a fixed time instead of on the event.
      // `.then(() => { ...; return serverClosed; }).then(() => onShutdown())`: the next step runs after a fixed time.
      const wait = eventWait(path);
      return wait ? [wait === 'keep' ? sleepInstead(path.node as t.Expression) : timerPromise(mutatorSettings().delayMs)] : noMutants;
    }
    return noMutants;
  },
};

/**
 * The value a `.then` callback returns (`return x;`, `() => x`), when the chain waits for it and then discards it: the
 * next step is a `.then(() => ...)` that takes no value, or the chain is itself returned from such a callback, or awaited
 * as a statement (http-graceful-shutdown: `return serverClosed` two callbacks deep, then `.then(() => options.onShutdown(sig))`).
 * Returning a promise from a callback is awaiting it. Not through a callback with a declared return type (the
 * replacement's type would differ).
 */
function settlesDiscardedThenStep(path: NodePath): boolean {
  const { parent, node } = path;
  if (parent?.type === 'ReturnStatement' && parent.argument === node) return isDiscardingThenCallback(path.getFunctionParent(), 0);
  return parent?.type === 'ArrowFunctionExpression' && parent.body === node && isDiscardingThenCallback(path.parentPath, 0);
}

function isDiscardingThenCallback(fn: NodePath | null, depth: number): boolean {
  const call = fn?.parentPath;
  if (!fn || depth > 5 || (fn.node as t.Function).returnType || call?.node.type !== 'CallExpression') return false;
  const { callee, arguments: args } = call.node;
  if (args[0] !== fn.node || callee.type !== 'MemberExpression' || propertyName(callee) !== 'then') return false;
  const { parent, node } = call;
  // `chain.then(() => next())`
  if (parent?.type === 'MemberExpression' && parent.object === node && propertyName(parent) === 'then') {
    const next = call.parentPath?.parent;
    const [step] = next?.type === 'CallExpression' && next.callee === parent ? next.arguments : [];
    return (step?.type === 'ArrowFunctionExpression' || step?.type === 'FunctionExpression') && step.params.length === 0;
  }
  if (call.parentPath && isDiscardedAwait(call.parentPath)) return true;
  if (parent?.type === 'ReturnStatement' && parent.argument === node) return isDiscardingThenCallback(call.getFunctionParent(), depth + 1);
  return parent?.type === 'ArrowFunctionExpression' && parent.body === node && isDiscardingThenCallback(call.parentPath, depth + 1);
}

/**
 * `await once(instance, 'spawn'); return instance;` (nano-spawn): the caller goes on to wait for a later event of the
 * same emitter (`close`). A sleep in place of the first wait lets a quick emitter fire that later event before anyone
 * listens: the caller's wait never ends (a hang, not a timing defect).
 */
function handsOnEmitter(path: NodePath, waited: t.Node): boolean {
  const emitter = waited.type === 'CallExpression' && waited.arguments[0]?.type === 'Identifier' ? waited.arguments[0].name : undefined;
  const statement = path.parentPath;
  const block = statement?.parent;
  if (!emitter || block?.type !== 'BlockStatement') return false;
  // The statements after the wait in its block: cheap, and where `return instance` follows the wait.
  const following = block.body.slice(block.body.indexOf(statement!.node as t.Statement) + 1);
  return following.some((next) => {
    const value = next.type === 'ReturnStatement' ? next.argument : undefined;
    const names = value?.type === 'Identifier' ? [value] : value?.type === 'ObjectExpression' ? value.properties.flatMap((p) => (p.type === 'ObjectProperty' ? [p.value] : [])) : [];
    return names.some((name) => name.type === 'Identifier' && name.name === emitter);
  });
}

/**
 * `while (full()) await slotFreed();`: the loop re-checks its condition after every wake-up, so a sleep there polls the
 * condition (a latency floor) instead of wagering that the signal came: not this operator's defect.
 */
function isConditionLoopBody(path: NodePath): boolean {
  let statement = path.parentPath;
  if (statement?.parentPath?.node.type === 'BlockStatement' && (statement.parentPath.node as t.BlockStatement).body.length === 1) statement = statement.parentPath;
  const loop = statement?.parentPath?.node;
  return (loop?.type === 'WhileStatement' || loop?.type === 'DoWhileStatement') && loop.body === statement?.node;
}

/**
 * `pure`: the expression only waits, a sleep replaces it whole. `keep`: evaluating it also does work (a helper that
 * starts a directory scan and returns the promise of its end, a listener promise whose executor checks a condition at
 * once): the mutant still evaluates it and only stops waiting for it (`sleepInstead`).
 */
type EventWait = 'pure' | 'keep';

/**
 * An event, latch, condition or readiness wait: a primitive (`once`, a listener promise, `pEvent`), a name that says
 * so, or, through the project facts, a helper, method, variable or field whose promise resolves on an event, and
 * `Promise.all` over such waits (`waits.push(once(w, 'exit'))` ... `await Promise.all(waits)`).
 */
function eventWait(path: NodePath): EventWait | undefined {
  const { node } = path;
  if (node.type === 'CallExpression') {
    // `{ signal }`: a cancellable watcher, which a sleep would run anyway.
    if (hasSignalOption(node)) return undefined;
    const lookup = pathLookup(path);
    if (isEventsOnce(node, lookup) || isEventPromiseLibrary(node, lookup) || isSignalWait(node) || isConditionPoll(node) || isReadinessCall(node)) return 'pure';
    const all = allOfEventWaits(path as NodePath<t.CallExpression>);
    if (all) return all;
    if (isStreamCompletion(path as NodePath<t.CallExpression>)) return 'keep';
  }
  if (node.type === 'NewExpression') {
    const listener = listenerPromise(node);
    if (listener) return listener === 'pure' ? 'pure' : 'keep';
  }
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && isReadinessName(awaitedName(node))) return 'pure';
  const fact = factAt(path);
  return fact?.kind === 'event' ? (fact.keepCall ? 'keep' : 'pure') : undefined;
}

/**
 * `Promise.race([new Promise(r => globalThis.setTimeout(r, ms)), Promise.resolve(x).then(() => new Promise(() => {}))])`:
 * `x` is still evaluated (its work starts, its listeners are registered, a failure before the delay still rejects), but
 * the code goes on after the fixed delay whether or not `x` has settled; a later failure is absorbed by the race.
 */
function sleepInstead(waited: t.Expression): t.CallExpression {
  const never = arrow([], newExpression(identifier('Promise'), [arrow([], { type: 'BlockStatement', body: [], directives: [] } as t.BlockStatement)]));
  const settledNever = call(member(call(member(identifier('Promise'), 'resolve'), [cloneNode(waited)]), 'then'), [never]);
  return call(member(identifier('Promise'), 'race'), [arrayExpression([timerPromise(mutatorSettings().delayMs), settledNever])]);
}

/** `Promise.all(waits)` where every element (array literal, or every `waits.push(x)` in scope) is an event wait. */
function allOfEventWaits(path: NodePath<t.CallExpression>): EventWait | undefined {
  const { node } = path;
  if (memberChain(node.callee)?.join('.') !== 'Promise.all' || node.arguments.length !== 1) return undefined;
  const list = path.get('arguments.0') as NodePath;
  const every = (waits: NodePath[]): EventWait | undefined => {
    const kinds = waits.map((wait) => (wait.node === null ? undefined : eventWait(wait)));
    if (!kinds.length || kinds.includes(undefined)) return undefined;
    return kinds.includes('keep') ? 'keep' : 'pure';
  };
  if (list.node.type === 'ArrayExpression') return every(list.get('elements') as NodePath[]);
  if (list.node.type !== 'Identifier') return undefined;
  const binding = list.scope.getBinding(list.node.name);
  // As written: Stryker's own mutators may have instrumented `const waits = []` already.
  const declaration = binding?.path.node.type === 'VariableDeclarator' ? asWrittenAt(list, binding.path.node) : undefined;
  if (!binding?.constant || declaration?.init?.type !== 'ArrayExpression' || declaration.init.elements.length) return undefined;
  const pushed = binding.referencePaths.map((reference) => {
    const member = reference.parentPath;
    const call = member?.parentPath;
    const isPush = member?.node.type === 'MemberExpression' && propertyName(member.node) === 'push' && call?.node.type === 'CallExpression' && call.node.callee === member.node;
    return isPush ? (call.get('arguments') as NodePath[]) : reference === list ? [] : undefined;
  });
  if (pushed.some((arguments_) => arguments_ === undefined)) return undefined;
  return every(pushed.flat() as NodePath[]);
}

const joins = new Set(['Promise.race', 'Promise.all', 'Promise.allSettled']);

/**
 * `const onClose = once(p, 'close')` whose every use is an element of `await Promise.race([onClose, ...])` (or `.all`,
 * `.allSettled`) with the value discarded (nano-spawn result.js). A promise awaited on its own is mutated where it is
 * awaited instead.
 */
function isStoredForJoins(path: NodePath): boolean {
  const { parent, node } = path;
  if ((node.type !== 'CallExpression' && node.type !== 'NewExpression') || parent?.type !== 'VariableDeclarator' || parent.init !== node || parent.id.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(parent.id.name);
  if (!binding?.constant || !binding.referencePaths.length) return false;
  return binding.referencePaths.every((reference) => {
    const list = reference.parentPath;
    const join = list?.parentPath;
    const awaited = join?.parentPath;
    return (
      list?.node.type === 'ArrayExpression' &&
      join?.node.type === 'CallExpression' &&
      join.node.arguments.length === 1 &&
      join.node.arguments[0] === list.node &&
      joins.has(memberChain(join.node.callee)?.join('.') ?? '') &&
      awaited !== null && awaited !== undefined &&
      isDiscardedAwait(awaited)
    );
  });
}

/** Stream packages whose streams have `.promise()`: resolves on `end`, rejects on `error` (minipass and its family). */
const isMinipassPackage = (source: string): boolean => source === 'minipass' || source.startsWith('minipass-') || source === 'fs-minipass';

/**
 * `await pipeline.promise()` with `const pipeline = new Pipeline(...)` from minipass-pipeline (cacache write.js): waits
 * for the stream's end. Kept and raced (not dropped): the call attaches the stream's error listener, without which a
 * stream error would be an uncaught exception. Only for a receiver constructed in view from a minipass package: a
 * generic `.promise()` is often the request itself (AWS SDK v2 `s3.putObject(p).promise()`).
 */
function isStreamCompletion(path: NodePath<t.CallExpression>): boolean {
  const { callee } = path.node;
  if (path.node.arguments.length || callee.type !== 'MemberExpression' || propertyName(callee) !== 'promise') return false;
  let constructed: t.Node | null | undefined = callee.object;
  if (constructed.type === 'Identifier') {
    const binding = path.scope.getBinding(constructed.name);
    constructed = binding?.constant && binding.path.node.type === 'VariableDeclarator' ? binding.path.node.init : undefined;
  }
  if (constructed?.type !== 'NewExpression' || constructed.callee.type !== 'Identifier') return false;
  const origin = pathLookup(path).origin(constructed.callee.name);
  return origin !== undefined && isMinipassPackage(origin.source);
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
