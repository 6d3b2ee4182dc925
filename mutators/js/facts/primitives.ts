/**
 * The timing primitives, recognised on a node with a name lookup, so the same rule serves a mutated file (Babel scopes)
 * and a module read for the facts pass (top-level imports). Syntax only: no types needed.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { builtinName, importOf, memberChain, promiseExecutorCall, propertyName } from '../ast.js';
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

const listenerMethods = new Set(['once', 'on', 'addListener', 'addEventListener']);

/** `new Promise(r => em.once('x', r))`, `new Promise(r => target.addEventListener('x', () => r(), { once: true }))`. */
export function isListenerPromise(node: t.Node): boolean {
  const listen = promiseExecutorCall(node)?.call;
  return listen?.callee.type === 'MemberExpression' && listenerMethods.has(propertyName(listen.callee) ?? '');
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
