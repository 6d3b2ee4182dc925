/**
 * DropOffload (Python): blocking work that was offloaded to a thread runs on the event loop again, with the same result.
 * `await asyncio.to_thread(f, *a, **k)` -> `f(*a, **k)`; `await loop.run_in_executor(ex, f, *a)` -> `f(*a)`;
 * `await anyio.to_thread.run_sync(f, *a)` / `await trio.to_thread.run_sync(f, *a)` -> `f(*a)` (their keyword
 * arguments configure the thread, not `f`, so they are dropped). A project coroutine that only offloads its first
 * parameter with its `*args` (a wrapper such as `run_sync(func, *args, limiter=...)`) counts as an offload at its calls.
 * A stored `fut = loop.run_in_executor(ex, f, *a)` awaited later becomes a future of the same loop completed inline
 * with `f(*a)`'s result or exception (statement level).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { ownDescendants } from './facts/module.js';
import { calledDefinition, calledMethod, qualifiedName } from './facts/names.js';
import { asCallee, awaitedCall, callParts, enclosingScope, field, inAsyncFunction, isAsyncFunction, parameterName, present, splatKind, type CallParts } from './syntax.js';

export const dropOffload: PyMutator = {
  name: 'DropOffload',
  nodeTypes: ['await', 'expression_statement'],
  *mutate(node) {
    if (node.type === 'expression_statement') {
      const stored = storedExecutorFuture(node);
      if (stored) yield { node, replacement: stored, level: 'statement' };
      return;
    }
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
  const wrapper = offloadWrapper(parts.callee);
  return wrapper && directCall(parts.positional, wrapper.passesKeywords ? keywordTexts(parts) : []);
}

/**
 * A project coroutine that only offloads its first parameter with its `*args` (`async def run_sync(func, *args,
 * limiter=None): return await anyio.to_thread.run_sync(func, *args, limiter=limiter)`): a call of it is an offload too.
 * Its other keywords configure the thread unless the wrapper hands `**kwargs` on to the function.
 */
function offloadWrapper(callee: Node): { passesKeywords: boolean } | undefined {
  const definition = calledDefinition(callee);
  if (!definition || definition.owner || definition.node.type !== 'function_definition' || !isAsyncFunction(definition.node)) return undefined;
  const parameters = present(field(definition.node, 'parameters').namedChildren);
  const [target, splat] = [parameters[0] && parameterName(parameters[0]), parameters.find((parameter) => splatKind(parameter) === 'list_splat_pattern')];
  const statements = present(field(definition.node, 'body').namedChildren).filter((statement) => !isDocstring(statement));
  const returned = statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].firstNamedChild : null;
  const inner = returned?.type === 'await' ? returned.firstNamedChild : null;
  const innerParts = inner?.type === 'call' ? callParts(inner) : undefined;
  if (!innerParts || !target || !splat || !offloadedCall(innerParts)) return undefined;
  const [first, ...rest] = innerParts.positional.filter((argument) => argument.type !== 'dictionary_splat');
  if (first?.text !== target || rest.length !== 1 || rest[0].text !== `*${parameterName(splat)}`) return undefined;
  const keywordsSplat = parameters.find((parameter) => splatKind(parameter) === 'dictionary_splat_pattern');
  const passesKeywords = keywordsSplat !== undefined && innerParts.positional.some((argument) => argument.text === `**${parameterName(keywordsSplat)}`);
  return { passesKeywords };
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.firstNamedChild?.type === 'string';
}

/**
 * `fut = loop.run_in_executor(ex, f, *a)` stored and awaited later in the same coroutine (`await asyncio.shield(fut)`,
 * `fut.done()`, `fut.cancel()`): the future stays a future of the same loop, completed with what `f(*a)` returns (or
 * raises) computed inline, so every later use sees the same result. The executor must be a name or None (not evaluating
 * it loses nothing), and `run_in_executor` the loop's, not a project method of that name.
 */
function storedExecutorFuture(statement: Node): string | undefined {
  const assignment = statement.namedChildCount === 1 ? statement.firstNamedChild : null;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('type')) return undefined;
  const [target, value] = [field(assignment, 'left'), assignment.childForFieldName('right')];
  const parts = value?.type === 'call' ? callParts(value) : undefined;
  if (target.type !== 'identifier' || !parts || !isRunInExecutor(parts.callee) || parts.keywords.size > 0 || calledMethod(parts.callee) || !inAsyncFunction(statement)) return undefined;
  const [executor, ...job] = parts.positional;
  const direct = executor && ['identifier', 'attribute', 'none'].includes(executor.type) ? directCall(job, []) : undefined;
  const scope = enclosingScope(statement)!;
  const awaitedLater = ownDescendants(field(scope, 'body'), 'await').some((wait) => wait.startIndex > statement.endIndex && wait.descendantsOfType('identifier').some((name) => name?.text === target.text));
  if (!direct || !awaitedLater) return undefined;
  const future = target.text;
  return `${future} = ${field(parts.callee, 'object').text}.create_future()\ntry:\n    ${future}.set_result(${direct})\nexcept BaseException as _sleepmut_error:\n    ${future}.set_exception(_sleepmut_error)`;
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
