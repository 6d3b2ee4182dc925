/** Babel AST helpers shared by the JS/TS operators: plain-object node builders (valid on Babel 7 and 8) and shape predicates. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/** Stryker's NodeMutator contract: `mutate` yields replacement nodes for `path.node`. */
export interface JsMutator {
  readonly name: string;
  mutate(path: NodePath): Iterable<t.Node>;
}

/**
 * A sleepmut operator: a mutator that also names every node type it can mutate. Stryker calls each mutator on every
 * node of every file; the other types are turned away (keep-uses.ts) before the operator runs or allocates anything.
 */
export interface JsOperator extends JsMutator {
  readonly nodeTypes: ReadonlySet<t.Node['type']>;
  /** A plain function, not a generator: it runs for hundreds of thousands of nodes, and a generator object each time was most of what sleepmut allocated. */
  mutate(path: NodePath): readonly t.Node[];
}

/** What an operator returns for a node it leaves alone: one shared empty list, nothing allocated. */
export const noMutants: readonly t.Node[] = Object.freeze([]);

// Builders. Replacement nodes are plain objects; the printer accepts them on both Babel majors.

export const identifier = (name: string): t.Identifier => ({ type: 'Identifier', name }) as t.Identifier;

export const numeric = (value: number): t.NumericLiteral =>
  ({ type: 'NumericLiteral', value, extra: { raw: String(value), rawValue: value } }) as t.NumericLiteral;

export const stringLiteral = (value: string): t.StringLiteral =>
  ({ type: 'StringLiteral', value, extra: { raw: JSON.stringify(value), rawValue: value } }) as t.StringLiteral;

export const member = (object: t.Expression, property: string | t.Expression, computed = false): t.MemberExpression =>
  ({
    type: 'MemberExpression',
    object,
    property: typeof property === 'string' ? identifier(property) : property,
    computed,
  }) as t.MemberExpression;

export const call = (callee: t.Expression, args: readonly t.Node[]): t.CallExpression =>
  ({ type: 'CallExpression', callee, arguments: [...args] }) as t.CallExpression;

export const newExpression = (callee: t.Expression, args: readonly t.Node[]): t.NewExpression =>
  ({ type: 'NewExpression', callee, arguments: [...args] }) as t.NewExpression;

export const awaitExpression = (argument: t.Expression): t.AwaitExpression =>
  ({ type: 'AwaitExpression', argument }) as t.AwaitExpression;

export const arrow = (params: readonly string[], body: t.Expression | t.BlockStatement, async = false): t.ArrowFunctionExpression =>
  ({ type: 'ArrowFunctionExpression', params: params.map(identifier), body, async, expression: body.type !== 'BlockStatement' }) as t.ArrowFunctionExpression;

export const arrayExpression = (elements: readonly t.Expression[]): t.ArrayExpression =>
  ({ type: 'ArrayExpression', elements: [...elements] }) as t.ArrayExpression;

export const blockStatement = (body: readonly t.Statement[] = []): t.BlockStatement =>
  ({ type: 'BlockStatement', body: [...body], directives: [] }) as t.BlockStatement;

/** `globalThis.a.b.c`: reaches a global even where the module shadows its name. */
export const fromGlobal = (...names: readonly string[]): t.MemberExpression =>
  names.reduce<t.Expression>((object, name) => member(object, name), identifier('globalThis')) as t.MemberExpression;

/**
 * `globalThis` for a global the project's types may not declare (`Atomics` without the es2017.sharedmemory lib,
 * `process.getBuiltinModule` with @types/node before 20.16): in TypeScript `(globalThis as any)`, so the mutant
 * type-checks whatever `lib` and `@types/node` the project has; in JavaScript plain `globalThis`.
 */
export function untypedGlobal(typescript: boolean): t.Expression {
  if (!typescript) return identifier('globalThis');
  const cast = { type: 'TSAsExpression', expression: identifier('globalThis'), typeAnnotation: { type: 'TSAnyKeyword' } } as t.TSAsExpression;
  return { type: 'ParenthesizedExpression', expression: cast } as t.ParenthesizedExpression;
}

/** `globalThis.process.getBuiltinModule('node:<name>')`: a builtin module without editing imports. */
export const builtinModule = (name: string): t.CallExpression => call(fromGlobal('process', 'getBuiltinModule'), [stringLiteral(`node:${name}`)]);

/** `new Promise(r => globalThis.setTimeout(r, ms))`: a non-blocking sleep of `ms`. */
export const timerPromise = (ms: number): t.NewExpression =>
  newExpression(identifier('Promise'), [arrow(['r'], call(fromGlobal('setTimeout'), [identifier('r'), numeric(ms)]))]);

/**
 * Deep copy of an original subtree, so mutants nested in it do not leak into a replacement. The copy is what
 * `structuredClone` gives (plain objects and arrays, own enumerable keys, a child shared by two nodes, such as a comment,
 * still shared once) without its serializer, which cost more than the rest of building the replacements.
 */
export function cloneNode<T extends t.Node>(node: T): T {
  return copyOf(node, new Map()) as T;
}

function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    copies.set(value, copy);
    for (let index = 0; index < value.length; index++) if (index in value) copy[index] = copyOf(value[index], copies);
    return copy;
  }
  // Not found in Babel ASTs (only plain data and class instances such as Node or Position): left to the serializer.
  if (Object.prototype.toString.call(value) !== '[object Object]') return structuredClone(value);
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key], copies);
  return copy;
}

// Predicates.

const functionTypes = new Set<t.Node['type']>(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod']);

/** The name a type annotation's type names: `Pool` in `Pool` or `Pool<T>` (not `ns.Pool`, a union, or any other type). */
export const typeReferenceName = (type: t.Node | null | undefined): string | undefined =>
  type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' ? type.typeName.name : undefined;

/** A function of any form: declaration, expression, arrow, class or object method. */
export function isFunction(node: t.Node): node is t.Function {
  return functionTypes.has(node.type);
}

/** The await's value is thrown away: `await x;` as a statement (or the body of an expression arrow that is itself discarded). */
export function isDiscardedAwait(path: NodePath): path is NodePath<t.AwaitExpression> {
  return path.node.type === 'AwaitExpression' && path.parentPath?.node.type === 'ExpressionStatement';
}

/** Name of a callee: `f(...)` -> 'f', `a.b.f(...)` -> 'f', otherwise undefined. */
export function calleeName(node: t.Node): string | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  return propertyName(node.callee);
}

/** `x` -> 'x', `a.b` -> 'b', `a['b']` -> 'b'. */
export function propertyName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
    if (!node.computed && node.property.type === 'Identifier') return node.property.name;
    if (node.property.type === 'StringLiteral') return node.property.value;
  }
  return undefined;
}

/** `a.b.c` -> ['a', 'b', 'c'] (`this` counts as 'this'); undefined for anything else. */
export function memberChain(node: t.Node): string[] | undefined {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'ThisExpression') return ['this'];
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = memberChain(node.object);
    return object && [...object, node.property.name];
  }
  return undefined;
}

/**
 * Where an identifier in scope was imported from: `{ source: 'node:events', imported: 'once' }`, `imported: '*'` for
 * namespaces (and a whole CommonJS module), 'default' for default imports. Follows ESM imports and CommonJS
 * `const x = require('m')`, `const { a, b: c } = require('m')`, `const a = require('m').a`.
 */
export function importOf(path: NodePath, localName: string): { source: string; imported: string } | undefined {
  const binding = path.scope.getBinding(localName);
  if (!binding) return undefined;
  if (binding.kind === 'module') return esmImport(binding.path);
  const isRequire = binding.constant && binding.path.node.type === 'VariableDeclarator';
  return isRequire ? requiredBinding(binding.path.node as t.VariableDeclarator, localName) : undefined;
}

function esmImport(specifierPath: NodePath): { source: string; imported: string } | undefined {
  const specifier = specifierPath.node;
  const declaration = specifierPath.parentPath?.node;
  if (!declaration || declaration.type !== 'ImportDeclaration') return undefined;
  const source = declaration.source.value;
  if (specifier.type === 'ImportNamespaceSpecifier') return { source, imported: '*' };
  if (specifier.type === 'ImportDefaultSpecifier') return { source, imported: 'default' };
  if (specifier.type === 'ImportSpecifier') {
    const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
    return { source, imported };
  }
  return undefined;
}

/** `const local = require('m')`, `const { name: local } = require('m')`, `const local = require('m').name`. */
function requiredBinding(declarator: t.VariableDeclarator, localName: string): { source: string; imported: string } | undefined {
  const { id, init } = declarator;
  if (!init) return undefined;
  const whole = requiredModule(init);
  if (whole !== undefined && id.type === 'Identifier') return { source: whole, imported: '*' };
  if (whole !== undefined && id.type === 'ObjectPattern') return destructured(id, localName, whole);
  if (init.type === 'MemberExpression' && id.type === 'Identifier') {
    const source = requiredModule(init.object);
    const imported = propertyName(init);
    return source !== undefined && imported !== undefined ? { source, imported } : undefined;
  }
  return undefined;
}

/** 'm' of `require('m')`. */
export function requiredModule(node: t.Node): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const [specifier] = node.arguments;
  return node.arguments.length === 1 && specifier.type === 'StringLiteral' ? specifier.value : undefined;
}

export function destructured(pattern: t.ObjectPattern, localName: string, source: string): { source: string; imported: string } | undefined {
  for (const property of pattern.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    const imported = propertyName(property.key);
    if (local.type === 'Identifier' && local.name === localName && imported !== undefined) return { source, imported };
  }
  return undefined;
}

/** Node builtin specifiers: 'fs/promises' and 'node:fs/promises' both normalise to 'fs/promises'. */
export function builtinName(source: string): string {
  return source.startsWith('node:') ? source.slice('node:'.length) : source;
}

/** `f(x, { signal })`: a call given an options object naming a signal, so it can be cancelled. */
export function hasSignalOption(node: t.CallExpression): boolean {
  return node.arguments.some((argument) => argument.type === 'ObjectExpression' && argument.properties.some((property) => property.type === 'ObjectProperty' && propertyName(property.key) === 'signal'));
}

/** A numeric literal equal to zero (`0`, `0.0`), the shape of a cooperative yield rather than a wait. */
export function isZero(node: t.Node | undefined): boolean {
  return node?.type === 'NumericLiteral' && node.value === 0;
}

/**
 * `new Promise(r => f(a, r))`, `new Promise((resolve) => { f(() => resolve()) })`: the one call the executor makes,
 * when that call hands the resolver on (directly or through a `() => r()` wrapper), or the call in a chain of them that
 * does (`em.on('end', resolve).on('error', reject)`).
 */
export function promiseExecutorCall(node: t.Node): { call: t.CallExpression; resolver: string } | undefined {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Promise') return undefined;
  const executor = node.arguments[0];
  if (!executor || (executor.type !== 'ArrowFunctionExpression' && executor.type !== 'FunctionExpression')) return undefined;
  const resolverParam = executor.params[0];
  if (resolverParam?.type !== 'Identifier') return undefined;
  const resolver = resolverParam.name;
  // `stream.on('end', resolve).on('error', reject)`: the chained call that hands the resolver on (cacache verify.js).
  for (let call = singleCall(executor.body); call; call = chainedFrom(call)) {
    if (call.arguments.some((arg) => passesResolver(arg, resolver))) return { call, resolver };
  }
  return undefined;
}

/** `a.on(x, f)` of `a.on(x, f).on(y, g)`. */
function chainedFrom(call: t.CallExpression): t.CallExpression | undefined {
  const { callee } = call;
  return callee.type === 'MemberExpression' && callee.object.type === 'CallExpression' ? callee.object : undefined;
}

function singleCall(body: t.Node): t.CallExpression | undefined {
  if (body.type === 'CallExpression') return body;
  if (body.type === 'BlockStatement' && body.body.length === 1 && body.body[0].type === 'ExpressionStatement') {
    return singleCall(body.body[0].expression);
  }
  return undefined;
}

function passesResolver(arg: t.Node, resolver: string): boolean {
  if (arg.type === 'Identifier') return arg.name === resolver;
  if ((arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') && arg.params.length === 0) {
    const inner = singleCall(arg.body);
    return inner?.callee.type === 'Identifier' && inner.callee.name === resolver && inner.arguments.length === 0;
  }
  return false;
}

/** Lower-case words of an identifier: `whenReady` -> ['when', 'ready'], `RETRY_DELAY_MS` -> ['retry', 'delay', 'ms']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
