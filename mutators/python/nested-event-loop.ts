/**
 * NestedEventLoop (Python): `await coro(...)` on a project coroutine -> the coroutine runs to completion in a fresh
 * event loop, synchronously: `__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(
 * __import__('asyncio').run, coro(...)).result()`.
 * Why not the literal `asyncio.run(coro(...))`: inside a running loop it raises RuntimeError at once, a trivially killed
 * mutant that says nothing about timing. Running the nested loop on a helper thread is the seed-004 defect that does
 * run: same return value, but the outer loop is frozen until the coroutine finishes, and anything the coroutine
 * shares with the outer loop (events, locks, queues) deadlocks or fails.
 * Only plain calls of coroutines this module defines are mutated: `await f(...)` with a module-level `async def f`, and
 * `await self.m(...)` / `await cls.m(...)` with an `async def m` in the enclosing class. Left alone: library calls, awaits
 * of tasks, futures and attributes (`await self.x`), and modules that import trio (its coroutines cannot run under asyncio).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { awaitedCall, enclosingScope, field, isAsyncFunction, moduleFacts, present } from './syntax.js';

export const nestedEventLoop: PyMutator = {
  name: 'NestedEventLoop',
  *mutate(node) {
    const call = awaitedCall(node);
    if (!call || !callsLocalCoroutine(field(call, 'function')) || usesTrio(node)) return;
    const replacement = `__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(__import__('asyncio').run, ${call.text}).result()`;
    yield { node, replacement, level: 'expression' };
  },
};

function callsLocalCoroutine(callee: Node): boolean {
  if (callee.type === 'identifier') return definesCoroutine(callee.tree.rootNode, callee.text);
  if (callee.type !== 'attribute' || !['self', 'cls'].includes(field(callee, 'object').text)) return false;
  const owner = enclosingClass(callee);
  return owner !== undefined && definesCoroutine(field(owner, 'body'), field(callee, 'attribute').text);
}

/** True when `body` (a module or class body) directly defines `async def name`, decorated or not. */
function definesCoroutine(body: Node, name: string): boolean {
  return present(body.namedChildren)
    .map((statement) => (statement.type === 'decorated_definition' ? field(statement, 'definition') : statement))
    .some((definition) => isAsyncFunction(definition) && field(definition, 'name').text === name);
}

function enclosingClass(node: Node): Node | undefined {
  let scope = enclosingScope(node);
  while (scope && scope.type !== 'class_definition') scope = enclosingScope(scope);
  return scope;
}

function usesTrio(node: Node): boolean {
  return [...moduleFacts(node).imports.values()].some((qualified) => qualified.split('.')[0] === 'trio');
}
