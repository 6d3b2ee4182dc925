/** SerializeConcurrency: the shapes it mutates, the shapes it leaves alone, and proof that each replacement keeps results but stops overlap. */
import { describe, expect, it } from 'vitest';
import { importOriginalAndMutant } from './evaluate-mutant.js';
import { mutantsOf, type MutantText } from './harness.js';

/** The printed sequential loop over `items` with callback `fn` (`step` is how one task is awaited). */
const loop = (step: string, items: string, callback: string): string =>
  `(async (items, fn) => {\n  const results = [];\n  for (const item of [...items]) results.push(${step});\n  return results;\n})(${items}, ${callback})`;
const allLoop = (items: string, callback: string) => loop('await fn(item, results.length, items)', items, callback);
const settledLoop = (items: string, callback: string) =>
  loop('(await globalThis.Promise.allSettled([fn(item, results.length, items)]))[0]', items, callback);
const settled = (task: string): string => `(await globalThis.Promise.allSettled([${task}]))[0]`;

const mutated: [string, string, MutantText[]][] = [
  [
    'awaited Promise.all over calls and new',
    `export async function f() { return await Promise.all([a(), new Worker(1)]); }`,
    [{ original: 'await Promise.all([a(), new Worker(1)])', replacement: '[await a(), await new Worker(1)]' }],
  ],
  [
    'awaited globalThis.Promise.all over three method calls, destructured',
    `export async function f(api) { const [x, y, z] = await globalThis.Promise.all([api.get('/x'), this.load(2), api.get('/z').then(parse)]); }`,
    [
      {
        original: `await globalThis.Promise.all([api.get('/x'), this.load(2), api.get('/z').then(parse)])`,
        replacement: `[await api.get('/x'), await this.load(2), await api.get('/z').then(parse)]`,
      },
    ],
  ],
  [
    'awaited Promise.allSettled',
    `export async function f() { return await Promise.allSettled([a(), b()]); }`,
    [{ original: 'await Promise.allSettled([a(), b()])', replacement: `[${settled('a()')}, ${settled('b()')}]` }],
  ],
  [
    'returned Promise.all',
    `export function f() { return Promise.all([a(), b()]); }`,
    [{ original: 'Promise.all([a(), b()])', replacement: '(async () => [await a(), await b()])()' }],
  ],
  [
    'Promise.allSettled chained with .then',
    `export function f() { return Promise.allSettled([a(), b()]).then(report); }`,
    [{ original: 'Promise.allSettled([a(), b()])', replacement: `(async () => [${settled('a()')}, ${settled('b()')}])()` }],
  ],
  [
    'a map callback calling a module function that awaits its item and then starts work (twin of nano-spawn pipe.js:35)',
    `const closeAndFlush = async (p) => { const { stdin } = await p; await flush(stdin); };\nexport async function f(ps) { await Promise.allSettled(ps.map(({ p }) => closeAndFlush(p))); }`,
    [{ original: 'Promise.allSettled(ps.map(({ p }) => closeAndFlush(p)))', replacement: settledLoop('ps', '({\n  p\n}) => closeAndFlush(p)') }],
  ],
  [
    'awaited Promise.all over xs.map(async arrow)',
    `export async function f(xs) { return await Promise.all(xs.map(async (x) => g(x))); }`,
    [{ original: 'Promise.all(xs.map(async (x) => g(x)))', replacement: allLoop('xs', 'async x => g(x)') }],
  ],
  [
    'Promise.all over Object.keys(o).map(function expression)',
    `export function f(o) { return Promise.all(Object.keys(o).map(function (k, i) { return put(k, o[k], i); })); }`,
    [
      {
        original: 'Promise.all(Object.keys(o).map(function (k, i) { return put(k, o[k], i); }))',
        replacement: allLoop('Object.keys(o)', 'function (k, i) {\n  return put(k, o[k], i);\n}'),
      },
    ],
  ],
  [
    'Promise.all over xs.map(identifier)',
    `export function f(ids) { return Promise.all(ids.map(fetchUser)); }`,
    [{ original: 'Promise.all(ids.map(fetchUser))', replacement: allLoop('ids', 'fetchUser') }],
  ],
  [
    'Promise.allSettled over xs.map',
    `export async function f(xs) { const outcomes = await Promise.allSettled(xs.map((x) => g(x))); }`,
    [{ original: 'Promise.allSettled(xs.map((x) => g(x)))', replacement: settledLoop('xs', 'x => g(x)') }],
  ],
  [
    'nested: an inner Promise.all does not leak into the outer replacement',
    `export async function f() { return await Promise.all([a(), Promise.all([b(), c()])]); }`,
    [
      { original: 'await Promise.all([a(), Promise.all([b(), c()])])', replacement: '[await a(), await Promise.all([b(), c()])]' },
      { original: 'Promise.all([b(), c()])', replacement: '(async () => [await b(), await c()])()' },
    ],
  ],
  [
    'nested: Promise.all inside a map callback',
    `export async function f(xs) { await Promise.all(xs.map(async (x) => Promise.all([a(x), b(x)]))); }`,
    [
      { original: 'Promise.all(xs.map(async (x) => Promise.all([a(x), b(x)])))', replacement: allLoop('xs', 'async x => Promise.all([a(x), b(x)])') },
      { original: 'Promise.all([a(x), b(x)])', replacement: '(async () => [await a(x), await b(x)])()' },
    ],
  ],
];

const leftAlone: [string, string][] = [
  ['an array of promises started elsewhere', `export async function f(promises) { return await Promise.all(promises); }`],
  ['identifiers of started promises', `export async function f() { const p = a(); const q = b(); return await Promise.all([p, q]); }`],
  ['a member expression among the tasks', `export async function f() { return await Promise.all([this.ready, a()]); }`],
  ['a single-element array', `export async function f() { return await Promise.all([a()]); }`],
  ['Promise.race and Promise.any', `export async function f() { await Promise.race([a(), b()]); await Promise.any([a(), b()]); }`],
  ['a map callback that is not a function expression or identifier', `export async function f(xs, api) { await Promise.all(xs.map(handler(1))); await Promise.all(xs.map(api.get)); }`],
  ['a map callback that picks promises started elsewhere', `export async function f(xs) { await Promise.all(xs.map(({ sent }) => sent)); await Promise.all(xs.map(x => x.done)); }`],
  ['a listener before the task that triggers it', `export async function f(server) { await Promise.all([once(server, 'listening'), server.listen()]); await Promise.all([waitForReply(m), send(m)]); }`],
  ['map with a thisArg', `export async function f(xs) { await Promise.all(xs.map(g, ctx)); }`],
  ['spread elements', `export async function f(xs) { await Promise.all([...xs.map(g)]); await Promise.all([a(), ...rest]); }`],
  ['an array with a hole', `export async function f() { await Promise.all([a(), , b()]); }`],
  ['a Promise that is not the global one', `import Promise from 'bluebird';\nexport async function f() { return await Promise.all([a(), b()]); }`],
  ['a yield inside the tasks of an un-awaited call', `export function* f() { return Promise.all([a(yield 1), b()]); }`],
  ['a map callback that only wraps a promise started elsewhere', `export async function f(xs) { await Promise.all(xs.map((x) => reflect(x.promise))); await Promise.allSettled(xs.map((x) => x.donePromise.catch(log))); }`],
  ['a map callback chaining on the item itself (fs-extra util/async.js)', `export async function f(promises) { await Promise.all(promises.map((promise) => promise.then((result) => use(result)))); }`],
  ['a listener wrapped in .then before the task that triggers it (cacache write.js)', `import events from 'node:events';\nexport async function f(em, Pipeline) { await Promise.all([events.once(em, 'integrity').then((res) => res[0]), events.once(em, 'size').then((res) => res[0]), new Pipeline().promise()]); }`],
  ['a join over promises started elsewhere before the task that settles them (nano-spawn pipe.js:5: a hang)', `export async function handlePipe(subprocesses) { const [[from, to]] = await Promise.all([Promise.allSettled(subprocesses), pipeStreams(subprocesses)]); return [from, to]; }`],
  ['a map callback calling a module function that only awaits the promise it is given (nano-spawn pipe.js:35)', `const closeStdin = async (nodeChildProcess) => { const { stdin } = await nodeChildProcess; stdin.end(); };\nexport async function f(subprocesses) { await Promise.allSettled(subprocesses.map(({ nodeChildProcess }) => closeStdin(nodeChildProcess))); }`],
  ['closing iterators (nano-spawn iterable.js:51: async generators sharing one pending promise, a hang in turn)', `export async function f(iterators) { await Promise.all(iterators.map((iterator) => iterator.return())); }`],
  ['a map callback that only listens (in turn, it would miss events)', `import { once } from 'node:events';\nexport async function f(workers) { await Promise.all(workers.map((w) => once(w, 'exit'))); }`],
];

/** TypeScript replacements: a tuple-typed identity keeps `Promise.all`'s tuple type; the loop is generic over the items and the callback. */
const tuple = (elements: string): string => `(<T extends unknown[],>(...values: T): T => values)(${elements})`;
const typedLoop = (result: string, step: string, items: string, callback: string): string =>
  `(async <I extends readonly unknown[], R>(items: I, fn: (item: I[number], index: number, items: I) => R): Promise<${result}[]> => {\n` +
  `  const results: ${result}[] = [];\n  for (const item of [...items]) results.push(${step});\n  return results;\n})(${items}, ${callback})`;
const typedRows: [string, string, MutantText[]][] = [
  [
    'awaited array, a destructured tuple',
    `export async function f(): Promise<void> { const [a, b]: [A, B] = await Promise.all([loadA<A>(), loadB()]); }`,
    [{ original: 'await Promise.all([loadA<A>(), loadB()])', replacement: tuple('await loadA<A>(), await loadB()') }],
  ],
  [
    'returned Promise.allSettled',
    `export function f() { return Promise.allSettled([a(), b()]); }`,
    [{ original: 'Promise.allSettled([a(), b()])', replacement: `(async () => ${tuple(`${settled('a()')}, ${settled('b()')}`)})()` }],
  ],
  [
    'map with a typed async callback',
    `export async function f(ids: string[]): Promise<void> { await Promise.all(ids.map(async (id: string): Promise<User> => get(id))); }`,
    [
      {
        original: 'Promise.all(ids.map(async (id: string): Promise<User> => get(id)))',
        replacement: typedLoop('Awaited<R>', 'await fn(item, results.length, items)', 'ids', 'async (id: string): Promise<User> => get(id)'),
      },
    ],
  ],
  [
    'allSettled over map(identifier)',
    `export async function f(ids: readonly string[]) { return Promise.allSettled(ids.map(g)); }`,
    [
      {
        original: 'Promise.allSettled(ids.map(g))',
        replacement: typedLoop('PromiseSettledResult<Awaited<R>>', '(await globalThis.Promise.allSettled([fn(item, results.length, items)]))[0]', 'ids', 'g'),
      },
    ],
  ],
];

describe('SerializeConcurrency', () => {
  it.each(mutated)('mutates %s', async (_, code, expected) => {
    expect(await mutantsOf('SerializeConcurrency', code, 'input.js')).toEqual(expected);
  });

  it.each(typedRows)('in TypeScript, types the replacement: %s', async (_, code, expected) => {
    expect(await mutantsOf('SerializeConcurrency', code, 'input.ts')).toEqual(expected);
  });

  it.each(leftAlone)('leaves alone %s', async (_, code) => {
    expect(await mutantsOf('SerializeConcurrency', code, 'input.js')).toEqual([]);
    expect(await mutantsOf('SerializeConcurrency', code, 'input.ts')).toEqual([]);
  });

  it('mutates in a .js file', async () => {
    const code = `export async function f(xs) { const [u, v] = await Promise.all([a(), b()]); return Promise.all(xs.map(g)); }`;
    expect(await mutantsOf('SerializeConcurrency', code, 'input.js')).toEqual([
      { original: 'await Promise.all([a(), b()])', replacement: '[await a(), await b()]' },
      { original: 'Promise.all(xs.map(g))', replacement: allLoop('xs', 'g') },
    ]);
  });
});

/** Tasks that log their start and end, with two microtask hops in between; task 'b' fails. */
const tasks = `const log = [];
async function task(name, index = 0) {
  log.push('start ' + name);
  await null;
  await null;
  log.push('end ' + name);
  if (name === 'b') throw new Error('b failed ' + index);
  return name + index;
}
const names = ['a', 'b', 'c'];
`;

const behaviour: [string, string][] = [
  ['awaited array (all)', `${tasks}export async function run() { const value = await Promise.all([task('a'), task('c')]); return { value, log }; }`],
  ['awaited array (allSettled)', `${tasks}export async function run() { const value = await Promise.allSettled([task('a'), task('b'), task('c')]); return { value, log }; }`],
  ['async IIFE (all)', `${tasks}function start() { return Promise.all([task('a'), task('c')]); }\nexport async function run() { const value = await start(); return { value, log }; }`],
  ['async IIFE (allSettled)', `${tasks}function start() { return Promise.allSettled([task('a'), task('b')]); }\nexport async function run() { const value = await start(); return { value, log }; }`],
  ['sequential loop (all)', `${tasks}export async function run() { const value = await Promise.all(['a', 'c'].map(async (name, i) => task(name, i))); return { value, log }; }`],
  ['sequential loop (allSettled)', `${tasks}export async function run() { const value = await Promise.allSettled(names.map(task)); return { value, log }; }`],
  [
    'sequential loop over an array the work shrinks (a pool): every item still runs',
    `${tasks}const pool = ['a', 'c', 'd'];\nexport async function run() { const value = await Promise.all(pool.map(async (name) => { const done = await task(name); pool.splice(pool.indexOf(name), 1); return done; })); return { value, log }; }`,
  ],
];

/** How many tasks had started when the first one ended: all of them when they overlap, one when they run in sequence. */
const startedBeforeFirstEnd = (log: string[]): number => log.findIndex((entry) => entry.startsWith('end'));

describe('SerializeConcurrency behaviour: same results, no overlap', () => {
  it.each(behaviour)('%s', async (_, code) => {
    const [mutant] = await mutantsOf('SerializeConcurrency', code, 'input.js');
    const [original, mutated] = await importOriginalAndMutant(code, mutant);
    const before = await original.run();
    const after = await mutated.run();
    expect(after.value).toEqual(before.value);
    expect([...after.log].sort()).toEqual([...before.log].sort());
    expect(startedBeforeFirstEnd(before.log)).toBeGreaterThan(1);
    expect(startedBeforeFirstEnd(after.log)).toBe(1);
  });
});
