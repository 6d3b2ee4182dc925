/** Table tests for the project facts: helpers, methods, fields and stored promises that wrap the timing primitives, across modules, and each shape's leave-alone twin. */
import { describe, expect, it } from 'vitest';
import type { OperatorName } from '../../mutators/catalog.js';
import { scratchDir } from '../support/scratch.js';
import { mutantsOf, projectMutantsOf, type MutantText } from './harness.js';

const sleep500 = 'await new Promise(r => globalThis.setTimeout(r, 500))';
const eventSleep = (original: string): MutantText => ({ original, replacement: sleep500 });
const block = (ms: string): string => `(globalThis as any).Atomics.wait(new globalThis.Int32Array(new (globalThis as any).SharedArrayBuffer(4)), 0, 0, ${ms})`;
const keepCall = (original: string, awaited: string): MutantText => ({ original, replacement: `await Promise.race([new Promise(r => globalThis.setTimeout(r, 500)), Promise.resolve(${awaited}).then(() => new Promise(() => {}))])` });
const pool = `export class Pool {\n  tasks: Promise<void>[] = [];\n  limit = 2;\n  async waitForSlot(): Promise<void> {\n    while (this.tasks.length >= this.limit) {\n      await this.waitForOne();\n    }\n  }\n  async waitForOne(): Promise<void> {\n    await Promise.race(this.tasks);\n  }\n  async drainAll(): Promise<void> {\n    await Promise.all(this.active());\n  }\n  active() { return this.tasks; }\n`;
const blockThenResolve = (original: string, ms: string): MutantText => ({ original, replacement: `(${block(ms)}, globalThis.Promise.resolve())` });

/**
 * tinyexec's ExecProcess, reduced: a thenable whose `then` forwards to `output()`, which settles after the 'close' event
 * (a deferred resolved by a listener); `options.upstream` is another Proc, read through `Partial<ProcOptions>`.
 */
const proc = `import { EventEmitter } from 'node:events';\nexport interface ProcOptions {\n  upstream: Proc;\n}\nexport class Proc extends EventEmitter {\n  protected closed: Promise<void>;\n  protected resolveClose?: () => void;\n  constructor(protected options: Partial<ProcOptions> = {}) {\n    super();\n    this.closed = new Promise<void>((resolve) => {\n      this.resolveClose = resolve;\n    });\n    this.once('close', this.onClose);\n  }\n  protected onClose = (): void => {\n    if (this.resolveClose) this.resolveClose();\n  };\n  protected async output(): Promise<string> {\n    const text = String(this.listenerCount('data'));\n    await this.closed;\n    if (this.options.upstream) {\n      await this.options.upstream;\n    }\n    return text;\n  }\n  then<A = string, B = never>(onfulfilled?: ((value: string) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {\n    return this.output().then(onfulfilled, onrejected);\n  }\n}\nexport function start(options: Partial<ProcOptions> = {}) {\n  return new Proc(options);\n}\n`;

/** Modules the rows import: a sleep helper, an event helper, a pool whose method waits for an event, a promisified fs call. */
const library: Record<string, string> = {
  'src/time.ts': `export function pauseFor(ms: number): Promise<void> {\n  return new Promise((resolve) => setTimeout(resolve, ms));\n}\nexport const waitFor = (ms: number) => pauseFor(ms);\n`,
  'src/events.js': `export const nextEvent = (emitter, name) => new Promise((resolve) => emitter.once(name, resolve));\n`,
  'src/pool.ts': `import { EventEmitter } from 'node:events';\nexport class Pool extends EventEmitter {\n  #pending = 0;\n  drained(): Promise<void> {\n    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.once('drain', resolve));\n  }\n  size(): Promise<number> {\n    return Promise.resolve(this.#pending);\n  }\n}\nexport function makePool() {\n  return new Pool();\n}\nexport function openPool(): Pool {\n  return makePool();\n}\nexport async function startPool(): Promise<Pool> {\n  return new Pool();\n}\nexport interface Drainable {\n  drained(): Promise<void>;\n}\nexport function anyDrainable(): Drainable {\n  return new Pool();\n}\nexport class SettledPool extends Pool {\n  then(onfulfilled: (value: number) => void) {\n    onfulfilled(0);\n  }\n}\nexport class ChildPool extends SettledPool {}\nexport async function startChild(): Promise<ChildPool> {\n  return new ChildPool();\n}\n`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', allowJs: true }, include: ['src'] }),
  'src/delay.ts': `export class Delay {\n  constructor(private delay: number) {}\n  apply(): Promise<unknown> {\n    return new Promise((resolve) => setTimeout(resolve, this.delay));\n  }\n}\n`,
  'src/fsp.ts': `import fsPromises from 'fs/promises';\nexport const promises = {\n  lstat: fsPromises.lstat,\n  rename: fsPromises.rename,\n  unlink: fsPromises.unlink,\n  readdir: (path: string) => fsPromises.readdir(path, { withFileTypes: true }),\n};\n`,
  'src/fs/index.js': `const u = require('universalify').fromCallback;\nconst fs = require('graceful-fs');\nconst api = ['stat', 'lstat', 'readdir', 'open', 'write'].filter((key) => typeof fs[key] === 'function');\nObject.assign(exports, fs);\napi.forEach((method) => {\n  exports[method] = u(fs[method]);\n});\n`,
  'src/fsx.js': `const fs = require('fs');\nconst { promisify } = require('util');\nexports.fsyncAsync = promisify(fs.fsync);\n`,
  'src/proc.ts': proc,
  'node_modules/wrapper/package.json': JSON.stringify({ name: 'wrapper', version: '1.0.0', types: 'index.d.ts' }),
  'node_modules/wrapper/index.d.ts': 'export declare function wrap<T>(value: T): T;\n',
  'src/cached.ts': `export class Cached {\n  constructor(private read: () => Promise<string>) {}\n  async load(): Promise<string> {\n    const text = await this.read();\n    return text.trim();\n  }\n  then<A = string, B = never>(onfulfilled?: ((value: string) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {\n    return this.load().then(onfulfilled, onrejected);\n  }\n}\nexport function cached(read: () => Promise<string>) {\n  return new Cached(read);\n}\n`,
};

type Row = [description: string, operator: OperatorName, code: string, expected: MutantText[]];

const rows: Row[] = [
  // EventWaitToSleep
  ['a private method returning a listener promise', 'EventWaitToSleep', `class W {\n  #onEvent(name) { return new Promise((r) => this.on(name, r)); }\n  async stop() { await this.#onEvent('idle'); }\n}`, [eventSleep(`await this.#onEvent('idle')`)]],
  ['a method with a fast path, on a receiver annotated with a class from another module', 'EventWaitToSleep', `import { Pool } from './pool.js';\nexport async function close(pool: Pool) { await pool.drained(); }`, [eventSleep('await pool.drained()')]],
  ['the same method on a receiver constructed in view', 'EventWaitToSleep', `import { Pool } from './pool.js';\nexport async function close() { const pool = new Pool(); await pool.drained(); }`, [eventSleep('await pool.drained()')]],
  ['an event helper imported from a JS module', 'EventWaitToSleep', `import { nextEvent } from './events.js';\nexport async function f(em) { await nextEvent(em, 'ready'); }`, [eventSleep(`await nextEvent(em, 'ready')`)]],
  ['a field holding a listener promise, awaited later', 'EventWaitToSleep', `class Child {\n  constructor(proc) { this.exited = new Promise((r) => proc.on('exit', r)); }\n  async kill() { await this.exited; }\n}`, [eventSleep('await this.exited')]],
  ['a stored once, awaited later', 'EventWaitToSleep', `import { once } from 'node:events';\nexport async function f(em) { const closed = once(em, 'close'); em.end(); await closed; }`, [eventSleep('await closed')]],
  ['Promise.all over pushed once waits', 'EventWaitToSleep', `import { once } from 'node:events';\nexport async function f(workers) { const waits = [];\n  for (const w of workers) waits.push(once(w, 'exit'));\n  await Promise.all(waits); }`, [eventSleep('await Promise.all(waits)')]],
  ['a listener promise with an error path chained (cacache verify.js)', 'EventWaitToSleep', `export async function gc(indexStream) { await new Promise((resolve, reject) => { indexStream.on('end', resolve).on('error', reject); }); }`, [eventSleep(`await new Promise((resolve, reject) => { indexStream.on('end', resolve).on('error', reject); })`)]],
  ['a helper that starts a scan and returns the promise of its end: the call stays, the wait goes (chokidar _handleRead)', 'EventWaitToSleep', `export class Handler {\n  _read(dir: string, em: any): Promise<unknown> | undefined {\n    const stream = em.scan(dir);\n    if (!stream) return;\n    return new Promise((resolve, reject) => {\n      stream.once('end', () => { resolve(undefined); em.emit('scanned'); });\n    });\n  }\n  async add(dir: string, em: any) {\n    await this._read(dir, em);\n    em.watch(dir);\n  }\n}`, [keepCall('await this._read(dir, em)', 'this._read(dir, em)')]],
  ['helpers waiting for a free slot and for a drain over the tasks the object keeps (promise-pool)', 'EventWaitToSleep', `${pool}  async process(items: number[]) {\n    for (const item of items) {\n      this.tasks.push(work(item));\n      await this.waitForSlot();\n    }\n    await this.drainAll();\n  }\n}`, [eventSleep('await this.waitForSlot()'), eventSleep('await this.drainAll()')]],
  ['pEvent', 'EventWaitToSleep', `import { pEvent } from 'p-event';\nexport async function f(em) { await pEvent(em, 'finish'); }`, [eventSleep(`await pEvent(em, 'finish')`)]],
  ['an event helper chained with .then', 'EventWaitToSleep', `import { nextEvent } from './events.js';\nexport function f(em) { return nextEvent(em, 'ready').then(() => em.start()); }`, [{ original: `nextEvent(em, 'ready')`, replacement: 'new Promise(r => globalThis.setTimeout(r, 500))' }]],
  ['a receiver from project factories whose declared return type names the class (syntax, no checker)', 'EventWaitToSleep', `import { openPool, startPool } from './pool.js';\nexport async function close() { const a = openPool(); await a.drained(); const b = await startPool(); await b.drained(); }`, [eventSleep('await a.drained()'), eventSleep('await b.drained()')]],
  ['types (TS checker): a receiver whose class is only inferred', 'EventWaitToSleep', `import { makePool } from './pool.js';\nexport async function close() { const pool = makePool(); await pool.drained(); }`, [eventSleep('await pool.drained()')]],
  ['types (TS checker): a field whose type is inferred', 'EventWaitToSleep', `import { makePool } from './pool.js';\nexport class Server {\n  pool = makePool();\n  async close() { await this.pool.drained(); }\n}`, [eventSleep('await this.pool.drained()')]],
  ['types (TS checker): awaiting a project thenable read through Partial<Options> whose then settles after a close event (tinyexec pipe)', 'EventWaitToSleep', proc, [eventSleep('await this.closed'), keepCall('await this.options.upstream', 'this.options.upstream')]],
  ['awaiting a project thenable: annotated (syntax) and only inferred (TS checker)', 'EventWaitToSleep', `import { Proc, start } from './proc.js';\nexport async function after(first: Proc) {\n  await first;\n  const second = start({ upstream: first });\n  await second;\n}`, [keepCall('await first', 'first'), keepCall('await second', 'second')]],
  ['a thenable class and the code awaiting it in one file (the class body is already instrumented when the await is reached)', 'EventWaitToSleep', `${proc.replace(/\nexport function start[^]*$/, '')}\nexport async function pipe(first: Proc) {\n  await first;\n}\n`, [eventSleep('await this.closed'), keepCall('await this.options.upstream', 'this.options.upstream'), keepCall('await first', 'first')]],
  ['a thenable whose then forwards to a method that may return before its event: only the wait inside is mutated', 'EventWaitToSleep', `class Job {\n  constructor(proc) { this.exited = new Promise((r) => proc.on('exit', r)); }\n  async result(cache) {\n    if (cache.has('x')) return cache.get('x');\n    await this.exited;\n    return 1;\n  }\n  then(onfulfilled, onrejected) { return this.result(new Map()).then(onfulfilled, onrejected); }\n}\nexport async function stop() { const job = new Job(process); await job; }`, [eventSleep('await this.exited')]],
  ['a thenable whose then forwards to a deferred field resolved by a listener', 'EventWaitToSleep', `class Child {\n  constructor(proc) {\n    this.closed = new Promise((resolve) => { this.resolveClose = resolve; });\n    proc.once('close', () => this.resolveClose());\n  }\n  then(onfulfilled, onrejected) { return this.closed.then(onfulfilled, onrejected); }\n}\nexport async function stop(proc) { const child = new Child(proc); await child; }`, [keepCall('await child', 'child')]],
  ['an async method that settles after an event it awaits, called directly: a helper call, left to the helper rules', 'EventWaitToSleep', `class Job {\n  constructor(proc) { this.exited = new Promise((r) => proc.on('exit', r)); }\n  async result() {\n    await this.exited;\n    return 1;\n  }\n  async stop() { await this.result(); }\n}`, [eventSleep('await this.exited')]],
  // BlockingSleep
  ['a sleep helper from another module', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport async function f() { await pauseFor(100); }`, [{ original: 'pauseFor(100)', replacement: block('100') }]],
  ['a helper around a helper', 'BlockingSleep', `import { waitFor } from './time.js';\nexport async function f(ms: number) { await waitFor(ms); }`, [{ original: 'waitFor(ms)', replacement: block('globalThis.Number(ms) || 0') }]],
  ['a namespace import', 'BlockingSleep', `import * as time from './time.js';\nexport async function f() { await time.pauseFor(5); }`, [{ original: 'time.pauseFor(5)', replacement: block('5') }]],
  ['a stored sleep, awaited later', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport async function f() { const p = pauseFor(200); work(); await p; }`, [blockThenResolve('pauseFor(200)', '200')]],
  ['a sleep chained with .then', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport function f(retry) { return pauseFor(300).then(() => retry()); }`, [blockThenResolve('pauseFor(300)', '300')]],
  ['a helper whose duration only its definition sees', 'BlockingSleep', library['src/delay.ts'], [blockThenResolve('new Promise((resolve) => setTimeout(resolve, this.delay))', 'globalThis.Number(this.delay) || 0')]],
  // DropOffload
  ['promisify(fs.fsync)(fd)', 'DropOffload', `import fs from 'node:fs';\nimport { promisify } from 'node:util';\nexport async function f(fd) { await promisify(fs.fsync)(fd); }`, [{ original: 'promisify(fs.fsync)(fd)', replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).fsyncSync(fd)' }]],
  ['a util.promisify(fs.rename) bound once, called twice', 'DropOffload', `const fs = require('graceful-fs');\nconst util = require('util');\nconst renameAsync = util.promisify(fs.rename);\nasync function f(a, b) { await renameAsync(a, b); await renameAsync(b, a); }`, [{ original: 'renameAsync(a, b)', replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).renameSync(a, b)' }, { original: 'renameAsync(b, a)', replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).renameSync(b, a)' }]],
  ['a promisified name exported by another module', 'DropOffload', `import { fsyncAsync } from './fsx.js';\nexport async function f(fd) { await fsyncAsync(fd); }`, [{ original: 'fsyncAsync(fd)', replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).fsyncSync(fd)' }]],
  ['fs/promises functions re-exported in a project object and destructured (rimraf)', 'DropOffload', `import { promises } from './fsp.js';\nconst { lstat, rename, unlink } = promises;\nexport async function f(p: string, ignoreENOENT: (p: Promise<unknown>) => Promise<unknown>) {\n  await rename(p, p + '.tmp');\n  await ignoreENOENT(unlink(p));\n  return lstat(p).then((st) => st.isDirectory());\n}`, [{ original: `rename(p, p + '.tmp')`, replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).renameSync(p, p + \'.tmp\')' }, { original: 'unlink(p)', replacement: 'globalThis.Promise.resolve().then(() => ((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).unlinkSync(p))' }, { original: 'lstat(p)', replacement: 'globalThis.Promise.resolve().then(() => ((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).lstatSync(p))' }]],
  ['a helper around a promisified call: its own call is the site, not its callers (other arguments)', 'DropOffload', `import fs from 'node:fs';\nimport { promisify } from 'node:util';\nconst fsyncAsync = promisify(fs.fsync);\nexport async function flush(handle) { return fsyncAsync(handle.fd); }\nexport async function f(handle) { await flush(handle); }`, [{ original: 'fsyncAsync(handle.fd)', replacement: 'globalThis.Promise.resolve().then(() => ((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).fsyncSync(handle.fd))' }]],
  ['fs functions wrapped in a loop over a list (fs-extra lib/fs: universalify over graceful-fs)', 'DropOffload', `const fs = require('./fs');\nasync function f(p) {\n  const st = await fs.stat(p);\n  return fs.readdir(p);\n}\nmodule.exports = { f };`, [{ original: 'fs.stat(p)', replacement: '((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).statSync(p)' }, { original: 'fs.readdir(p)', replacement: 'globalThis.Promise.resolve().then(() => ((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).readdirSync(p))' }]],
  ['a wrapped callback-API fs function whose promise resolves as its *Sync twin returns (fs-extra utimes.js: open resolves an fd)', 'DropOffload', `const fs = require('./fs');\nasync function touch(p) {\n  const fd = await fs.open(p, 'r+');\n  return fd;\n}\nmodule.exports = { touch };`, [{ original: `fs.open(p, 'r+')`, replacement: `((globalThis as any).process.getBuiltinModule("node:fs") as typeof import("fs")).openSync(p, 'r+')` }]],
  // FlattenBackoff
  ['options.initialDelay * 2 ** attempts in a generator returning [delay, next]', 'FlattenBackoff', `export function* delays(options, attempts) { while (true) { yield [options.initialDelay * 2 ** attempts, attempts + 1]; } }`, [{ original: 'options.initialDelay * 2 ** attempts', replacement: 'options.initialDelay' }]],
  ['Math.pow(options.exponent, t) with a named base', 'FlattenBackoff', `export function next(options, t) { return Math.round(options.minTimeout * Math.pow(options.exponent, t)); }`, [{ original: 'options.minTimeout * Math.pow(options.exponent, t)', replacement: 'options.minTimeout' }]],
  ['Math.random() * delay', 'FlattenBackoff', `export function jittered(delay) { return Math.random() * delay; }`, [{ original: 'Math.random() * delay', replacement: 'delay' }]],
  ['(delay + Math.random() * delay) / 2', 'FlattenBackoff', `export function equalJitter(delay) { return (delay + Math.random() * delay) / 2; }`, [{ original: 'delay + Math.random() * delay', replacement: 'delay' }]],
  ['a Math.random() + 1 factor', 'FlattenBackoff', `export function nextDelay(minTimeout, factor, attempt) { return Math.round((Math.random() + 1) * minTimeout * factor ** attempt); }`, [{ original: '(Math.random() + 1) * minTimeout * factor ** attempt', replacement: '(Math.random() + 1) * minTimeout' }, { original: '(Math.random() + 1) * minTimeout', replacement: 'minTimeout' }]],
  ['options.factor ??= 2 where the factor is a power base', 'FlattenBackoff', `export function backoff(options, attempt) { options.factor ??= 2; return options.minTimeout * options.factor ** attempt; }`, [{ original: '2', replacement: '1' }, { original: 'options.minTimeout * options.factor ** attempt', replacement: 'options.minTimeout' }]],
  ['(2 ** n - 1) / 2 * baseDelay (retry-axios): the whole growth term goes', 'FlattenBackoff', `export function next(retrycount, baseDelay) { const delay = ((2 ** retrycount - 1) / 2) * baseDelay; return delay; }`, [{ original: '((2 ** retrycount - 1) / 2) * baseDelay', replacement: 'baseDelay' }]],
  ['backoff = Math.ceil(backoff * rate) (rimraf): iterative growth', 'FlattenBackoff', `export async function retry(fn, rate) { let backoff = 100; while (true) { try { return await fn(); } catch { backoff = Math.ceil(backoff * rate); await sleep(backoff); } } }`, [{ original: 'backoff * rate', replacement: 'backoff' }]],
  ['delay = delay * factor', 'FlattenBackoff', `export function grow(state, factor) { state.delay = state.delay * factor; }`, [{ original: 'state.delay * factor', replacement: 'state.delay' }]],
  ['a sleep helper fed with backoff', 'FlattenBackoff', `import { pauseFor } from './time.js';\nexport async function retry(base, n) { await pauseFor(base * 2 ** n); }`, [{ original: 'base * 2 ** n', replacement: 'base' }]],
];

const leftAlone: [description: string, operator: OperatorName, code: string][] = [
  ['a listener-promise method whose value is used', 'EventWaitToSleep', `class W {\n  #onEvent(name) { return new Promise((r) => this.on(name, r)); }\n  async stop() { const code = await this.#onEvent('exit'); return code; }\n}`],
  ['a method resolving with data', 'EventWaitToSleep', `import { Pool } from './pool.js';\nexport async function f(pool: Pool) { await pool.size(); }`],
  ['a receiver whose class syntax cannot see', 'EventWaitToSleep', `export async function close(pool) { await pool.drained(); }`],
  ['a receiver from a factory declared to return an interface (any class may implement it)', 'EventWaitToSleep', `import { anyDrainable } from './pool.js';\nexport async function close() { const pool = anyDrainable(); await pool.drained(); }`],
  ['a receiver from a factory declared to return Promise<Pool>, not awaited (a promise has no drained)', 'EventWaitToSleep', `import { startPool } from './pool.js';\nexport async function close() { const pool = startPool(); await (pool as any).drained(); }`],
  ['an awaited factory whose class inherits a then method (awaiting the call gives what then resolves, not the pool)', 'EventWaitToSleep', `import { startChild } from './pool.js';\nexport async function close() { const pool = await startChild(); await pool.drained(); }`],
  ['a project class seen only through a package\'s typings (the checker reads the project\'s modules, not node_modules)', 'EventWaitToSleep', `import { wrap } from 'wrapper';\nimport { makePool } from './pool.js';\nexport async function close() { const pool = wrap(makePool()); await pool.drained(); }`],
  ['pEvent with options (a cancellable watcher)', 'EventWaitToSleep', `import { pEvent } from 'p-event';\nexport async function f(em, signal) { await pEvent(em, 'finish', { signal }); }`],
  ['an event helper given { signal }', 'EventWaitToSleep', `import { nextEvent } from './events.js';\nexport async function f(em, signal) { await nextEvent(em, { signal }); }`],
  ['a field assigned a listener promise in one place and data in another', 'EventWaitToSleep', `class Child {\n  constructor(proc) { this.exited = new Promise((r) => proc.on('exit', r)); }\n  reset() { this.exited = compute(); }\n  async kill() { await this.exited; }\n}`],
  ['Promise.all over pushed waits and work', 'EventWaitToSleep', `import { once } from 'node:events';\nexport async function f(workers) { const waits = [];\n  for (const w of workers) { waits.push(once(w, 'exit')); waits.push(w.flush()); }\n  await Promise.all(waits); }`],
  ['the joins over kept tasks themselves, and a helper joining work it starts', 'EventWaitToSleep', `${pool}  async process(items: number[]) {\n    await Promise.all(this.tasks);\n    await this.runAll(items);\n  }\n  async runAll(items: number[]) {\n    await Promise.all(items.map((item) => work(item)));\n  }\n}`],
  ['a promise started elsewhere (a parameter)', 'EventWaitToSleep', `export async function f(done) { await done; }`],
  ['an event helper chained with a .then that reads the value', 'EventWaitToSleep', `import { nextEvent } from './events.js';\nexport function f(em) { return nextEvent(em, 'data').then((chunk) => em.push(chunk)); }`],
  ['a readiness promise chained with .catch (watched for failure, lightship)', 'EventWaitToSleep', `export function watch(ready, shutdown) { void ready.then(() => console.log('ready')).catch(shutdown); }`],
  ['a project thenable whose then waits on no event (twin of the tinyexec row)', 'EventWaitToSleep', `import { Cached, cached } from './cached.js';\nexport async function warm(first: Cached, read: () => Promise<string>) {\n  await first;\n  const second = cached(read);\n  await second;\n}`],
  ['a project thenable whose value is used', 'EventWaitToSleep', `import { Proc } from './proc.js';\nexport async function output(first: Proc) {\n  const text = await first;\n  return text;\n}`],
  ['a sleep helper given { signal }', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport async function f(signal) { await pauseFor(100, { signal }); }`],
  ['a stored sleep never awaited (handed on)', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport function f() { const p = pauseFor(200); return p; }`],
  ['a zero-duration helper call', 'BlockingSleep', `import { pauseFor } from './time.js';\nexport async function f() { await pauseFor(0); }`],
  ['a sleep helper whose duration is its parameter: mutated at its call sites, not where it returns the timer (twin of Delay.apply)', 'BlockingSleep', library['src/time.ts']],
  ['a timer promise resolving with a value', 'BlockingSleep', `export function later(ms, value) { return new Promise((r) => setTimeout(() => r(value), ms)); }\nexport async function f() { await later(10, 1); }`],
  ['a re-exported wrapper that changes the arguments (rimraf readdir withFileTypes)', 'DropOffload', `import { promises } from './fsp.js';\nexport async function f(p: string) { return await promises.readdir(p); }`],
  ['a wrapped fs function called with a callback, or without a same-shape twin (fs-extra)', 'DropOffload', `const fs = require('./fs');\nasync function f(p, fd, b) {\n  fs.stat(p, (err, st) => use(st));\n  return [await fs.write(fd, b), await fs.exists(p)];\n}\nmodule.exports = { f };`],
  ['promisify(fs.write) (its sync twin returns another shape)', 'DropOffload', `import fs from 'node:fs';\nimport { promisify } from 'node:util';\nexport async function f(fd, b) { await promisify(fs.write)(fd, b); }`],
  ['options.factor ??= 2 where the factor is no power base', 'FlattenBackoff', `export function grow(options, size) { options.factor ??= 2; return size * options.factor; }`],
  ['a size grown by repeated multiplication', 'FlattenBackoff', `export function grow(buffer, factor) { buffer.size = Math.ceil(buffer.size * factor); }`],
  ['a delay scaled by a random factor in place (jitter, not growth)', 'FlattenBackoff', `export function jitter(state) { state.count = state.count * Math.random(); }`],
  ['a project helper that is no sleep, fed with backoff (twin of the sleep helper row)', 'FlattenBackoff', `import { makePool } from './pool.js';\nexport function grow(base, n) { return makePool(base * 2 ** n); }`],
  ['a power of two that is a size', 'FlattenBackoff', `export function bufferFor(options, n) { return options.chunkSize * 2 ** n; }`],
];

describe('project facts', () => {
  const root = scratchDir('sleepmut-facts');
  it.each(rows)('%s (%s)', async (_description, operator, code, expected) => {
    const target = operator === 'BlockingSleep' && code === library['src/delay.ts'] ? 'src/delay.ts' : code === proc ? 'src/proc.ts' : 'src/subject.ts';
    expect(await projectMutantsOf(operator, { ...library, [target]: code }, target, root)).toEqual(expected);
  });

  it.each(leftAlone)('leaves alone %s (%s)', async (_description, operator, code) => {
    expect(await projectMutantsOf(operator, { ...library, 'src/subject.ts': code }, 'src/subject.ts', root)).toEqual([]);
  });

  it('JS files get the syntactic facts (no types needed)', async () => {
    const code = `import { pauseFor } from './time.js';\nimport { Pool } from './pool.js';\nexport async function f() { const pool = new Pool(); await pool.drained(); await pauseFor(10); }`;
    expect(await projectMutantsOf('EventWaitToSleep', { ...library, 'src/subject.js': code }, 'src/subject.js', root)).toEqual([eventSleep('await pool.drained()')]);
    expect(await projectMutantsOf('BlockingSleep', { ...library, 'src/subject.js': code }, 'src/subject.js', root)).toEqual([{ original: 'pauseFor(10)', replacement: block('10').replaceAll('(globalThis as any)', 'globalThis') }]);
  });

  it('JS files get no typed facts: an inferred receiver is left alone', async () => {
    const code = `import { makePool } from './pool.js';\nexport async function close() { const pool = makePool(); await pool.drained(); }`;
    expect(await projectMutantsOf('EventWaitToSleep', { ...library, 'src/inferred.js': code }, 'src/inferred.js', root)).toEqual([]);
  });

  it('without a tsconfig (no checker), a declared factory still gives the receiver its class; an undeclared one does not', async () => {
    const { 'tsconfig.json': _tsconfig, ...untyped } = library;
    const code = `import { makePool, openPool } from './pool.js';\nexport async function close() { const a = openPool(); await a.drained(); const b = makePool(); await b.drained(); }`;
    expect(await projectMutantsOf('EventWaitToSleep', { ...untyped, 'src/subject.ts': code }, 'src/subject.ts', scratchDir('sleepmut-facts-untyped'))).toEqual([eventSleep('await a.drained()')]);
  });

  it('types (TS checker) through a tsconfig path alias: a project module is resolved even when its specifier is not relative', async () => {
    const aliased = { ...library, 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', baseUrl: '.', paths: { '@lib/*': ['./src/*'] } }, include: ['src'] }) };
    const code = `import { makePool } from '@lib/pool.js';\nexport async function close() { const pool = makePool(); await pool.drained(); }`;
    expect(await projectMutantsOf('EventWaitToSleep', { ...aliased, 'src/subject.ts': code }, 'src/subject.ts', scratchDir('sleepmut-facts-alias'))).toEqual([eventSleep('await pool.drained()')]);
  });

  it('a file that is not on disk keeps its own facts', async () => {
    expect(await mutantsOf('EventWaitToSleep', `class W {\n  #onEvent(name) { return new Promise((r) => this.on(name, r)); }\n  async stop() { await this.#onEvent('idle'); }\n}`)).toEqual([eventSleep(`await this.#onEvent('idle')`)]);
  });
});
