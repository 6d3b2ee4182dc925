/**
 * EventWaitToSleep (Python): an event wait becomes a fixed sleep (delayMs, default 0.5 s) that hopes the signal came.
 * Async: `await ev.wait()`, `await cond.wait()`, `await cond.wait_for(pred)`, `await queue.join()` and
 * `await asyncio.wait_for(ev.wait(), t)` -> the module's own sleep (anyio/trio/asyncio), when the value is discarded;
 * asyncio waits used only as a truthy flag become `await asyncio.sleep(0.5, True)` (asyncio's sleep returns its `result`).
 * Sync: a discarded `ev.wait()` / `ev.wait(t)` on a known `threading.Event` -> `time.sleep(0.5)`.
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { asyncEventLibrary, awaitedCall, awaitedSleep, callParts, dottedName, eventDelay, field, isDiscarded, isLibraryName, isUsedAsFlag, moduleFacts, qualifiedName } from './syntax.js';

/** Method name -> how many positional arguments the wait takes, and whether its value is a truthy flag on asyncio. */
const WAIT_METHODS: ReadonlyMap<string, { arity: number; flag: boolean }> = new Map([
  ['wait', { arity: 0, flag: true }],
  ['wait_for', { arity: 1, flag: true }],
  ['join', { arity: 0, flag: false }],
]);

export const eventWaitToSleep: PyMutator = {
  name: 'EventWaitToSleep',
  *mutate(node) {
    const asyncWait = asyncWaitKind(node);
    if (asyncWait) {
      const library = asyncEventLibrary(asyncWait.receiver) ?? moduleFacts(node).library;
      if (isDiscarded(node)) yield { node, replacement: awaitedSleep(library, eventDelay()), level: 'expression' };
      else if (asyncWait.flag && library === 'asyncio' && isUsedAsFlag(node)) yield { node, replacement: awaitedSleep('asyncio', `${eventDelay()}, True`), level: 'expression' };
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
  readonly flag: boolean;
}

/** `R.wait()`, `R.wait_for(p)` or `R.join()` with the right arity, unless R is a library module (`asyncio.wait(...)`). */
function waitShape(call: Node): WaitShape | undefined {
  const parts = callParts(call);
  const method = methodName(call);
  const shape = method === undefined ? undefined : WAIT_METHODS.get(method);
  if (!parts || !shape || parts.hasSplat || parts.keywords.size > 0 || parts.positional.length !== shape.arity) return undefined;
  const receiver = field(parts.callee, 'object');
  return isLibraryName(receiver) ? undefined : { receiver, flag: shape.flag };
}

function methodName(call: Node): string | undefined {
  const callee = call.type === 'call' ? field(call, 'function') : undefined;
  return callee?.type === 'attribute' ? field(callee, 'attribute').text : undefined;
}

/** `ev.wait()`, `ev.wait(t)` or `ev.wait(timeout=t)`, not awaited, on a receiver bound to `threading.Event`. */
function isThreadingEventWait(node: Node): boolean {
  const parts = callParts(node);
  if (!parts || parts.callee.type !== 'attribute' || field(parts.callee, 'attribute').text !== 'wait' || parts.hasSplat) return false;
  const argumentCount = parts.positional.length + parts.keywords.size;
  const timeoutOnly = argumentCount === 0 || (argumentCount === 1 && (parts.positional.length === 1 || parts.keywords.has('timeout')));
  const receiver = dottedName(field(parts.callee, 'object'));
  return timeoutOnly && receiver !== undefined && moduleFacts(node).events.get(receiver) === 'threading.Event';
}
