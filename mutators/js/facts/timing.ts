/**
 * Project timing facts: what the project's own functions, methods and fields do (resolve after a timer, resolve on an
 * event, run a promisified blocking builtin), learnt from their bodies and followed across modules, lazily and once per
 * process (memoized per AST node). Syntax only, so JS files get every fact here; the one fact that needs types (the class
 * of a receiver whose type is neither annotated nor constructed in view) is asked of `typed.ts`.
 */
import type * as t from '@babel/types';
import { builtinName, isFunction, memberChain, propertyName, typeReferenceName } from '../ast.js';
import { deferredResolverField, resolvedByClassListeners } from './deferred.js';
import { moduleInfo, type ModuleInfo } from './module-info.js';
import { asWritten, parseModuleFile, resolveRelative } from './parser.js';
import {
  fsFunctions,
  hasCallbackSyncTwin,
  fsPromisesFunction,
  isEventPromiseLibrary,
  isEventsOnce,
  listenerPromise,
  moduleLookup,
  promisifiedBuiltin,
  timeoutPromiseDuration,
  timersPromisesExport,
  type Builtin,
  type ListenerPromise,
  type Lookup,
} from './primitives.js';

/** Where a sleep's duration is: the helper's parameter `param`, or an expression only its definition can see. */
export type Duration = { param: number } | { inside: t.Node };

export type TimingFact =
  | { kind: 'sleep'; duration: Duration }
  /** `keepCall`: producing the promise also does work (starts a scan, checks a condition), so a mutant keeps the call and drops only the wait. */
  | { kind: 'event'; keepCall?: true }
  | { kind: 'offload'; builtin: Builtin };

/** The function a fact is about and what is in view around it. */
export interface Context {
  module: ModuleInfo;
  /** The class whose body the code is in (for `this.m()` and `this.f`). */
  cls?: t.Class;
  /** The function whose parameters a duration may refer to. */
  fn?: t.Function;
  /** Name resolution for primitives: the module's top level unless a mutated file's scopes are at hand. */
  lookup?: Lookup;
}

const functionFacts = new WeakMap<t.Node, TimingFact | null>();
const inProgress = new WeakSet<t.Node>();

/** What calling `fn` returns, as a timing fact. */
export function factOfFunction(live: t.Node, liveContext: Context): TimingFact | undefined {
  if (!isFunction(live)) return undefined;
  const fn = asWritten(live, liveContext.module.program);
  const context = { ...liveContext, cls: liveContext.cls && asWritten(liveContext.cls, liveContext.module.program) };
  const known = functionFacts.get(fn);
  if (known !== undefined) return known ?? undefined;
  if (inProgress.has(fn)) return undefined;
  inProgress.add(fn);
  let fact = combine(resultsOf(fn).map((result) => factOfExpression(result, { ...context, fn })));
  if (fact?.kind === 'event' && !fact.keepCall && !onlyHandsBack(fn)) fact = { kind: 'event', keepCall: true };
  inProgress.delete(fn);
  functionFacts.set(fn, fact ?? null);
  return fact;
}

/**
 * The expressions a function hands back: its returns (not those of nested functions); `async () => { await x; }` hands
 * back x's timing, and so does `async () => { while (full()) await x; }` (promise-pool's wait for a free slot).
 */
function resultsOf(fn: t.Function): t.Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const results: t.Node[] = [];
  collectReturns(fn.body, results);
  const statements = fn.body.body;
  const awaited = statements.length === 1 && fn.async ? awaitedBy(statements[0]) : undefined;
  if (awaited) results.push(awaited);
  return results;
}

/** `await x;`, `while (c) await x;`, `while (c) { await x; }`: x. */
function awaitedBy(statement: t.Statement): t.Node | undefined {
  if (statement.type === 'ExpressionStatement') return statement.expression.type === 'AwaitExpression' ? statement.expression.argument : undefined;
  if (statement.type === 'BlockStatement') return statement.body.length === 1 ? awaitedBy(statement.body[0]) : undefined;
  return statement.type === 'WhileStatement' ? awaitedBy(statement.body) : undefined;
}

/**
 * `async _waitForOutput() { ...read the streams...; await this._processClosed; ...; return result; }` (tinyexec): an
 * async function with an event wait among its top-level statements, and no return before it other than a trivial one,
 * settles only after that event, whatever it then returns. Asked only of the method a thenable's `then` forwards to
 * (`thenableFact`): a call of such a function elsewhere is a helper call whose wait is not the event's alone.
 */
function settlesAfterEvent(live: t.Function, context: Context): boolean {
  const fn = asWritten(live, context.module.program);
  if (!fn.async || fn.generator || fn.body.type !== 'BlockStatement') return false;
  const statements = fn.body.body;
  const at = statements.findIndex((statement) => {
    const awaited = statement.type === 'ExpressionStatement' && statement.expression.type === 'AwaitExpression' ? statement.expression.argument : undefined;
    const fact = awaited && factOfExpression(awaited, context);
    return fact !== undefined && fact !== 'trivial' && fact.kind === 'event';
  });
  if (at < 0) return false;
  const earlier: t.Node[] = [];
  statements.slice(0, at).forEach((statement) => collectReturns(statement, earlier));
  return earlier.every(isTrivial);
}

/** The body only hands a wait back (returns, `if` fast paths, one awaited wait): calling it does nothing else. */
function onlyHandsBack(fn: t.Function): boolean {
  if (fn.body.type !== 'BlockStatement') return true;
  const handsBack = (statement: t.Statement): boolean =>
    statement.type === 'ReturnStatement' ||
    (statement.type === 'IfStatement' && handsBack(statement.consequent) && (!statement.alternate || handsBack(statement.alternate))) ||
    (statement.type === 'BlockStatement' && statement.body.every(handsBack));
  const statements = fn.body.body;
  return statements.every(handsBack) || (statements.length === 1 && awaitedBy(statements[0]) !== undefined);
}

function collectReturns(node: t.Node, results: t.Node[]): void {
  switch (node.type) {
    case 'ReturnStatement':
      results.push(node.argument ?? { type: 'Identifier', name: 'undefined' } as t.Identifier);
      return;
    case 'BlockStatement':
      node.body.forEach((statement) => collectReturns(statement, results));
      return;
    case 'IfStatement':
      collectReturns(node.consequent, results);
      if (node.alternate) collectReturns(node.alternate, results);
      return;
    case 'TryStatement':
      collectReturns(node.block, results);
      return;
    default:
      return;
  }
}

/** `Promise.resolve()`, `undefined`: the fast path of a wait that has nothing to wait for. */
function isTrivial(node: t.Node): boolean {
  if (node.type === 'Identifier') return node.name === 'undefined';
  if (node.type === 'UnaryExpression') return node.operator === 'void';
  return node.type === 'CallExpression' && memberChain(node.callee)?.join('.') === 'Promise.resolve' && node.arguments.length === 0;
}

/** One fact when every non-trivial result agrees (a sleep also on the same duration), else none; an event wait keeps the call if any result does. */
function combine(facts: readonly (TimingFact | 'trivial' | undefined)[]): TimingFact | undefined {
  const real = facts.filter((fact) => fact !== 'trivial');
  if (!real.length || real.some((fact) => fact === undefined)) return undefined;
  const [first, ...rest] = real as TimingFact[];
  if (!rest.every((fact) => sameFact(first, fact))) return undefined;
  return first.kind === 'event' && real.some((fact) => fact !== undefined && fact.kind === 'event' && fact.keepCall) ? { kind: 'event', keepCall: true } : first;
}

function sameFact(a: TimingFact, b: TimingFact): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'sleep' && b.kind === 'sleep') return 'param' in a.duration && 'param' in b.duration && a.duration.param === b.duration.param;
  return a.kind !== 'offload' || (b.kind === 'offload' && a.builtin.name === b.builtin.name);
}

/** The timing of an expression's value, seen from inside `context.fn`. */
export function factOfExpression(node: t.Node, context: Context): TimingFact | 'trivial' | undefined {
  if (isTrivial(node)) return 'trivial';
  const lookup = context.lookup ?? moduleLookup(context.module);
  if (node.type === 'AwaitExpression') return factOfExpression(node.argument, context);
  if (node.type === 'ConditionalExpression') return combine([factOfExpression(node.consequent, context), factOfExpression(node.alternate, context)]);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'ParenthesizedExpression') return factOfExpression(node.expression, context);
  const timeout = timeoutPromiseDuration(node, lookup);
  if (timeout) return sleepAt(timeout, context);
  if (node.type === 'NewExpression') return eventFact(listenerPromise(node)) ?? deferredFact(node, context);
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
    const field = memberName(node);
    return field && context.cls ? factOfField(context.cls, field, context.module) : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const forwarded = forwardedThen(node, context);
  if (forwarded) return factOfExpression(forwarded, context);
  if (isEventsOnce(node, lookup) || isEventPromiseLibrary(node, lookup)) return { kind: 'event' };
  if (context.fn && isInFlightJoin(node)) return { kind: 'event' };
  const chain = memberChain(node.callee);
  const timer = chain && timersPromisesExport(chain, lookup);
  if (timer === 'setTimeout' && node.arguments.length === 1) return sleepAt(node.arguments[0], context);
  const callee = calleeFact(node.callee, context);
  if (callee?.kind === 'sleep' && 'param' in callee.duration) {
    const argument = node.arguments[callee.duration.param];
    return argument ? sleepAt(argument, context) : undefined;
  }
  // An offload is a fact of the promisified name itself: a helper around it takes other arguments than its `*Sync` twin.
  return callee?.kind === 'offload' ? undefined : callee;
}

/**
 * `then(onfulfilled, onrejected) { return this._waitForOutput().then(onfulfilled, onrejected); }` (a thenable forwarding
 * its own callbacks): the receiver's timing is the result's.
 */
function forwardedThen(node: t.CallExpression, context: Context): t.Node | undefined {
  const { callee } = node;
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'then' || !node.arguments.length) return undefined;
  const params = new Set((context.fn?.params ?? []).map(paramName));
  return node.arguments.every((argument) => argument.type === 'Identifier' && params.has(argument.name)) ? callee.object : undefined;
}

/** `this.closed = new Promise(r => { this.resolveClose = r; })` in a class whose listeners alone call `this.resolveClose()`. */
function deferredFact(node: t.NewExpression, context: Context): TimingFact | undefined {
  const resolver = deferredResolverField(node);
  return resolver && context.cls && resolvedByClassListeners(asWritten(context.cls, context.module.program), resolver) ? { kind: 'event' } : undefined;
}

const eventFact = (listener: ListenerPromise | undefined): TimingFact | undefined =>
  listener === 'effects' ? { kind: 'event', keepCall: true } : listener ? { kind: 'event' } : undefined;

/**
 * `Promise.race(this.tasks())`, `Promise.all(this.active)` in a method: waits for work the object started elsewhere and
 * keeps in a field (a free slot, a drain: promise-pool). Only as a helper's result; a direct `await Promise.all(xs)`
 * over started promises is a join whose values or failures the code may need (SerializeConcurrency leaves it alone).
 */
function isInFlightJoin(node: t.CallExpression): boolean {
  const joined = memberChain(node.callee)?.join('.');
  if (!['Promise.race', 'Promise.all', 'Promise.allSettled'].includes(joined ?? '') || node.arguments.length !== 1) return false;
  const [list] = node.arguments;
  const held = list.type === 'CallExpression' && list.arguments.length === 0 ? list.callee : list;
  return held.type === 'MemberExpression' && held.object.type === 'ThisExpression';
}

/** A sleep of `duration`: the enclosing function's parameter when it is one, else an expression inside the definition. */
function sleepAt(duration: t.Node, context: Context): TimingFact {
  const params = context.fn?.params ?? [];
  const index = duration.type === 'Identifier' ? params.findIndex((param) => paramName(param) === duration.name) : -1;
  return { kind: 'sleep', duration: index >= 0 ? { param: index } : { inside: duration } };
}

function paramName(param: t.Node): string | undefined {
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern') return paramName(param.left);
  if (param.type === 'TSParameterProperty') return paramName(param.parameter);
  return undefined;
}

/** What calling `callee` returns: a module function, an imported helper, `this.method`, a namespace member. */
function calleeFact(callee: t.Node, context: Context): TimingFact | undefined {
  if (callee.type === 'Identifier') return factOfName(context.module, callee.name);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = memberName(callee);
  if (!name) return undefined;
  if (callee.object.type === 'ThisExpression') return context.cls ? factOfMember(context.cls, name, context.module) : undefined;
  if (callee.object.type === 'Identifier') {
    const namespace = namespaceModule(context.module, callee.object.name);
    if (namespace) return factOfExport(namespace, name);
  }
  return undefined;
}

/** `m` of `x.m`, `x.#m`. */
export function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (node.property.type === 'PrivateName') return `#${node.property.id.name}`;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'StringLiteral' ? node.property.value : undefined;
}

/** Calling the module-level name `name`: a function, a promisified builtin, or an imported helper. */
export function factOfName(module: ModuleInfo, name: string): TimingFact | undefined {
  const declaration = module.declarations.get(name);
  if (declaration) {
    const builtin = offloadOfValue(declaration, module);
    if (builtin) return { kind: 'offload', builtin };
    return factOfFunction(declaration, { module });
  }
  const origin = module.imports.get(name);
  if (!origin || origin.imported === '*') return undefined;
  const target = importedModule(module, origin.source);
  if (target) return factOfExport(target, origin.imported);
  return packageFact(origin.source, origin.imported);
}

/**
 * The blocking builtin a value is, when calling it offloads: `promisify(fs.fsync)`, `fsPromises.lstat`, and names for
 * them held in project objects and re-exports (rimraf: `export const promises = { lstat: fsPromises.lstat }` in fs.ts,
 * `const { lstat } = promises` elsewhere).
 */
export function offloadOfValue(node: t.Node, module: ModuleInfo, depth = 0): Builtin | undefined {
  if (depth > 5) return undefined;
  const lookup = moduleLookup(module);
  const fsName = fsPromisesFunction(node, lookup);
  if (fsName) return { module: 'fs', name: fsName };
  const builtin = promisifiedBuiltin(node, lookup);
  if (builtin) return builtin;
  if (node.type === 'Identifier') {
    const value = valueOf(node.name, module);
    return value && value.node !== node ? offloadOfValue(value.node, value.module, depth + 1) : undefined;
  }
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return undefined;
  const property = memberName(node);
  const holder = valueOf(node.object.name, module);
  if (!property || holder?.node.type !== 'ObjectExpression') return undefined;
  const entry = holder.node.properties.find((candidate) => candidate.type === 'ObjectProperty' && !candidate.computed && propertyName(candidate.key) === property);
  return entry?.type === 'ObjectProperty' ? offloadOfValue(entry.value, holder.module, depth + 1) : undefined;
}

/** What a module-level name holds: its declaration here, or the declaration an import from a project module names. */
function valueOf(name: string, module: ModuleInfo, depth = 0): { node: t.Node; module: ModuleInfo } | undefined {
  const declaration = module.declarations.get(name);
  if (declaration) return { node: declaration, module };
  const origin = module.imports.get(name);
  const target = origin && origin.imported !== '*' && depth < 5 ? importedModule(module, origin.source) : undefined;
  const local = target?.exports.get(origin!.imported);
  return target && local !== undefined ? valueOf(local, target, depth + 1) : undefined;
}

/** Published helpers with a known timing: `delay(ms)` (the delay package). Builtins are primitives (see primitives.ts). */
function packageFact(source: string, imported: string): TimingFact | undefined {
  if (source === 'delay' && imported === 'default') {
    return { kind: 'sleep', duration: { param: 0 } };
  }
  return undefined;
}

export function factOfExport(module: ModuleInfo, exported: string): TimingFact | undefined {
  const local = module.exports.get(exported);
  if (local !== undefined) return factOfName(module, local);
  const wrapped = module.wrappedExports.get(exported);
  // The wrapped functions are the callback API (universalify over graceful-fs): `open` resolves an fd as `openSync` returns one.
  const fsModule = wrapped && ['fs', 'graceful-fs'].includes(builtinName(wrapped));
  return fsModule && hasCallbackSyncTwin('fs', exported) ? { kind: 'offload', builtin: { module: 'fs', name: exported } } : undefined;
}

/** The project module an import specifier names (relative specifiers only; packages are not the project). */
export function importedModule(from: ModuleInfo, source: string): ModuleInfo | undefined {
  const file = resolveRelative(from.file, source);
  const ast = file ? parseModuleFile(file) : undefined;
  return ast && file ? moduleInfo(ast.program, file) : undefined;
}

function namespaceModule(module: ModuleInfo, name: string): ModuleInfo | undefined {
  const origin = module.imports.get(name);
  return origin?.imported === '*' ? importedModule(module, origin.source) : undefined;
}

// Classes.

/** The class declared (or imported) under `name` in `module`, with the module it lives in. */
export function classNamed(module: ModuleInfo, name: string): { cls: t.Class; module: ModuleInfo } | undefined {
  const declaration = module.declarations.get(name);
  if (declaration?.type === 'ClassDeclaration' || declaration?.type === 'ClassExpression') return { cls: declaration, module };
  const origin = module.imports.get(name);
  const target = origin && origin.imported !== '*' ? importedModule(module, origin.source) : undefined;
  const local = target?.exports.get(origin!.imported);
  return target && local !== undefined ? classNamed(target, local) : undefined;
}

/**
 * The project class a call of the module-level function `name` returns, read from its declared return type: `Pool`, or
 * `Promise<Pool>` when the call is awaited (`const spare = makePool()`, `const d = await makeDelay(o)`). That is the
 * type the checker gives the call too, so a declared factory needs no checker question. Not a generic type parameter,
 * not a class with a `then` method (its own or inherited) when awaited (awaiting it would call that), nothing from an
 * undeclared return.
 */
export function classReturnedBy(module: ModuleInfo, name: string, awaited: boolean): { cls: t.Class; module: ModuleInfo } | undefined {
  const value = valueOf(name, module);
  const fn = value && isFunction(value.node) && !value.node.generator && !value.node.typeParameters ? value.node : undefined;
  const declared = fn?.returnType?.type === 'TSTypeAnnotation' ? fn.returnType.typeAnnotation : undefined;
  const className = typeReferenceName(awaited ? promisedType(declared) : declared);
  const found = value && className && className !== 'Promise' ? classNamed(value.module, className) : undefined;
  return found && !(awaited && memberFunction(found.cls, 'then', found.module)) ? found : undefined;
}

/** `Promise<T>`: T. */
const promisedType = (type: t.Node | undefined): t.Node | undefined =>
  type?.type === 'TSTypeReference' && typeReferenceName(type) === 'Promise' && type.typeParameters?.params.length === 1 ? type.typeParameters.params[0] : undefined;

/** What calling method `name` of `cls` (or of a class it extends) returns. */
export function factOfMember(cls: t.Class, name: string, module: ModuleInfo): TimingFact | undefined {
  const method = memberFunction(cls, name, module);
  return method ? factOfFunction(method.fn, { module: method.module, cls: method.cls }) : undefined;
}

/** The function of method `name` of `cls` or of a class it extends, with that class and its module. */
function memberFunction(live: t.Class, name: string, module: ModuleInfo, depth = 0): { fn: t.Function; cls: t.Class; module: ModuleInfo } | undefined {
  const cls = asWritten(live, module.program);
  const member = cls.body.body.find((element) => elementName(element) === name);
  if (member && isFunction(member)) return { fn: member, cls, module };
  if (member?.type === 'ClassProperty' && member.value && isFunction(member.value)) return { fn: member.value, cls, module };
  const parent = cls.superClass?.type === 'Identifier' && depth < 5 ? classNamed(module, cls.superClass.name) : undefined;
  return !member && parent ? memberFunction(parent.cls, name, parent.module, depth + 1) : undefined;
}

function elementName(element: t.Node): string | undefined {
  if (element.type === 'ClassPrivateMethod' || element.type === 'ClassPrivateProperty') return `#${element.key.id.name}`;
  if ((element.type === 'ClassMethod' || element.type === 'ClassProperty') && !element.computed) {
    return element.key.type === 'Identifier' ? element.key.name : element.key.type === 'StringLiteral' ? element.key.value : undefined;
  }
  return undefined;
}

const fieldFacts = new WeakMap<t.Class, Map<string, TimingFact | null>>();

/**
 * What `this.<name>` holds when it is a promise stored in a field: every assignment to it in the class body
 * (`this.exited = new Promise(r => proc.on('exit', r))`) and its initializer must agree.
 */
export function factOfField(live: t.Class, name: string, module: ModuleInfo): TimingFact | undefined {
  const cls = asWritten(live, module.program);
  let facts = fieldFacts.get(cls);
  if (!facts) fieldFacts.set(cls, (facts = new Map()));
  if (!facts.has(name)) {
    // Unknown while it is being learnt: `this.a = this.b` and `this.b = this.a` end.
    facts.set(name, null);
    const values: t.Node[] = [];
    for (const element of cls.body.body) {
      if ((element.type === 'ClassProperty' || element.type === 'ClassPrivateProperty') && elementName(element) === name && element.value) values.push(element.value);
      if (isFunction(element)) collectFieldAssignments(element.body, name, values);
    }
    const fact = values.length ? combine(values.map((value) => factOfExpression(value, { module, cls }))) : undefined;
    facts.set(name, fact ?? null);
  }
  return facts.get(name) ?? undefined;
}

/**
 * Awaiting an instance of a project class that is a thenable waits for what its `then` waits for (tinyexec's
 * ExecProcess: `then` forwards to `_waitForOutput`, which settles after the process's 'close'). Awaiting calls `then`,
 * which may start work: the call is kept (`keepCall`).
 */
export function thenableFact(cls: t.Class, module: ModuleInfo): TimingFact | undefined {
  const then = memberFunction(cls, 'then', module);
  if (!then) return undefined;
  const context: Context = { module: then.module, cls: then.cls, fn: then.fn };
  const [result, ...more] = resultsOf(then.fn);
  const forwarded = !more.length && result?.type === 'CallExpression' ? forwardedThen(result, context) : undefined;
  const callee = forwarded?.type === 'CallExpression' && forwarded.callee.type === 'MemberExpression' && forwarded.callee.object.type === 'ThisExpression' ? memberName(forwarded.callee) : undefined;
  const delegate = callee ? memberFunction(then.cls, callee, then.module) : undefined;
  const waits = factOfFunction(then.fn, context)?.kind === 'event' || (delegate !== undefined && settlesAfterEvent(delegate.fn, { module: delegate.module, cls: delegate.cls, fn: delegate.fn }));
  return waits ? { kind: 'event', keepCall: true } : undefined;
}

/** `this.<name> = value` anywhere in a method body (arrow callbacks included: they keep `this`). */
function collectFieldAssignments(node: t.Node, name: string, values: t.Node[]): void {
  if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && memberName(node.left) === name) {
    values.push(node.operator === '=' ? node.right : { type: 'Identifier', name: 'unknownAssignment' } as t.Identifier);
  }
  if (node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') return;
  for (const key of Object.keys(node) as (keyof t.Node)[]) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) value.forEach((child) => isNode(child) && collectFieldAssignments(child, name, values));
    else if (isNode(value)) collectFieldAssignments(value, name, values);
  }
}

const isNode = (value: unknown): value is t.Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

