/**
 * NestedEventLoop (Python): `await coro(...)` on a project coroutine -> the coroutine runs to completion in a fresh
 * event loop, synchronously: `__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(
 * __import__('asyncio').run, coro(...)).result()`.
 * Why not the literal `asyncio.run(coro(...))`: inside a running loop it raises RuntimeError at once, a trivially killed
 * mutant that says nothing about timing. Running the nested loop on a helper thread is the seed-004 defect that does
 * run: same return value, but the outer loop is frozen until the coroutine finishes, and anything the coroutine
 * shares with the outer loop (events, locks, queues) deadlocks or fails.
 * Only plain calls of coroutines this module defines at module level are mutated: `await f(...)` with `async def f`.
 * Left alone: methods (`await self.m(...)`, `await cls.m(...)`): they reach instance state bound to the outer loop
 * (locks, events, queues, connections), so the nested loop raises at once: on real code (docs/precision.md) every
 * sampled method site was trivially killed or unclear. Also left alone: library calls, awaits of tasks, futures and
 * attributes (`await self.x`), and modules that import trio (its coroutines cannot run under asyncio).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { moduleFacts } from './facts/names.js';
import { awaitedCall, field, isAsyncFunction, present } from './syntax.js';

export const nestedEventLoop: PyMutator = {
  name: 'NestedEventLoop',
  nodeTypes: ['await'],
  *mutate(node) {
    const call = awaitedCall(node);
    if (!call || !callsLocalCoroutine(field(call, 'function')) || usesTrio(node)) return;
    const replacement = `__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(__import__('asyncio').run, ${call.text}).result()`;
    yield { node, replacement, level: 'expression' };
  },
};

function callsLocalCoroutine(callee: Node): boolean {
  return callee.type === 'identifier' && definesCoroutine(callee.tree.rootNode, callee.text);
}

/** True when the module body directly defines `async def name`, decorated or not. */
function definesCoroutine(body: Node, name: string): boolean {
  return present(body.namedChildren)
    .map((statement) => (statement.type === 'decorated_definition' ? field(statement, 'definition') : statement))
    .some((definition) => isAsyncFunction(definition) && field(definition, 'name').text === name);
}

function usesTrio(node: Node): boolean {
  return [...moduleFacts(node).imports.values()].some((qualified) => qualified.split('.')[0] === 'trio');
}
