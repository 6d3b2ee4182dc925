/**
 * BlockingSleep (Python): `await asyncio.sleep(d)` / `await anyio.sleep(d)` / `await trio.sleep(d)` ->
 * `__import__('time').sleep(d)`, which freezes the whole event loop for d. Both return None; sleeps with asyncio's
 * `result` argument and zero-delay sleeps (cooperative yields, not waits) are left alone.
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { qualifiedName } from './facts/names.js';
import { awaitedCall, callParts, isZeroLiteral } from './syntax.js';

const ASYNC_SLEEPS = new Set(['asyncio.sleep', 'anyio.sleep', 'trio.sleep']);

export const blockingSleep: PyMutator = {
  name: 'BlockingSleep',
  *mutate(node) {
    const call = awaitedCall(node);
    const delay = call && sleepDelay(call);
    if (delay && !isZeroLiteral(delay)) yield { node, replacement: `__import__('time').sleep(${delay.text})`, level: 'expression' };
  },
};

/** The delay argument of an async library sleep that takes nothing else (`sleep(d)`, `sleep(delay=d)`, `sleep(seconds=d)`). */
function sleepDelay(call: Node): Node | undefined {
  const parts = callParts(call)!;
  if (!ASYNC_SLEEPS.has(qualifiedName(parts.callee) ?? '') || parts.hasSplat || parts.positional.length + parts.keywords.size !== 1) return undefined;
  return parts.positional[0] ?? parts.keywords.get('delay') ?? parts.keywords.get('seconds');
}
