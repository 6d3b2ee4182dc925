/**
 * DropOffload (Python): blocking work that was offloaded to a thread runs on the event loop again, with the same result.
 * `await asyncio.to_thread(f, *a, **k)` -> `f(*a, **k)`; `await loop.run_in_executor(ex, f, *a)` -> `f(*a)`;
 * `await anyio.to_thread.run_sync(f, *a)` / `await trio.to_thread.run_sync(f, *a)` -> `f(*a)` (their keyword
 * arguments configure the thread, not `f`, so they are dropped).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { qualifiedName } from './facts/names.js';
import { asCallee, awaitedCall, callParts, field, type CallParts } from './syntax.js';

export const dropOffload: PyMutator = {
  name: 'DropOffload',
  nodeTypes: ['await'],
  *mutate(node) {
    const call = awaitedCall(node);
    const offloaded = call && offloadedCall(callParts(call)!);
    if (offloaded) yield { node, replacement: offloaded, level: 'expression' };
  },
};

/** The direct call the offload stands for, or undefined when `parts` is no offload. */
function offloadedCall(parts: CallParts): string | undefined {
  const offloader = qualifiedName(parts.callee);
  if (offloader === 'asyncio.to_thread') return directCall(parts.positional, keywordTexts(parts));
  if (offloader === 'anyio.to_thread.run_sync' || offloader === 'trio.to_thread.run_sync') return directCall(parts.positional, []);
  if (isRunInExecutor(parts.callee)) return parts.keywords.size === 0 ? directCall(parts.positional.slice(1), []) : undefined;
  return undefined;
}

function isRunInExecutor(callee: Node): boolean {
  return callee.type === 'attribute' && field(callee, 'attribute').text === 'run_in_executor';
}

/** `f(a, *b, k=v)` from the offload's arguments [f, a, *b] and keyword texts; undefined when f itself is splatted or missing. */
function directCall(positional: readonly Node[], keywords: readonly string[]): string | undefined {
  const [target, ...args] = positional;
  if (!target || target.type === 'list_splat' || target.type === 'dictionary_splat') return undefined;
  return `${asCallee(target)}(${[...args.map((arg) => arg.text), ...keywords].join(', ')})`;
}

function keywordTexts(parts: CallParts): string[] {
  return [...parts.keywords].map(([name, value]) => `${name}=${value.text}`);
}
