/** Python syntax helpers shared by the operators: dotted names, a module's import and event tables, await context, value-use predicates and replacement spellings. */
import type { Node, Tree } from 'web-tree-sitter';
import { mutatorSettings } from '../settings.js';

export type AsyncLibrary = 'asyncio' | 'anyio' | 'trio';

/** What a module binds: local name -> qualified name (`aio` -> `asyncio`, `sleep` -> `asyncio.sleep`, relative imports start with '.'). */
export type ImportTable = ReadonlyMap<string, string>;

export interface ModuleFacts {
  readonly imports: ImportTable;
  /** Receiver text (`ready`, `self._stop`) -> qualified constructor (`asyncio.Event`), from assignments and annotations. */
  readonly events: ReadonlyMap<string, string>;
  /** The async library whose sleep fits the module: anyio (runs on both backends) > trio > asyncio. */
  readonly library: AsyncLibrary;
}

const EVENT_CLASSES = new Set(['asyncio.Event', 'anyio.Event', 'trio.Event', 'threading.Event']);

const LIBRARY_MODULES = new Set(['asyncio', 'anyio', 'trio', 'threading', 'time', 'concurrent', 'multiprocessing', 'subprocess', 'os', 'tenacity', 'backoff', 'random', 'math', 'queue', 'socket', 'selectors']);

const factsByTree = new WeakMap<Tree, ModuleFacts>();

/** Facts about the module holding `node`, computed once per tree. */
export function moduleFacts(node: Node): ModuleFacts {
  let facts = factsByTree.get(node.tree);
  if (!facts) {
    const root = node.tree.rootNode;
    const imports = importTable(root);
    facts = { imports, events: eventTable(root, imports), library: moduleLibrary(imports) };
    factsByTree.set(node.tree, facts);
  }
  return facts;
}

// Names.

/** `x` -> 'x', `a.b.c` -> 'a.b.c'; undefined for anything else (calls, subscripts). */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = dottedName(field(node, 'object'));
  return object === undefined ? undefined : `${object}.${field(node, 'attribute').text}`;
}

/** The qualified name an imported dotted name refers to (`aio.sleep` -> 'asyncio.sleep'); undefined when its head is not imported. */
export function qualifiedName(node: Node): string | undefined {
  const dotted = dottedName(node);
  if (dotted === undefined) return undefined;
  const [head, ...rest] = dotted.split('.');
  const imported = moduleFacts(node).imports.get(head);
  return imported === undefined || isParameterOfEnclosingFunction(node, head) ? undefined : [imported, ...rest].join('.');
}

/** True when `name` is a parameter of a function around `node` (`def retry(sleep=asyncio.sleep)` shadows `from asyncio import sleep`). */
function isParameterOfEnclosingFunction(node: Node, name: string): boolean {
  for (let scope = enclosingScope(node); scope; scope = enclosingScope(scope)) {
    const parameters = scope.childForFieldName('parameters');
    if (parameters && present(parameters.namedChildren).some((parameter) => parameterName(parameter) === name)) return true;
  }
  return false;
}

/** `x`, `x=1`, `x: int`, `x: int = 1`, `*x`, `**x` -> 'x'. */
function parameterName(parameter: Node): string | undefined {
  const named = parameter.childForFieldName('name') ?? parameter.firstNamedChild ?? parameter;
  const identifier = named.type === 'identifier' ? named : named.firstNamedChild;
  return identifier?.type === 'identifier' ? identifier.text : undefined;
}

/** True when `node` names something from asyncio, the standard library or a known third-party library, not project code. */
export function isLibraryName(node: Node): boolean {
  const qualified = qualifiedName(node);
  return qualified !== undefined && LIBRARY_MODULES.has(qualified.split('.')[0]);
}

export function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

function importTable(root: Node): Map<string, string> {
  const table = new Map<string, string>();
  for (const statement of present(root.descendantsOfType(['import_statement', 'import_from_statement']))) {
    const from = statement.type === 'import_from_statement' ? field(statement, 'module_name').text : undefined;
    for (const imported of present(statement.childrenForFieldName('name'))) {
      const [local, qualified] = importBinding(imported, from);
      table.set(local, qualified);
    }
  }
  return table;
}

/** `import a.b` binds a -> a; `import a.b as c` binds c -> a.b; `from m import x as y` binds y -> m.x. */
function importBinding(imported: Node, from: string | undefined): [string, string] {
  const name = imported.type === 'aliased_import' ? field(imported, 'name').text : imported.text;
  const alias = imported.type === 'aliased_import' ? field(imported, 'alias').text : undefined;
  if (from !== undefined) return [alias ?? name, from.endsWith('.') ? from + name : `${from}.${name}`];
  return alias === undefined ? [name.split('.')[0], name.split('.')[0]] : [alias, name];
}

function moduleLibrary(imports: ImportTable): AsyncLibrary {
  const modules = new Set([...imports.values()].map((qualified) => qualified.split('.')[0]));
  if (modules.has('anyio')) return 'anyio';
  return modules.has('trio') ? 'trio' : 'asyncio';
}

/** Receivers bound to an Event: `x = asyncio.Event()`, `self.x = Event()`, `x: trio.Event` (parameters, class attributes as `self.x`). */
function eventTable(root: Node, imports: ImportTable): Map<string, string> {
  const events = new Map<string, string>();
  const resolve = (node: Node | null) => (node ? resolveWith(imports, node) : undefined);
  for (const assignment of present(root.descendantsOfType('assignment'))) {
    const value = assignment.childForFieldName('right');
    const constructed = value?.type === 'call' ? resolve(value.childForFieldName('function')) : undefined;
    const declared = resolve(typeExpression(assignment));
    const eventClass = [constructed, declared].find((name) => name !== undefined && EVENT_CLASSES.has(name));
    const target = dottedName(field(assignment, 'left'));
    if (eventClass && target) events.set(inClassBody(assignment) ? `self.${target}` : target, eventClass);
  }
  for (const parameter of present(root.descendantsOfType(['typed_parameter', 'typed_default_parameter']))) {
    const declared = resolve(typeExpression(parameter));
    const name = parameter.childForFieldName('name') ?? parameter.firstNamedChild;
    if (declared && EVENT_CLASSES.has(declared) && name?.type === 'identifier') events.set(name.text, declared);
  }
  return events;
}

function resolveWith(imports: ImportTable, node: Node): string | undefined {
  const dotted = dottedName(node);
  if (dotted === undefined) return undefined;
  const [head, ...rest] = dotted.split('.');
  const imported = imports.get(head);
  return imported === undefined ? undefined : [imported, ...rest].join('.');
}

function typeExpression(node: Node): Node | null {
  return node.childForFieldName('type')?.firstNamedChild ?? null;
}

function inClassBody(statement: Node): boolean {
  return statement.parent?.parent?.type === 'block' && statement.parent.parent.parent?.type === 'class_definition';
}

/** The async library of a receiver bound to an asyncio/anyio/trio Event (`ready`, `self._ready`), if known. */
export function asyncEventLibrary(receiver: Node): AsyncLibrary | undefined {
  const library = moduleFacts(receiver).events.get(receiver.text)?.split('.')[0];
  return library === 'asyncio' || library === 'anyio' || library === 'trio' ? library : undefined;
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

/** The nearest enclosing function, lambda or class (the scope an await would belong to), if any. */
export function enclosingScope(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (['function_definition', 'lambda', 'class_definition'].includes(current.type)) return current;
  }
  return undefined;
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

/** `await __import__('anyio').sleep(0.5)`: the non-blocking sleep of `library`. */
export function awaitedSleep(library: AsyncLibrary, delay: string): string {
  return `await __import__('${library}').sleep(${delay})`;
}

/** The event-wait delay from the settings, in seconds. */
export function eventDelay(): string {
  return seconds(mutatorSettings().delayMs);
}

/** Spells `module.name` the way the source spells its sibling `callee`: `t.wait_exponential` -> `t.wait_fixed`, an imported local name, or `__import__('module').name`. */
export function siblingSpelling(callee: Node, module: string, name: string): string {
  if (callee.type === 'attribute') return `${field(callee, 'object').text}.${name}`;
  const local = [...moduleFacts(callee).imports].find(([, qualified]) => qualified === `${module}.${name}`)?.[0];
  return local ?? `__import__('${module}').${name}`;
}

/** Source text of `node` usable as a call's callee: primaries as they are, anything else in parentheses. */
export function asCallee(node: Node): string {
  return ['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression'].includes(node.type) ? node.text : `(${node.text})`;
}
