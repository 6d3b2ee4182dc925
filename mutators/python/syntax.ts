/** Python syntax helpers shared by the operators and the facts pass: dotted names, tree navigation, await context, value-use predicates and replacement spellings (nothing here looks beyond one node's tree). */
import type { Node, Tree } from 'web-tree-sitter';
import { mutatorSettings } from '../settings.js';

export type AsyncLibrary = 'asyncio' | 'anyio' | 'trio';
/** The library whose sleep a replacement awaits; 'either' in runtime-neutral code of a project running on asyncio and trio: the running one. */
export type SleepLibrary = AsyncLibrary | 'either';

// Names.

/** `x` -> 'x', `a.b.c` -> 'a.b.c'; undefined for anything else (calls, subscripts). */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = dottedName(field(node, 'object'));
  return object === undefined ? undefined : `${object}.${field(node, 'attribute').text}`;
}

/** `x`, `x=1`, `x: int`, `x: int = 1`, `*x`, `**x` -> 'x'. */
export function parameterName(parameter: Node): string | undefined {
  const named = parameter.childForFieldName('name') ?? parameter.firstNamedChild ?? parameter;
  const identifier = named.type === 'identifier' ? named : named.firstNamedChild;
  return identifier?.type === 'identifier' ? identifier.text : undefined;
}

/** `*args` / `**kw` parameters, annotated (`*args: Awaitable[T]`) or not: `list_splat_pattern` / `dictionary_splat_pattern`. */
export function splatKind(parameter: Node): string {
  return parameter.type === 'typed_parameter' ? (parameter.firstNamedChild?.type ?? '') : parameter.type;
}

export function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

// Tree navigation.

export function field(node: Node, name: string): Node {
  const child = node.childForFieldName(name);
  if (!child) throw new Error(`tree-sitter node ${node.type} has no ${name}`);
  return child;
}

export function present(nodes: readonly (Node | null)[]): Node[] {
  return nodes.filter((node): node is Node => node !== null);
}

/** `(x)` -> x, through any number of parentheses. */
export function unwrapParentheses(node: Node): Node {
  return node.type === 'parenthesized_expression' && node.namedChildCount === 1 ? unwrapParentheses(node.namedChild(0)!) : node;
}

const SCOPE_TYPES = ['function_definition', 'lambda', 'class_definition'];
/** Every scope node of a tree in start order, collected once per tree (`node.parent` walks from the root each time: too slow per node). */
const scopesByTree = new WeakMap<Tree, Node[]>();

/** The ancestors of `node` inside its own scope, innermost first: up to, not including, the nearest function, lambda or class. */
export function* ancestorsInScope(node: Node): Generator<Node> {
  for (let current = node.parent; current && !SCOPE_TYPES.includes(current.type); current = current.parent) yield current;
}

/** The nearest enclosing function, lambda or class (the scope an await would belong to), if any. */
export function enclosingScope(node: Node): Node | undefined {
  let scopes = scopesByTree.get(node.tree);
  if (!scopes) scopesByTree.set(node.tree, (scopes = present(node.tree.rootNode.descendantsOfType(SCOPE_TYPES))));
  let innermost: Node | undefined;
  for (const scope of scopes) {
    if (scope.startIndex > node.startIndex) break;
    const contains = node.endIndex <= scope.endIndex && scope.id !== node.id && (scope.startIndex < node.startIndex || scope.endIndex > node.endIndex || isAncestor(scope, node));
    if (contains) innermost = scope;
  }
  return innermost;
}

/** For a scope and a node with the same range (a lambda whose body spans it all is impossible; kept exact anyway). */
function isAncestor(scope: Node, node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.id === scope.id) return true;
  return false;
}

export function isAsyncFunction(node: Node | undefined): boolean {
  return node?.type === 'function_definition' && node.firstChild?.type === 'async';
}

/** True when an await at `node` would run inside an `async def` (not a lambda, class body or module level). */
export function inAsyncFunction(node: Node): boolean {
  return isAsyncFunction(enclosingScope(node));
}

// Calls.

export interface CallParts {
  readonly callee: Node;
  readonly positional: readonly Node[];
  readonly keywords: ReadonlyMap<string, Node>;
  /** True when an argument is `*xs`, `**kw` or a bare generator expression. */
  readonly hasSplat: boolean;
}

/** The last name a call's callee spells (`asyncio.sleep(...)` -> 'sleep', `f(...)` -> 'f'), '' for other nodes: a cheap filter before `callParts`. */
export function calleeLastName(node: Node): string {
  if (node.type !== 'call') return '';
  const callee = node.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  return callee?.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : '';
}

export function callParts(call: Node): CallParts | undefined {
  if (call.type !== 'call') return undefined;
  const argumentList = field(call, 'arguments');
  const args = argumentList.type === 'argument_list' ? present(argumentList.namedChildren).filter((arg) => arg.type !== 'comment') : [argumentList];
  const keywords = new Map(args.filter((arg) => arg.type === 'keyword_argument').map((arg) => [field(arg, 'name').text, field(arg, 'value')] as const));
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const hasSplat = argumentList.type !== 'argument_list' || positional.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat');
  return { callee: field(call, 'function'), positional, keywords, hasSplat };
}

/** The call awaited by `node` (`await f(x)` -> `f(x)`), when `node` is such an await inside an async function. */
export function awaitedCall(node: Node): Node | undefined {
  if (node.type !== 'await') return undefined;
  const call = node.namedChild(0);
  return call?.type === 'call' && inAsyncFunction(node) ? call : undefined;
}

// How a value is used.

/** The expression's value is thrown away: it is the whole of an expression statement. */
export function isDiscarded(node: Node): boolean {
  return node.parent?.type === 'expression_statement' && node.parent.namedChildCount === 1;
}

/** The expression's value only decides a branch: `if x:`, `while x:`, `not x`, `assert x`, `a if x else b`, or an and/or inside one of those. */
export function isUsedAsFlag(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'parenthesized_expression') return isUsedAsFlag(parent);
  if (parent.type === 'not_operator') return true;
  if (parent.type === 'boolean_operator') return isUsedAsFlag(parent);
  if (parent.type === 'assert_statement') return parent.firstNamedChild?.equals(node) ?? false;
  return ['if_statement', 'elif_clause', 'while_statement', 'conditional_expression'].includes(parent.type) && isCondition(parent, node);
}

function isCondition(statement: Node, node: Node): boolean {
  const condition = statement.type === 'conditional_expression' ? statement.namedChild(1) : statement.childForFieldName('condition');
  return condition?.equals(node) ?? false;
}

export function isNumericLiteral(node: Node): boolean {
  return node.type === 'integer' || node.type === 'float';
}

/** `0`, `0.0`, `0e0`, `0x0`, `0_0`. */
export function isZeroLiteral(node: Node): boolean {
  return isNumericLiteral(node) && Number(node.text.replaceAll('_', '')) === 0;
}

// Replacement spellings (no import edits: `__import__` reaches any module).

export function seconds(ms: number): string {
  return String(ms / 1000);
}

/** `await __import__('anyio').sleep(0.5)`: the non-blocking sleep of `library`; for 'either', asyncio's when an asyncio loop runs, else trio's. */
export function awaitedSleep(library: SleepLibrary, delay: string): string {
  if (library === 'either') return `await (__import__('asyncio').sleep(${delay}) if __import__('asyncio')._get_running_loop() is not None else __import__('trio').sleep(${delay}))`;
  return `await __import__('${library}').sleep(${delay})`;
}

/** The event-wait delay from the settings, in seconds. */
export function eventDelay(): string {
  return seconds(mutatorSettings().delayMs);
}

/** Source text of `node` usable as a call's callee: primaries as they are, anything else in parentheses. */
export function asCallee(node: Node): string {
  return ['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression'].includes(node.type) ? node.text : `(${node.text})`;
}
