/** DropOffload (JS/TS): runs awaited off-loop work (fs promises, promisified zlib/crypto) on the event loop via its `*Sync` twin, and removes cooperative yields from loops. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import {
  arrow,
  blockStatement,
  builtinModule,
  fromGlobal,
  builtinName,
  call,
  cloneNode,
  importOf,
  isZero,
  member,
  memberChain,
  noMutants,
  promiseExecutorCall,
  propertyName,
  type JsOperator,
} from './ast.js';
import { fsPromisesFunction, pathLookup, promisifiedBuiltin, type Builtin } from './facts/primitives.js';
import { callFact, moduleOf } from './facts/sites.js';
import { isTypeScriptFile } from './facts/parser.js';
import { expressionFrom } from './template.js';

export const dropOffload: JsOperator = {
  name: 'DropOffload',
  // An offloaded call; a loop's `await <yield>;` statement.
  nodeTypes: new Set(['CallExpression', 'ExpressionStatement']),
  mutate(path) {
    const { node } = path;
    if (node.type === 'ExpressionStatement') {
      // Shape checks on plain nodes come first: `path.get` allocates a NodePath, too costly for every statement.
      const isYieldInLoop = node.expression.type === 'AwaitExpression' && isCooperativeYield(path.get('expression.argument') as NodePath) && isInLoopBody(path);
      return isYieldInLoop ? [blockStatement()] : noMutants;
    }
    if (node.type !== 'CallExpression') return noMutants;
    if (path.parentPath?.node.type === 'AwaitExpression') {
      const twin = offloadedCall(path as NodePath<t.CallExpression>);
      return twin ? [syncTwinCall(twin, node, isTypeScriptFile(moduleOf(path).file))] : noMutants;
    }
    if (isHandedOn(path)) {
      // `return rm(p)`, `lstat(p).then(...)`, `ignoreENOENT(unlink(p))`: the promise is handed on, so the replacement
      // stays a promise: the sync work runs on the loop in a microtask, and a failure still rejects rather than throws.
      const twin = offloadedCall(path as NodePath<t.CallExpression>);
      return twin ? [call(member(call(fromGlobal('Promise', 'resolve'), []), 'then'), [arrow([], syncTwinCall(twin, node, isTypeScriptFile(moduleOf(path).file)))])] : noMutants;
    }
    return noMutants;
  },
};

/** `globalThis.process.getBuiltinModule('node:fs').<name>Sync(...args)`. */
const syncTwinCall = (twin: Builtin, node: t.CallExpression, typescript: boolean): t.CallExpression =>
  call(member(typescript ? typedBuiltinModule(twin.module) : builtinModule(twin.module), `${twin.name}Sync`), node.arguments.map(cloneNode));

/**
 * `((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs"))`: @types/node before 20.16 does not
 * declare `getBuiltinModule`, and the cast back to the module's own type keeps the result typed as the original call's
 * was (an `any` result would leave callbacks over it with implicitly-any parameters: TS7006).
 */
function typedBuiltinModule(module: string): t.Expression {
  const cast = expressionFrom(`(globalThis as any).process.getBuiltinModule("node:${module}") as typeof import("${module}")`);
  return cast ? ({ type: 'ParenthesizedExpression', expression: cast } as t.ParenthesizedExpression) : builtinModule(module);
}

/** A promise handed on rather than awaited here: returned, an arrow's body, chained with `.then`/`.catch`/`.finally`, or passed to a call. */
function isHandedOn(path: NodePath): boolean {
  const { parent, node } = path;
  switch (parent?.type) {
    case 'ReturnStatement':
      return true;
    case 'ArrowFunctionExpression':
      return parent.body === node;
    case 'MemberExpression':
      return parent.object === node && ['then', 'catch', 'finally'].includes(propertyName(parent) ?? '') && path.parentPath?.parent?.type === 'CallExpression';
    case 'CallExpression':
      return parent.arguments.includes(node as t.Expression) && parent.callee.type === 'Identifier';
    default:
      return false;
  }
}

/**
 * The builtin an awaited call offloads: an fs promises function, `promisify(fs.fsync)(fd)`, or (project facts) a name
 * bound once to a promisified builtin, here or in another module (`const renameAsync = util.promisify(fs.rename)`).
 */
function offloadedCall(path: NodePath<t.CallExpression>): Builtin | undefined {
  const { callee } = path.node;
  if (callee.type === 'CallExpression') return promisifiedBuiltin(callee, pathLookup(path));
  const fsName = fsPromisesFunction(callee, pathLookup(path));
  if (fsName) return { module: 'fs', name: fsName };
  // A callback as last argument selects the callback API of a dual (universalify) function: no promise, no site.
  const last = path.node.arguments.at(-1);
  if (last?.type === 'ArrowFunctionExpression' || last?.type === 'FunctionExpression') return undefined;
  const fact = callee.type === 'Identifier' || callee.type === 'MemberExpression' ? callFact(path) : undefined;
  return fact?.kind === 'offload' ? fact.builtin : undefined;
}

/** The imported name, when `localName` is imported by name from builtin `module`. */
function importedFrom(path: NodePath, localName: string, module: string): string | undefined {
  const source = importOf(path, localName);
  return source && builtinName(source.source) === module ? source.imported : undefined;
}

/** `new Promise(r => setImmediate(r))`, `new Promise(r => setTimeout(r, 0))`, `setImmediate()` from timers/promises, `scheduler.yield()`. */
function isCooperativeYield(path: NodePath): boolean {
  const { node } = path;
  const executorCall = promiseExecutorCall(node);
  if (executorCall) return isGlobalZeroTimer(path, executorCall.call);
  if (node.type !== 'CallExpression' || node.arguments.length > 0) return false;
  const chain = memberChain(node.callee);
  if (!chain) return false;
  const fromTimers = timersPromisesFunction(path, chain);
  return fromTimers === 'setImmediate' || fromTimers === 'scheduler.yield' || globalFunction(path, chain) === 'scheduler.yield';
}

/** `setImmediate(r)`, `setTimeout(r)`, `setTimeout(r, 0)` on the global timers. */
function isGlobalZeroTimer(path: NodePath, timer: t.CallExpression): boolean {
  const chain = memberChain(timer.callee);
  const name = chain && globalFunction(path, chain);
  if (name === 'setImmediate') return timer.arguments.length === 1;
  return name === 'setTimeout' && (timer.arguments.length === 1 || (timer.arguments.length === 2 && isZero(timer.arguments[1])));
}

/** `scheduler.yield` for `scheduler.yield` or `globalThis.scheduler.yield`, when the first name is not a local binding. */
function globalFunction(path: NodePath, chain: readonly string[]): string | undefined {
  if (chain[0] === 'globalThis') return chain.slice(1).join('.');
  return path.scope.getBinding(chain[0]) ? undefined : chain.join('.');
}

/** `setImmediate` for a named import, `timers.setImmediate` on the whole module, `scheduler.yield` on an imported scheduler. */
function timersPromisesFunction(path: NodePath, chain: readonly string[]): string | undefined {
  const imported = importedFrom(path, chain[0], 'timers/promises');
  if (imported === '*' || imported === 'default') return chain.slice(1).join('.');
  return imported && [imported, ...chain.slice(1)].join('.');
}

/** Inside the body of a loop, without crossing a function (or class) boundary. */
function isInLoopBody(path: NodePath): boolean {
  for (let current = path; current.parentPath; current = current.parentPath) {
    const parent = current.parentPath;
    if (parent.isFunction() || parent.isClass() || parent.isStaticBlock()) return false;
    if (parent.isLoop() && current.key === 'body') return true;
  }
  return false;
}
