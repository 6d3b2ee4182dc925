/**
 * SerializeConcurrency (Python): work meant to overlap runs one awaitable at a time; gather returns a list, so the list
 * holds the same values. `await asyncio.gather(a(), b())` -> `[await a(), await b()]` (two or more call arguments);
 * `await asyncio.gather(*[f(x) for x in xs])` (or a generator) -> `[await f(x) for x in xs]`; `await
 * asyncio.gather(*tasks)` where `tasks` is a list of un-started coroutines built in the same function (`tasks = [f(x)
 * for x in xs]`, or `tasks = []` plus `tasks.append(f(x))`) and used nowhere else -> `[await t for t in tasks]`.
 * `return_exceptions=True`: each awaitable runs alone through `gather(aw, return_exceptions=True)`, so an exception is
 * captured in its place in the list, exactly as the concurrent gather does.
 * A project gather wrapper (`async def gather(*args, return_exceptions=False, limit=-1)` that starts its arguments as
 * tasks and returns their results in order) is serialized the same way, each awaitable passed to it alone with the same
 * keywords, so its own exception handling applies: `[(await gather(aw, limit=n))[0] for aw in [...]]`.
 * Left alone: gathers over tasks already started (`create_task`, `ensure_future`, `run_in_executor`, project functions
 * returning those: awaiting them in turn changes nothing), over queue puts (equivalent), over project coroutines that
 * loop forever (serialized, the others never start: a hang by construction), over plain names, and any other keyword.
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { ownDescendants } from './facts/module.js';
import { calledDefinition, qualifiedName } from './facts/names.js';
import { gathersArguments, runsForever, startsTask } from './facts/tasks.js';
import { awaitedCall, callParts, enclosingScope, field, parameterName, present, type CallParts } from './syntax.js';

const ITEM = '_sleepmut_aw';

export const serializeConcurrency: PyMutator = {
  name: 'SerializeConcurrency',
  nodeTypes: ['await'],
  *mutate(node) {
    const call = awaitedCall(node);
    const parts = call && callParts(call)!;
    const awaitOne = parts && oneAtATime(parts);
    if (!parts || !awaitOne) return;
    const replacement = sequentialCalls(parts, awaitOne) ?? sequentialComprehension(parts, awaitOne) ?? sequentialList(parts, node, awaitOne);
    if (replacement) yield { node, replacement, level: 'expression' };
  },
};

/**
 * How one awaitable runs alone, for a gather the operator knows: asyncio's (no keywords: `await x`; with
 * `return_exceptions=True`: `(await asyncio.gather(x, return_exceptions=True))[0]`), or a project gather wrapper
 * (facts/tasks.ts) called with that one awaitable and the same keywords, each a plain name or literal (evaluating it
 * again changes nothing): `(await gather(x, return_exceptions=r, limit=n))[0]`.
 */
function oneAtATime(parts: CallParts): ((item: string) => string) | undefined {
  if (qualifiedName(parts.callee) === 'asyncio.gather') {
    if (!onlyReturnExceptions(parts)) return undefined;
    return parts.keywords.has('return_exceptions') ? (item) => `(await ${parts.callee.text}(${item}, return_exceptions=True))[0]` : (item) => `await ${item}`;
  }
  const keywords = [...parts.keywords];
  if (parts.positional.length < 2 && !splatted(parts)) return undefined;
  if (!keywords.every(([, value]) => SIMPLE_VALUES.includes(value.type)) || !gathersArguments(calledDefinition(parts.callee))) return undefined;
  return (item) => `(await ${parts.callee.text}(${[item, ...keywords.map(([name, value]) => `${name}=${value.text}`)].join(', ')}))[0]`;
}

const SIMPLE_VALUES = ['identifier', 'attribute', 'integer', 'float', 'true', 'false', 'none', 'string', 'unary_operator'];

/** No keywords, or only `return_exceptions=True`. */
function onlyReturnExceptions(parts: CallParts): boolean {
  return parts.keywords.size === 0 || (parts.keywords.size === 1 && parts.keywords.get('return_exceptions')?.text === 'True');
}

/** A call creating an un-started coroutine worth serializing: not a started task, not a queue put (only waits for space: serialized puts are equivalent), not a coroutine that never returns (serialized, the rest would never start). */
function isCoroutineCall(node: Node): boolean {
  if (node.type !== 'call' || startsTask(node) || runsForever(node)) return false;
  const callee = field(node, 'function');
  return !(callee.type === 'attribute' && field(callee, 'attribute').text === 'put');
}

/** `gather(a(), b())` -> `[await a(), await b()]`. */
function sequentialCalls(parts: CallParts, awaitOne: (item: string) => string): string | undefined {
  const { positional } = parts;
  if (positional.length < 2 || !positional.every(isCoroutineCall)) return undefined;
  return `[${positional.map((arg) => awaitOne(arg.text)).join(', ')}]`;
}

/**
 * `gather(*[f(x) for x in xs])` or `gather(*(f(x) for x in xs))` -> `[await f(x) for x in xs]`. An async comprehension
 * (`async for`) is first drained into a list, as the gather does before it starts anything: `[await aw for aw in
 * [f(x) async for x in xs]]`, so the iteration does not interleave with the awaited work.
 */
function sequentialComprehension(parts: CallParts, awaitOne: (item: string) => string): string | undefined {
  const comprehension = splatted(parts);
  if (!comprehension || !['list_comprehension', 'generator_expression'].includes(comprehension.type)) return undefined;
  const body = field(comprehension, 'body');
  if (!isCoroutineCall(body)) return undefined;
  const clauses = comprehension.text.slice(body.endIndex - comprehension.startIndex, -1);
  const isAsync = present(comprehension.namedChildren).some((clause) => clause.type === 'for_in_clause' && clause.firstChild?.type === 'async');
  return isAsync ? `[${awaitOne(ITEM)} for ${ITEM} in [${body.text}${clauses}]]` : `[${awaitOne(body.text)}${clauses}]`;
}

function splatted(parts: CallParts): Node | null {
  const [splat] = parts.positional;
  return parts.positional.length === 1 && splat.type === 'list_splat' ? splat.firstNamedChild : null;
}

/** `gather(*tasks)` over a local list of un-started coroutines -> `[await t for t in tasks]`. */
function sequentialList(parts: CallParts, gather: Node, awaitOne: (item: string) => string): string | undefined {
  const list = splatted(parts);
  const scope = enclosingScope(gather);
  if (list?.type !== 'identifier' || !scope || scope.type !== 'function_definition' || !holdsOnlyCoroutines(scope, list)) return undefined;
  return `[${awaitOne(ITEM)} for ${ITEM} in ${list.text}]`;
}

/**
 * True when `name` is bound once in the function, to a list of coroutine calls (`[f(x) for x in xs]`, `[f(a), f(b)]`,
 * or `[]` filled by `name.append(f(x))`), and used nowhere but there and in the gather.
 */
function holdsOnlyCoroutines(scope: Node, name: Node): boolean {
  if (present(field(scope, 'parameters').namedChildren).some((parameter) => parameterName(parameter) === name.text)) return false;
  const uses = ownDescendants(field(scope, 'body'), 'identifier').filter((identifier) => identifier.text === name.text && !identifier.equals(name));
  const assignments = uses.filter((use) => use.parent?.type === 'assignment' && field(use.parent, 'left').equals(use));
  const appends = uses.filter((use) => isAppendReceiver(use));
  if (assignments.length !== 1 || assignments.length + appends.length !== uses.length) return false;
  const value = field(assignments[0].parent!, 'right');
  const appended = appends.map((use) => callParts(use.parent!.parent!)!.positional[0]);
  if (value.type === 'list_comprehension') return appends.length === 0 && isCoroutineCall(field(value, 'body'));
  if (value.type !== 'list') return false;
  const elements = present(value.namedChildren);
  return [...elements, ...appended].length > 0 && [...elements, ...appended].every((element) => element !== undefined && isCoroutineCall(element));
}

/** `name.append(x)` with one positional argument. */
function isAppendReceiver(use: Node): boolean {
  const attribute = use.parent;
  if (attribute?.type !== 'attribute' || !field(attribute, 'object').equals(use) || field(attribute, 'attribute').text !== 'append') return false;
  const call = attribute.parent;
  const parts = call?.type === 'call' ? callParts(call) : undefined;
  return parts !== undefined && parts.positional.length === 1 && parts.keywords.size === 0 && !parts.hasSplat;
}
