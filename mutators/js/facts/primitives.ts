/**
 * The timing primitives, recognised on a node with a name lookup, so the same rule serves a mutated file (Babel scopes)
 * and a module read for the facts pass (top-level imports). Syntax only: no types needed.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { builtinName, importOf, isFunction, memberChain, promiseExecutorCall, propertyName } from '../ast.js';
import type { ImportOrigin, ModuleInfo } from './module-info.js';

/** Where a name comes from, and whether a local binding shadows a global of that name. */
export interface Lookup {
  origin(name: string): ImportOrigin | undefined;
  isBound(name: string): boolean;
}

export const pathLookup = (path: NodePath): Lookup => ({
  origin: (name) => importOf(path, name),
  isBound: (name) => path.scope.getBinding(name) !== undefined,
});

export const moduleLookup = (module: ModuleInfo): Lookup => ({
  origin: (name) => module.imports.get(name),
  isBound: (name) => module.imports.has(name) || module.declarations.has(name),
});

/** `setTimeout`, `globalThis.setTimeout` when the global is meant. */
function isGlobal(chain: readonly string[] | undefined, name: string, lookup: Lookup): boolean {
  const joined = chain?.join('.');
  return joined === `globalThis.${name}` || (joined === name && !lookup.isBound(name.split('.')[0]));
}

/** The duration of `new Promise(r => setTimeout(r, ms))` on the global timer, whose promise resolves with no value. */
export function timeoutPromiseDuration(node: t.Node, lookup: Lookup): t.Node | undefined {
  const timer = promiseExecutorCall(node)?.call;
  return timer && isGlobal(memberChain(timer.callee), 'setTimeout', lookup) ? timer.arguments[1] : undefined;
}

/** The dotted path inside node:timers/promises a member chain refers to, or undefined when it is rooted elsewhere. */
export function timersPromisesExport([root, ...rest]: readonly string[], lookup: Lookup): string | undefined {
  const origin = lookup.origin(root);
  if (!origin || builtinName(origin.source) !== 'timers/promises') return undefined;
  const isNamespace = origin.imported === '*' || origin.imported === 'default';
  return (isNamespace ? rest : [origin.imported, ...rest]).join('.');
}

/** `once(em, 'x')`, `events.once(em, 'x')`, `EventEmitter.once(em, 'x')` from node:events, without options (`{ signal }`: cancellable). */
export function isEventsOnce(node: t.CallExpression, lookup: Lookup): boolean {
  if (node.arguments.length > 2) return false;
  const chain = memberChain(node.callee);
  const fromEvents = (name: string, imported: readonly string[]) => {
    const origin = lookup.origin(name);
    return origin !== undefined && builtinName(origin.source) === 'events' && imported.includes(origin.imported);
  };
  if (chain?.length === 1) return fromEvents(chain[0], ['once']);
  return chain?.length === 2 && chain[1] === 'once' && fromEvents(chain[0], ['*', 'default', 'EventEmitter']);
}

/** Event-promise libraries: `pEvent(emitter, 'x')` (p-event), with two arguments (a third is options: a filter, a timeout, a signal). */
export function isEventPromiseLibrary(node: t.CallExpression, lookup: Lookup): boolean {
  const chain = memberChain(node.callee);
  const origin = chain?.length === 1 ? lookup.origin(chain[0]) : undefined;
  return node.arguments.length === 2 && origin?.source === 'p-event' && (origin.imported === 'pEvent' || origin.imported === 'default');
}

export const listenerMethods = new Set(['once', 'on', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener']);
export const removalMethods = new Set(['off', 'removeListener', 'removeEventListener']);

/**
 * How a promise resolves on an event: `pure` when creating it only registers the listener (`new Promise(r =>
 * em.once('x', r))`), so a sleep may replace it whole; `effects` when its executor also does other work (checks a
 * condition at once, logs, rejects early): the promise must still be created, only the wait may go.
 */
export type ListenerPromise = 'pure' | 'effects';

/**
 * Calls whose one argument Node runs as a one-time listener of the receiver's event: `server.close(cb)` ('close'),
 * `writable.end(cb)` ('finish'). Only as the one argument: `fs.close(fd, cb)` is a callback API (an I/O completion).
 */
const isEventCallback = (call: t.Node, callback: t.Node): boolean =>
  call.type === 'CallExpression' && call.arguments.length === 1 && call.arguments[0] === callback && call.callee.type === 'MemberExpression' && ['close', 'end'].includes(propertyName(call.callee) ?? '');

/** `em.once('x', fn)`, `server.close(fn)`: `fn` is registered to run on an event. */
const registersListener = (call: t.Node, fn: t.Node): boolean => (isListenerCall(call, listenerMethods) && isArgumentOf(call, fn)) || isEventCallback(call, fn);

/** `new Promise(r => em.once('x', r))`, `new Promise(r => target.addEventListener('x', () => r(), { once: true }))`, and the shapes of `resolvedByListeners`. */
export function listenerPromise(node: t.Node): ListenerPromise | undefined {
  const listen = promiseExecutorCall(node)?.call;
  // `new Promise(r => server.close(r))`: the call registers the listener and does the work (closes the server).
  if (listen?.arguments.some((argument) => isEventCallback(listen, argument))) return 'effects';
  if (isListenerCall(listen, listenerMethods)) return 'pure';
  return resolvedByListeners(node) ? 'effects' : undefined;
}

export const isListenerPromise = (node: t.Node): boolean => listenerPromise(node) !== undefined;

export const isListenerCall = (node: t.Node | null | undefined, methods: ReadonlySet<string>): node is t.CallExpression =>
  node?.type === 'CallExpression' && node.callee.type === 'MemberExpression' && methods.has(propertyName(node.callee) ?? '');

export const isArgumentOf = (call: t.CallExpression, node: t.Node): boolean => call.arguments.includes(node as t.Expression);

/**
 * A promise whose resolver is called only from listeners its executor registers, inline or through a local function:
 * `new Promise(resolve => { const check = () => { if (done()) { em.off('x', check); resolve(); } }; em.on('x', check); check(); })`
 * (lightship: a condition re-checked on every event), `new Promise((resolve, reject) => { if (!stream) return reject();
 * stream.once('end', () => { ...; resolve(undefined); }) })` (chokidar), `new Promise((resolve, reject) => server.close((err) =>
 * err ? reject(err) : resolve(true)))` (http-graceful-shutdown: an event callback, whose call also does the closing). The resolver may not be called by the executor
 * itself nor escape anywhere else (a timer, a callback API, a variable): then the promise is not an event wait.
 */
function resolvedByListeners(node: t.Node): boolean {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0];
  if ((executor?.type !== 'ArrowFunctionExpression' && executor?.type !== 'FunctionExpression') || executor.body.type !== 'BlockStatement') return false;
  const resolverParam = executor.params[0];
  if (resolverParam?.type !== 'Identifier') return false;
  const resolver = resolverParam.name;
  const locals = new Map<string, t.Node>();
  for (const statement of executor.body.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) locals.set(statement.id.name, statement);
    for (const declarator of statement.type === 'VariableDeclaration' ? statement.declarations : []) {
      if (declarator.id.type === 'Identifier' && declarator.init && isFunction(declarator.init)) locals.set(declarator.id.name, declarator.init);
    }
  }
  const resolving = new Set<t.Node>();
  const handlers = new Set<t.Node>();
  const escaped = new Set<t.Node>();
  let registered = false;
  let escapes = false;
  walkFunctions(executor.body, [executor], (child, parent, enclosing) => {
    if (isFunction(child) && registersListener(parent, child)) handlers.add(child);
    if (child.type !== 'Identifier' || isDeclarationOrKey(child, parent)) return;
    const called = parent.type === 'CallExpression' && parent.callee === child;
    if (child.name === resolver) {
      if (called) (enclosing === executor ? (escapes = true) : resolving.add(enclosing));
      else if (registersListener(parent, child)) registered = true;
      else escapes = true;
      return;
    }
    const local = locals.get(child.name);
    if (!local) return;
    if (registersListener(parent, child)) handlers.add(local);
    else if (!called && !isListenerCall(parent, removalMethods)) escaped.add(local);
  });
  if (escapes || (!registered && !resolving.size)) return false;
  return [...resolving].every((fn) => handlers.has(fn) && !escaped.has(fn));
}

/** An identifier that is not a reference: a declared name, a non-computed member property or object key. */
function isDeclarationOrKey(child: t.Identifier, parent: t.Node): boolean {
  if (parent.type === 'VariableDeclarator' || parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression') return parent.id === child;
  if (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') return parent.property === child && !parent.computed;
  if (parent.type === 'ObjectProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod' || parent.type === 'ClassProperty') return parent.key === child && !parent.computed && (parent.type !== 'ObjectProperty' || !parent.shorthand);
  return false;
}

const skippedKeys = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'typeAnnotation', 'typeParameters', 'returnType']);

/** Visits every node under `node` with its parent and the innermost function around it (`stack`'s last). */
export function walkFunctions(node: t.Node, stack: t.Node[], visit: (child: t.Node, parent: t.Node, enclosing: t.Node) => void): void {
  for (const key of Object.keys(node)) {
    if (skippedKeys.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child !== 'object' || child === null || typeof (child as { type?: unknown }).type !== 'string') continue;
      visit(child as t.Node, node, stack.at(-1)!);
      walkFunctions(child as t.Node, isFunction(child as t.Node) ? [...stack, child as t.Node] : stack, visit);
    }
  }
}

/** A builtin function: its module ('fs', 'zlib', 'crypto') and name. */
export interface Builtin {
  module: string;
  name: string;
}

/** Callback functions whose promisified form has a `*Sync` twin with the same arguments and the same result, by module. */
const promisifiable = new Map<string, ReadonlySet<string>>([
  ['zlib', new Set(['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'])],
  ['crypto', new Set(['pbkdf2', 'scrypt'])],
  [
    'fs',
    new Set([
      'fsync', 'fdatasync', 'close', 'open', 'rename', 'unlink', 'readFile', 'writeFile', 'appendFile', 'stat', 'lstat', 'fstat', 'mkdir',
      'readdir', 'access', 'chmod', 'fchmod', 'chown', 'fchown', 'lchown', 'copyFile', 'truncate', 'ftruncate', 'realpath', 'rmdir', 'rm',
      'symlink', 'link', 'readlink', 'utimes', 'futimes', 'mkdtemp',
    ]),
  ],
]);

/** A callback-API function of a builtin module (`fs.open` resolving an fd, not fs/promises' FileHandle) with a same-result `*Sync` twin. */
export const hasCallbackSyncTwin = (module: string, name: string): boolean => promisifiable.get(module)?.has(name) === true;

/** fs/promises functions whose `*Sync` twin returns an identical result. */
export const fsFunctions = new Set([
  'readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'mkdir', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile',
  'access', 'realpath', 'readlink', 'symlink', 'chmod', 'utimes', 'mkdtemp', 'truncate', 'cp',
]);

/** `readFile` (named import from fs/promises), `fsp.readFile`, `fs.promises.readFile`, `promises.readFile`: the function name. */
export function fsPromisesFunction(callee: t.Node, lookup: Lookup): string | undefined {
  let name: string | undefined;
  if (callee.type === 'Identifier') {
    const origin = lookup.origin(callee.name);
    name = origin && builtinName(origin.source) === 'fs/promises' ? origin.imported : undefined;
  } else if (callee.type === 'MemberExpression') {
    const chain = memberChain(callee.object);
    name = chain && isFsPromisesObject(chain, lookup) ? propertyName(callee) : undefined;
  }
  return name && fsFunctions.has(name) ? name : undefined;
}

/** `fsp` (whole fs/promises), `promises` (named from fs), `fs.promises` (whole fs). */
function isFsPromisesObject(chain: readonly string[], lookup: Lookup): boolean {
  const source = lookup.origin(chain[0]);
  if (!source) return false;
  const module = builtinName(source.source);
  const whole = source.imported === '*' || source.imported === 'default';
  if (chain.length === 1) return (module === 'fs/promises' && whole) || (module === 'fs' && source.imported === 'promises');
  return chain.length === 2 && chain[1] === 'promises' && module === 'fs' && whole;
}

/** Packages with the fs callback API under the same names. */
const fsLike = new Set(['fs', 'graceful-fs']);

/** `promisify(zlib.gzip)`, `util.promisify(fs.fsync)`, `promisify(rename)`: the promisified builtin, when it has a `*Sync` twin. */
export function promisifiedBuiltin(node: t.Node, lookup: Lookup): Builtin | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1 || !isPromisify(node.callee, lookup)) return undefined;
  const target = node.arguments[0];
  const owner = target.type === 'MemberExpression' ? memberChain(target.object) : undefined;
  const origin = target.type === 'Identifier' ? lookup.origin(target.name) : owner?.length === 1 ? lookup.origin(owner[0]) : undefined;
  if (!origin) return undefined;
  const whole = origin.imported === '*' || origin.imported === 'default';
  const name = target.type === 'Identifier' ? (whole ? undefined : origin.imported) : whole ? propertyName(target) : undefined;
  const source = builtinName(origin.source);
  const module = fsLike.has(source) ? 'fs' : source;
  return name && promisifiable.get(module)?.has(name) ? { module, name } : undefined;
}

function isPromisify(callee: t.Node, lookup: Lookup): boolean {
  const chain = memberChain(callee);
  const origin = chain && lookup.origin(chain[0]);
  if (!origin || builtinName(origin.source) !== 'util') return false;
  if (chain.length === 1) return origin.imported === 'promisify';
  return chain.length === 2 && chain[1] === 'promisify' && (origin.imported === '*' || origin.imported === 'default');
}
