/** Which calls hand back work that is already running (a task, a future, a thread-pool job) rather than an un-started coroutine: awaiting such results one by one changes nothing. */
import type { Node } from 'web-tree-sitter';
import { field, isAsyncFunction, present, unwrapParentheses } from '../syntax.js';
import { ownDescendants } from './module.js';
import { calledDefinition, qualifiedName } from './names.js';

/** Library calls and method names that start work at once and return its handle. */
const STARTERS = new Set(['asyncio.create_task', 'asyncio.ensure_future', 'asyncio.gather', 'asyncio.shield', 'asyncio.run_coroutine_threadsafe', 'asyncio.wrap_future']);
const STARTER_METHODS = new Set(['create_task', 'ensure_future', 'run_in_executor', 'submit', 'spawn', 'start_soon', 'start', 'run_coroutine_threadsafe', 'create_future']);

/** True when `call` starts work (a task/future) instead of creating an un-started coroutine: a library starter, or a project function that returns one. */
export function startsTask(call: Node, depth = 0): boolean {
  if (call.type !== 'call') return false;
  const callee = field(call, 'function');
  if (STARTERS.has(qualifiedName(callee) ?? '')) return true;
  if (callee.type === 'attribute' && STARTER_METHODS.has(field(callee, 'attribute').text)) return true;
  const definition = depth < 3 ? calledDefinition(callee) : undefined;
  if (!definition || definition.node.type !== 'function_definition' || isAsyncFunction(definition.node)) return false;
  // A project function returning a started task (`def spawn(c): return asyncio.create_task(c)`).
  return ownDescendants(field(definition.node, 'body'), 'return_statement').some((statement) => {
    const value = present(statement.namedChildren)[0];
    return value !== undefined && startsTask(unwrapParentheses(value), depth + 1);
  });
}

/** True when `call` runs a project coroutine that never returns (its body loops in `while True:` without break or return): awaiting it first would starve the rest. */
export function runsForever(call: Node): boolean {
  if (call.type !== 'call') return false;
  const definition = calledDefinition(field(call, 'function'));
  if (!definition || definition.node.type !== 'function_definition' || !isAsyncFunction(definition.node)) return false;
  return present(field(definition.node, 'body').namedChildren).some(
    (statement) => statement.type === 'while_statement' && ['True', '1'].includes(field(statement, 'condition').text) && ownDescendants(field(statement, 'body'), ['break_statement', 'return_statement']).length === 0,
  );
}
