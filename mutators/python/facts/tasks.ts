/** Which calls hand back work that is already running (a task, a future, a thread-pool job) rather than an un-started coroutine (awaiting such results one by one changes nothing), and which project coroutines gather their arguments. */
import type { Node } from 'web-tree-sitter';
import { callParts, field, isAsyncFunction, parameterName, present, splatKind, unwrapParentheses } from '../syntax.js';
import { ownDescendants } from './module.js';
import { calledDefinition, qualifiedName } from './names.js';
import type { Definition } from './project.js';

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

/**
 * True when a project coroutine runs its `*args` awaitables concurrently and returns their results as a list in argument
 * order, as `asyncio.gather` does (a project gather wrapper such as `async def gather(*args, return_exceptions=False,
 * limit=-1) -> list[Any]`): it hands `*args` to `asyncio.gather`, or starts its items as tasks (`ensure_future(args[i])`,
 * `create_task(a)` for `a` in args), and returns `await asyncio.gather(*args, ...)` or is annotated to return a list.
 */
export function gathersArguments(definition: Definition | undefined): boolean {
  if (!definition || definition.node.type !== 'function_definition' || !isAsyncFunction(definition.node)) return false;
  const splat = present(field(definition.node, 'parameters').namedChildren).find((parameter) => splatKind(parameter) === 'list_splat_pattern');
  const args = splat && parameterName(splat);
  if (!args) return false;
  const body = field(definition.node, 'body');
  const calls = ownDescendants(body, 'call');
  const handsOn = calls.some((call) => {
    const parts = callParts(call)!;
    const name = qualifiedName(parts.callee) ?? '';
    if (name === 'asyncio.gather') return parts.positional.some((argument) => argument.text === `*${args}`);
    const starter = name === 'asyncio.ensure_future' || name === 'asyncio.create_task' || (parts.callee.type === 'attribute' && field(parts.callee, 'attribute').text === 'create_task');
    return starter && parts.positional[0] !== undefined && itemOf(parts.positional[0], args, body);
  });
  const returnType = definition.node.childForFieldName('return_type');
  const returnsList = returnType !== null && /^(typing\.)?(list|List)(\[|$)/.test(returnType.text);
  const returnsGather = ownDescendants(body, 'return_statement').some((statement) => {
    const value = statement.firstNamedChild;
    const call = value?.type === 'await' ? value.firstNamedChild : null;
    return call?.type === 'call' && qualifiedName(field(call, 'function')) === 'asyncio.gather';
  });
  return handsOn && (returnsList || returnsGather);
}

/** `args[i]`, or a loop variable over `args` (`for a in args:`). */
function itemOf(node: Node, args: string, body: Node): boolean {
  if (node.type === 'subscript') return field(node, 'value').text === args;
  return node.type === 'identifier' && ownDescendants(body, 'for_statement').some((loop) => field(loop, 'left').text === node.text && field(loop, 'right').text === args);
}
