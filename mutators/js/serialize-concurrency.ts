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
  member,
  memberChain,
  nameWords,
  propertyName,
  numeric,
  type JsMutator,
} from './ast.js';

/** A `Promise.all(argument)` or `Promise.allSettled(argument)` call. */
interface Combinator {
  settled: boolean;
  argument: NodePath;
}

export const serializeConcurrency: JsMutator = {
  name: 'SerializeConcurrency',
  *mutate(path) {
    if (path.node.type === 'AwaitExpression') {
      const combinator = promiseCombinator(path.get('argument') as NodePath);
      const tasks = combinator && startedTasks(combinator.argument);
      if (tasks) yield sequentialArray(tasks, combinator.settled);
      return;
    }
    const combinator = promiseCombinator(path);
    if (!combinator) return;
    const tasks = path.parentPath?.node.type === 'AwaitExpression' ? undefined : startedTasks(combinator.argument);
    if (tasks && !containsYield(combinator.argument)) yield call(arrow([], sequentialArray(tasks, combinator.settled), true), []);
    const mapped = mappedTasks(combinator.argument.node);
    if (mapped) yield call(sequentialLoop(combinator.settled), [cloneNode(mapped.items), cloneNode(mapped.callback)]);
  },
};

/** `Promise.all(x)`, `globalThis.Promise.allSettled(x)` with a single argument, `Promise` not shadowed. */
function promiseCombinator(path: NodePath): Combinator | undefined {
  const { node } = path;
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const method = propertyName(node.callee);
  if (method !== 'all' && method !== 'allSettled') return undefined;
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
  const name = element?.type === 'CallExpression' ? calleeName(element) : undefined;
  return name === 'once' || (name !== undefined && nameWords(name)[0] === 'wait');
}

/** `xs.map(async x => ...)`, `xs.map(f)`: the list and the callback. */
function mappedTasks(node: t.Node): { items: t.Expression; callback: t.Expression } | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const { callee } = node;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type === 'Super') return undefined;
  if (callee.property.type !== 'Identifier' || callee.property.name !== 'map') return undefined;
  const callback = node.arguments[0];
  const isCallback = callback.type === 'ArrowFunctionExpression' || callback.type === 'FunctionExpression' || callback.type === 'Identifier';
  return isCallback && !picksStartedPromise(callback) ? { items: callee.object, callback } : undefined;
}

/** `({ done }) => done`, `x => x.promise`: the callback hands back a promise started elsewhere, so awaiting in turn changes nothing. */
function picksStartedPromise(callback: t.Node): boolean {
  if (callback.type !== 'ArrowFunctionExpression') return false;
  const { body } = callback;
  return body.type === 'Identifier' || body.type === 'MemberExpression' || body.type === 'OptionalMemberExpression';
}

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

/** `[await a(), await b()]`; settled: `[(await globalThis.Promise.allSettled([a()]))[0], ...]`. */
function sequentialArray(tasks: readonly t.Expression[], settled: boolean): t.ArrayExpression {
  return arrayExpression(tasks.map((task) => awaitOne(cloneNode(task), settled)));
}

/** `await task`, or its settlement record `(await globalThis.Promise.allSettled([task]))[0]`. */
function awaitOne(task: t.Expression, settled: boolean): t.Expression {
  if (!settled) return awaitExpression(task);
  return member(awaitExpression(call(fromGlobal('Promise', 'allSettled'), [arrayExpression([task])])), numeric(0), true);
}

/**
 * `async (items, fn) => { const results = []; for (const item of items) results.push(await fn(item, results.length, items)); return results; }`:
 * map's callback arguments (`results.length` is the index), one task at a time.
 */
function sequentialLoop(settled: boolean): t.ArrowFunctionExpression {
  const results = () => identifier('results');
  const step = awaitOne(call(identifier('fn'), [identifier('item'), member(results(), 'length'), identifier('items')]), settled);
  const loop = forOf('item', identifier('items'), expressionStatement(call(member(results(), 'push'), [step])));
  return arrow(['items', 'fn'], blockStatement([constant('results', arrayExpression([])), loop, returnStatement(results())]), true);
}

const expressionStatement = (expression: t.Expression): t.ExpressionStatement => ({ type: 'ExpressionStatement', expression }) as t.ExpressionStatement;

const returnStatement = (argument: t.Expression): t.ReturnStatement => ({ type: 'ReturnStatement', argument }) as t.ReturnStatement;

const constant = (name: string, init?: t.Expression): t.VariableDeclaration =>
  ({ type: 'VariableDeclaration', kind: 'const', declarations: [{ type: 'VariableDeclarator', id: identifier(name), init }] }) as t.VariableDeclaration;

const forOf = (name: string, right: t.Expression, body: t.Statement): t.ForOfStatement =>
  ({ type: 'ForOfStatement', left: constant(name), right, body, await: false }) as t.ForOfStatement;
