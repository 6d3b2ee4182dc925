/** SerializeConcurrency (JS/TS): `Promise.all` / `Promise.allSettled` over work started on the spot runs the tasks one after another, with the same result shape. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import {
  arrayExpression,
  arrow,
  awaitExpression,
  blockStatement,
  call,
  calleeName,
  cloneNode,
  fromGlobal,
  identifier,
  isFunction,
  member,
  memberChain,
  nameWords,
  noMutants,
  propertyName,
  numeric,
  type JsOperator,
} from './ast.js';
import type { ModuleInfo } from './facts/module-info.js';
import { moduleOf } from './facts/sites.js';
import { isTypeScriptFile } from './facts/parser.js';
import { expressionFrom } from './template.js';

/** A `Promise.all(argument)` or `Promise.allSettled(argument)` call. */
interface Combinator {
  settled: boolean;
  argument: NodePath;
}

export const serializeConcurrency: JsOperator = {
  name: 'SerializeConcurrency',
  // `await Promise.all([...])`, or the `Promise.all(...)` call itself.
  nodeTypes: new Set(['AwaitExpression', 'CallExpression']),
  mutate(path) {
    if (path.node.type === 'AwaitExpression') {
      // The shape on the plain node first: `path.get` builds a path, too costly for every await.
      const combinator = isCombinatorCall(path.node.argument) ? promiseCombinator(path.get('argument') as NodePath) : undefined;
      const tasks = combinator && startedTasks(combinator.argument);
      return tasks ? [sequentialArray(tasks, combinator.settled, typed(path))] : noMutants;
    }
    const combinator = promiseCombinator(path);
    if (!combinator) return noMutants;
    const mutants: t.Node[] = [];
    const tasks = path.parentPath?.node.type === 'AwaitExpression' ? undefined : startedTasks(combinator.argument);
    if (tasks && !containsYield(combinator.argument)) mutants.push(call(arrow([], sequentialArray(tasks, combinator.settled, typed(path)), true), []));
    const mapped = mappedTasks(combinator.argument.node, moduleOf(path));
    if (mapped) mutants.push(call(sequentialLoop(combinator.settled, typed(path)), [cloneNode(mapped.items), cloneNode(mapped.callback)]));
    return mutants;
  },
};

/** `x.all(a)`, `x.allSettled(a)`: a call of a combinator's name with a single argument. */
function isCombinatorCall(node: t.Node): node is t.CallExpression {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return false;
  const method = propertyName(node.callee);
  return method === 'all' || method === 'allSettled';
}

/** `Promise.all(x)`, `globalThis.Promise.allSettled(x)` with a single argument, `Promise` not shadowed. */
function promiseCombinator(path: NodePath): Combinator | undefined {
  const { node } = path;
  if (!isCombinatorCall(node)) return undefined;
  const method = propertyName(node.callee);
  const chain = memberChain(node.callee);
  if (!chain) return undefined;
  const receiver = chain.slice(0, -1).join('.');
  const globalPromise = receiver === 'globalThis.Promise' || (receiver === 'Promise' && !path.scope.getBinding('Promise'));
  return globalPromise ? { settled: method === 'allSettled', argument: path.get('arguments.0') as NodePath } : undefined;
}

/** `[a(), new B()]`: two or more tasks, each started right there by a call or `new`, no waiter before the last. */
function startedTasks(path: NodePath): t.Expression[] | undefined {
  const { node } = path;
  if (node.type !== 'ArrayExpression' || node.elements.length < 2) return undefined;
  const started = node.elements.every((element) => element?.type === 'CallExpression' || element?.type === 'NewExpression');
  return started && !node.elements.slice(0, -1).some(isWaiter) ? (node.elements as t.Expression[]) : undefined;
}

/**
 * `once(em, 'x')`, `waitForReply(...)`: a listener, not work. Awaited before the later tasks it may be waiting for
 * (`[once(server, 'listening'), server.listen()]`), it deadlocks or misses its event instead of running slower.
 */
function isWaiter(element: t.Node | null): boolean {
  const root = element && chainRoot(element);
  const name = root?.type === 'CallExpression' ? calleeName(root) : undefined;
  return name === 'once' || (name !== undefined && nameWords(name)[0] === 'wait') || (root !== null && isJoinOfStarted(root));
}

/**
 * `Promise.allSettled(subprocesses)`: a join over promises started elsewhere (nano-spawn pipe.js: the subprocesses only
 * exit once the next element pipes them; awaited first, it never settles).
 */
function isJoinOfStarted(node: t.Node): boolean {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return false;
  const joined = memberChain(node.callee)?.join('.');
  const [list] = node.arguments;
  return ['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any'].includes(joined ?? '') && (list.type === 'Identifier' || list.type === 'MemberExpression');
}

/** `once(em, 'x').then(r => r[0]).catch(f)` -> `once(em, 'x')`: the call a `.then`/`.catch`/`.finally` chain starts from. */
function chainRoot(node: t.Node): t.Node {
  let current = node;
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && WRAPPING_METHODS.has(propertyName(current.callee) ?? '')) {
    current = current.callee.object;
  }
  return current;
}

/** `xs.map(async x => ...)`, `xs.map(f)`: the list and the callback. */
function mappedTasks(node: t.Node, module: ModuleInfo): { items: t.Expression; callback: t.Expression } | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const { callee } = node;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type === 'Super') return undefined;
  if (callee.property.type !== 'Identifier' || callee.property.name !== 'map') return undefined;
  const callback = node.arguments[0];
  const isCallback = callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression' || callback.type === 'Identifier';
  return isCallback && !picksStartedPromise(callback) && !onlyAwaitsItsItem(callback, module) ? { items: callee.object, callback } : undefined;
}

/**
 * `({ done }) => done`, `x => x.promise`, `x => reflect(x.promise)`: the callback hands back a promise started elsewhere
 * (or only wraps one: reflect/settle helpers, `.then`/`.catch` on it), so awaiting in turn changes nothing; `w => once(w,
 * 'exit')` only listens, and listening in turn misses events instead of running slower.
 */
function picksStartedPromise(callback: t.Node): boolean {
  if (callback.type !== 'ArrowFunctionExpression') return false;
  const { body } = callback;
  if (body.type === 'Identifier' || body.type === 'MemberExpression' || body.type === 'OptionalMemberExpression') return true;
  if (body.type !== 'CallExpression') return false;
  if (isWaiter(body)) return true;
  // `iterator => iterator.return()`: closing iterators (async generators may share one pending promise: in turn, a hang).
  if (body.callee.type === 'MemberExpression' && ['return', 'throw'].includes(propertyName(body.callee) ?? '')) return true;
  const wrapped = body.callee.type === 'MemberExpression' && WRAPPING_METHODS.has(propertyName(body.callee) ?? '') ? body.callee.object : body.arguments[0];
  const wrapper = body.callee.type === 'MemberExpression' ? WRAPPING_METHODS.has(propertyName(body.callee) ?? '') : WRAPPERS.test(propertyName(body.callee) ?? '');
  const param = callback.params[0]?.type === 'Identifier' ? callback.params[0].name : undefined;
  // `(promise) => promise.then(...)`: the items are the promises themselves.
  const isItself = wrapped?.type === 'Identifier' && wrapped.name === param;
  return wrapper && wrapped !== undefined && (isItself || isPromisePick(wrapped));
}

/**
 * `({ nodeChildProcess }) => closeStdin(nodeChildProcess)` with `const closeStdin = async (p) => { const { stdin } = await p;
 * stdin.end(); }` (nano-spawn): the module function it calls only awaits the promise it is given, then runs synchronously:
 * it starts no work, so awaiting the calls in turn changes nothing.
 */
function onlyAwaitsItsItem(callback: t.Node, module: ModuleInfo): boolean {
  if (callback.type !== 'ArrowFunctionExpression' || callback.body.type !== 'CallExpression' || callback.body.callee.type !== 'Identifier') return false;
  if (!callback.body.arguments.every((argument) => argument.type === 'Identifier' || argument.type === 'MemberExpression')) return false;
  const fn = module.declarations.get(callback.body.callee.name);
  if (!fn || !isFunction(fn) || !fn.async || fn.body.type !== 'BlockStatement') return false;
  const params = new Set(fn.params.flatMap((param) => (param.type === 'Identifier' ? [param.name] : [])));
  const awaited: t.Node[] = [];
  collectAwaits(fn.body, awaited);
  return awaited.length > 0 && awaited.every((argument) => argument.type === 'Identifier' && params.has(argument.name));
}

/** The arguments of the awaits in a function body, not those of nested functions. */
function collectAwaits(node: t.Node, found: t.Node[]): void {
  if (node.type === 'AwaitExpression') found.push(node.argument);
  if (isFunction(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'extra' || key.endsWith('Comments')) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') collectAwaits(child as t.Node, found);
    }
  }
}

const WRAPPING_METHODS = new Set(['then', 'catch', 'finally']);
/** reflect(p), pReflect(p), settle(p), pSettle(p): settle a given promise into a record. */
const WRAPPERS = /^p?(reflect|settle)/i;

/** `x.promise`, `x.donePromise`, `x.pending`: a promise someone else started, picked off the item. */
function isPromisePick(node: t.Node): boolean {
  const name = node.type === 'MemberExpression' ? propertyName(node) : undefined;
  return name !== undefined && /promise$|^(pending|done|ready|result)$/i.test(name);
}

/** Replacements in TypeScript files carry types, so the mutant compiles where it lands. */
const typed = (path: NodePath): boolean => isTypeScriptFile(moduleOf(path).file);

/** A `yield` that an async arrow around the tasks would cut off from its generator. */
function containsYield(path: NodePath): boolean {
  let found = false;
  path.traverse({
    YieldExpression(inner) {
      found = true;
      inner.stop();
    },
    Function(inner) {
      inner.skip();
    },
  });
  return found;
}

/**
 * `[await a(), await b()]`; settled: `[(await globalThis.Promise.allSettled([a()]))[0], ...]`. In TypeScript the array goes
 * through an identity function typed as a tuple, so it keeps `Promise.all`'s tuple type (`[A, B]`, not `(A | B)[]`).
 */
function sequentialArray(tasks: readonly t.Expression[], settled: boolean, typescript: boolean): t.Expression {
  const awaited = tasks.map((task) => awaitOne(cloneNode(task), settled));
  const tuple = typescript ? expressionFrom('(<T extends unknown[]>(...values: T): T => values)') : undefined;
  return tuple ? call(tuple, awaited) : arrayExpression(awaited);
}

/** `await task`, or its settlement record `(await globalThis.Promise.allSettled([task]))[0]`. */
function awaitOne(task: t.Expression, settled: boolean): t.Expression {
  if (!settled) return awaitExpression(task);
  return member(awaitExpression(call(fromGlobal('Promise', 'allSettled'), [arrayExpression([task])])), numeric(0), true);
}

/**
 * `async (items, fn) => { const results = []; for (const item of [...items]) results.push(await fn(item, results.length, items)); return results; }`:
 * map's callback arguments (`results.length` is the index), one task at a time, over a snapshot of the array (the awaited
 * work may remove items from it, as pools do: walking the live array would skip items, a leak rather than a timing defect).
 * TypeScript files get the same function with generic types, inferred from the original `items` and callback.
 */
function sequentialLoop(settled: boolean, typescript: boolean): t.Expression {
  const step = settled ? '(await globalThis.Promise.allSettled([fn(item, results.length, items)]))[0]' : 'await fn(item, results.length, items)';
  const result = settled ? 'PromiseSettledResult<Awaited<R>>' : 'Awaited<R>';
  const typedLoop = typescript
    ? expressionFrom(
        `(async <I extends readonly unknown[], R>(items: I, fn: (item: I[number], index: number, items: I) => R): Promise<${result}[]> => {\n` +
          `  const results: ${result}[] = [];\n  for (const item of [...items]) results.push(${step});\n  return results;\n})`,
      )
    : undefined;
  if (typedLoop) return typedLoop;
  const results = () => identifier('results');
  const oneStep = awaitOne(call(identifier('fn'), [identifier('item'), member(results(), 'length'), identifier('items')]), settled);
  const snapshot = arrayExpression([{ type: 'SpreadElement', argument: identifier('items') } as unknown as t.Expression]);
  const loop = forOf('item', snapshot, expressionStatement(call(member(results(), 'push'), [oneStep])));
  return arrow(['items', 'fn'], blockStatement([constant('results', arrayExpression([])), loop, returnStatement(results())]), true);
}

const expressionStatement = (expression: t.Expression): t.ExpressionStatement => ({ type: 'ExpressionStatement', expression }) as t.ExpressionStatement;

const returnStatement = (argument: t.Expression): t.ReturnStatement => ({ type: 'ReturnStatement', argument }) as t.ReturnStatement;

const constant = (name: string, init?: t.Expression): t.VariableDeclaration =>
  ({ type: 'VariableDeclaration', kind: 'const', declarations: [{ type: 'VariableDeclarator', id: identifier(name), init }] }) as t.VariableDeclaration;

const forOf = (name: string, right: t.Expression, body: t.Statement): t.ForOfStatement =>
  ({ type: 'ForOfStatement', left: constant(name), right, body, await: false }) as t.ForOfStatement;
