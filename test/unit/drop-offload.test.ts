/** DropOffload: the shapes it mutates, the shapes it leaves alone, and proof that each replacement keeps values but blocks the loop. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOriginalAndMutant } from './evaluate-mutant.js';
import { mutantsOf, type MutantText } from './harness.js';
import { scratchDir } from '../support/scratch.js';

/** The replacement text for a sync twin reached through `process.getBuiltinModule`. */
const sync = (module: string, callText: string): string => `((globalThis as any).process.getBuiltinModule("node:${module}") as typeof import("${module}")).${callText}`;

const fsNamespace = `import * as fs from 'node:fs/promises';\n`;
const zlibAndPromisify = `import * as zlib from 'node:zlib';\nimport { promisify } from 'node:util';\n`;

/** A promise handed on stays a promise: the sync twin runs in a microtask, and a failure still rejects. */
const deferred = (module: string, callText: string): string => `globalThis.Promise.resolve().then(() => ${sync(module, callText)})`;

const mutated: [string, string, MutantText[]][] = [
  [
    'fs promises handed on: returned, an arrow body, chained, passed to a wrapper (cacache, rimraf)',
    `${fsNamespace}export function f(x, paths) { return fs.copyFile(x, 'y'); }\nexport const g = (paths) => Promise.all(paths.map((p) => fs.rm(p, { force: true })));\nexport async function h(x) { await ignoreENOENT(fs.unlink(x)); return await fs.readFile(x).then(String); }`,
    [
      { original: `fs.copyFile(x, 'y')`, replacement: deferred('fs', `copyFileSync(x, 'y')`) },
      { original: 'fs.rm(p, { force: true })', replacement: deferred('fs', 'rmSync(p, {\n  force: true\n})') },
      { original: 'fs.unlink(x)', replacement: deferred('fs', 'unlinkSync(x)') },
      { original: 'fs.readFile(x)', replacement: deferred('fs', 'readFileSync(x)') },
    ],
  ],
  [
    'fs/promises namespace import',
    `${fsNamespace}export async function load(p) { return await fs.readFile(p, 'utf8'); }`,
    [{ original: `fs.readFile(p, 'utf8')`, replacement: sync('fs', `readFileSync(p, 'utf8')`) }],
  ],
  [
    'fs/promises default import, discarded result',
    `import fsp from 'fs/promises';\nexport async function save(p, data) { await fsp.writeFile(p, data); }`,
    [{ original: 'fsp.writeFile(p, data)', replacement: sync('fs', 'writeFileSync(p, data)') }],
  ],
  [
    'fs/promises required whole and renamed from a destructured require (CommonJS)',
    `const fsp = require('fs/promises');\nconst { stat: statOf } = require('node:fs/promises');\nasync function f(p) { await fsp.readFile(p); return await statOf(p); }`,
    [
      { original: 'fsp.readFile(p)', replacement: sync('fs', 'readFileSync(p)') },
      { original: 'statOf(p)', replacement: sync('fs', 'statSync(p)') },
    ],
  ],
  [
    'fs.promises on the default fs import',
    `import fs from 'node:fs';\nexport async function size(p) { const stats = await fs.promises.stat(p); return stats.size; }`,
    [{ original: 'fs.promises.stat(p)', replacement: sync('fs', 'statSync(p)') }],
  ],
  [
    'fs.promises on the fs namespace import',
    `import * as fs from 'fs';\nexport async function list(dir) { return await fs.promises.readdir(dir, { withFileTypes: true }); }`,
    [{ original: 'fs.promises.readdir(dir, { withFileTypes: true })', replacement: sync('fs', 'readdirSync(dir, {\n  withFileTypes: true\n})') }],
  ],
  [
    'named promises import from fs, aliased',
    `import { promises as fsp } from 'node:fs';\nexport async function prepare(d) { await fsp.mkdir(d, { recursive: true }); }`,
    [{ original: 'fsp.mkdir(d, { recursive: true })', replacement: sync('fs', 'mkdirSync(d, {\n  recursive: true\n})') }],
  ],
  [
    'named function import from fs/promises, aliased',
    `import { rm as remove } from 'node:fs/promises';\nexport async function clean(d) { await remove(d, { recursive: true, force: true }); }`,
    [{ original: 'remove(d, { recursive: true, force: true })', replacement: sync('fs', 'rmSync(d, {\n  recursive: true,\n  force: true\n})') }],
  ],
  [
    'spread arguments are kept',
    `${fsNamespace}export async function copy(...args) { await fs.copyFile(...args); }`,
    [{ original: 'fs.copyFile(...args)', replacement: sync('fs', 'copyFileSync(...args)') }],
  ],
  [
    'promisify(zlib.gzip) called on the spot',
    `${zlibAndPromisify}export async function pack(buf) { return await promisify(zlib.gzip)(buf); }`,
    [{ original: 'promisify(zlib.gzip)(buf)', replacement: sync('zlib', 'gzipSync(buf)') }],
  ],
  [
    'const binding to promisify(zlib.brotliCompress)',
    `${zlibAndPromisify}const compress = promisify(zlib.brotliCompress);\nexport async function pack(buf) { return await compress(buf); }`,
    [{ original: 'compress(buf)', replacement: sync('zlib', 'brotliCompressSync(buf)') }],
  ],
  [
    'util.promisify of a named zlib import',
    `import util from 'util';\nimport { gunzip } from 'zlib';\nconst gunzipAsync = util.promisify(gunzip);\nexport async function unpack(buf) { return await gunzipAsync(buf); }`,
    [{ original: 'gunzipAsync(buf)', replacement: sync('zlib', 'gunzipSync(buf)') }],
  ],
  [
    'promisified crypto.pbkdf2 and scrypt',
    `import crypto, { scrypt } from 'node:crypto';\nimport { promisify } from 'node:util';\nconst pbkdf2 = promisify(crypto.pbkdf2);\nexport async function keys(pw, salt) { return [await pbkdf2(pw, salt, 1000, 32, 'sha256'), await promisify(scrypt)(pw, salt, 64)]; }`,
    [
      { original: `pbkdf2(pw, salt, 1000, 32, 'sha256')`, replacement: sync('crypto', `pbkdf2Sync(pw, salt, 1000, 32, 'sha256')`) },
      { original: 'promisify(scrypt)(pw, salt, 64)', replacement: sync('crypto', 'scryptSync(pw, salt, 64)') },
    ],
  ],
  [
    'setImmediate promise yield in a for-of loop',
    `export async function each(xs, f) { for (const x of xs) { f(x); await new Promise(r => setImmediate(r)); } }`,
    [{ original: 'await new Promise(r => setImmediate(r));', replacement: '{}' }],
  ],
  [
    'setTimeout(r, 0) yield as the whole body of a for loop, and setTimeout(r) in a for-in',
    `export async function spin(n, o) { for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0)); for (const k in o) { await new Promise((r) => globalThis.setTimeout(r)); } }`,
    [
      { original: 'await new Promise((r) => setTimeout(r, 0));', replacement: '{}' },
      { original: 'await new Promise((r) => globalThis.setTimeout(r));', replacement: '{}' },
    ],
  ],
  [
    'setImmediate() from timers/promises in a while loop, under an if',
    `import { setImmediate as tick } from 'node:timers/promises';\nexport async function drain(q) { while (q.length) { q.shift()(); if (q.length % 100 === 0) await tick(); } }`,
    [{ original: 'await tick();', replacement: '{}' }],
  ],
  [
    'timers/promises namespace setImmediate() and resolver wrapper in a do-while',
    `import * as timers from 'timers/promises';\nexport async function run(step) { do { await timers.setImmediate(); await new Promise((resolve) => { setImmediate(() => resolve()); }); } while (step()); }`,
    [
      { original: 'await timers.setImmediate();', replacement: '{}' },
      { original: 'await new Promise((resolve) => { setImmediate(() => resolve()); });', replacement: '{}' },
    ],
  ],
  [
    'global and imported scheduler.yield() in loops',
    `import { scheduler as s } from 'node:timers/promises';\nexport async function run(xs) { for (const x of xs) { await scheduler.yield(); await s.yield(); } }`,
    [
      { original: 'await scheduler.yield();', replacement: '{}' },
      { original: 'await s.yield();', replacement: '{}' },
    ],
  ],
  [
    'TypeScript syntax',
    `${fsNamespace}export async function load(p: string): Promise<string> { for (const x of [1, 2] satisfies number[]) { const y: number = x; await new Promise<void>((r) => setImmediate(r)); } return await fs.readFile(p, 'utf8'); }`,
    [
      { original: 'await new Promise<void>((r) => setImmediate(r));', replacement: '{}' },
      { original: `fs.readFile(p, 'utf8')`, replacement: sync('fs', `readFileSync(p, 'utf8')`) },
    ],
  ],
  [
    'nested: an awaited fs call inside another one\'s arguments does not leak into its replacement',
    `${fsNamespace}export async function copy(a, b) { await fs.writeFile(b, await fs.readFile(a)); }`,
    [
      { original: 'fs.writeFile(b, await fs.readFile(a))', replacement: sync('fs', 'writeFileSync(b, await fs.readFile(a))') },
      { original: 'fs.readFile(a)', replacement: sync('fs', 'readFileSync(a)') },
    ],
  ],
];

const leftAlone: [string, string][] = [
  ['promisified execFile (result shape differs from execFileSync)', `import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\nexport async function ls() { return await run('ls'); }`],
  ['fs.open (FileHandle vs fd), opendir, watch', `${fsNamespace}export async function f(p) { const h = await fs.open(p, 'r'); const d = await fs.opendir(p); for await (const e of fs.watch(p)) {} }`],
  ['an un-awaited fs call', `${fsNamespace}export function f(x) { const p = fs.readFile(x); return p; }`],
  ['an fs promise passed to a method (Promise.race, a queue) or placed in an array', `${fsNamespace}export function f(x, q) { q.add(fs.readFile(x)); return [fs.stat(x)]; }`],
  ['a local object named fs', `export async function f(p) { const fs = { readFile: async () => 'x' }; return await fs.readFile(p); }`],
  ['a required module that is not fs (CommonJS)', `const fs = require('./fs');\nasync function f(p) { return await fs.promises.readFile(p); }`],
  ['a parameter shadowing the fs import', `${fsNamespace}export async function f(fs, p) { return await fs.readFile(p); }`],
  ['callback-style fs and the callback fs module awaited', `import fs from 'fs';\nexport async function f(p, cb) { fs.readFile(p, cb); await fs.readFile(p); }`],
  ['fs.promises on a module that is not fs', `import fs from './fs.js';\nexport async function f(p) { return await fs.promises.readFile(p); }`],
  ['promisify that is not util.promisify', `import * as zlib from 'node:zlib';\nconst promisify = (f) => f;\nexport async function f(b) { return await promisify(zlib.gzip)(b); }`],
  ['a promisified function without a same-shape sync twin', `import crypto from 'node:crypto';\nimport { promisify } from 'node:util';\nconst generate = promisify(crypto.generateKeyPair);\nexport async function f() { return await generate('ed25519'); }`],
  ['a reassigned promisified binding', `${zlibAndPromisify}let gz = promisify(zlib.gzip);\nexport async function f(b) { gz = other; return await gz(b); }`],
  ['a yield outside any loop', `export async function f() { await new Promise(r => setImmediate(r)); }`],
  ['a yield in a function defined inside a loop', `export function f(xs, tasks) { for (const x of xs) tasks.push(async () => { await new Promise(r => setImmediate(r)); }); }`],
  ['setTimeout(r, 10) in a loop is a sleep, not a yield', `export async function f(xs) { for (const x of xs) await new Promise(r => setTimeout(r, 10)); }`],
  ['a yield whose value is used, or with a value argument', `import { setImmediate } from 'node:timers/promises';\nexport async function f(xs) { for (const x of xs) { const v = await setImmediate(); await setImmediate(x); } }`],
  ['a local setImmediate and a local scheduler', `export async function f(xs, scheduler) { const setImmediate = (g) => g(); for (const x of xs) { await new Promise(r => setImmediate(r)); await scheduler.yield(); } }`],
  ['the global setImmediate() without a callback is not a promise', `export async function f(xs) { for (const x of xs) await setImmediate(); }`],
];

describe('DropOffload', () => {
  it.each(mutated)('mutates %s', async (_, code, expected) => {
    expect(await mutantsOf('DropOffload', code)).toEqual(expected);
  });

  it('mutates in a .js file', async () => {
    const code = `import { readdir } from 'node:fs/promises';\nexport async function list(d) { for (const x of d) await new Promise(r => setImmediate(r)); return (await readdir(d)).length; }`;
    expect(await mutantsOf('DropOffload', code, 'input.js')).toEqual([
      { original: 'await new Promise(r => setImmediate(r));', replacement: '{}' },
      { original: 'readdir(d)', replacement: 'globalThis.process.getBuiltinModule("node:fs").readdirSync(d)' },
    ]);
  });

  it.each(leftAlone)('leaves alone %s', async (_, code) => {
    expect(await mutantsOf('DropOffload', code)).toEqual([]);
  });
});

/** Each module's `run` schedules an immediate, does the work, and reports whether the immediate ran before the work finished. */
const behaviour: [string, string, () => Promise<unknown>][] = [
  [
    'fs sync twin',
    `import * as fs from 'node:fs/promises';\nexport async function run(file) { let ticked = false; setImmediate(() => { ticked = true; }); const text = await fs.readFile(file, 'utf8'); return { value: text, ticked }; }`,
    async () => {
      const file = path.join(scratchDir('sleepmut-drop-offload'), 'input.txt');
      await writeFile(file, 'timing '.repeat(300_000));
      return file;
    },
  ],
  [
    'zlib sync twin',
    `import * as zlib from 'node:zlib';\nimport { promisify } from 'node:util';\nconst gzipAsync = promisify(zlib.gzip);\nexport async function run(data) { let ticked = false; setImmediate(() => { ticked = true; }); const packed = await gzipAsync(data); return { value: packed.toString('base64'), ticked }; }`,
    async () => Buffer.from(Array.from({ length: 200_000 }, (_, i) => `${i * 7919}`).join(',')),
  ],
  [
    'a handed-on fs promise: still a promise, still rejects on failure, blocks the loop',
    `import * as fs from 'node:fs/promises';\nexport async function run(file) { let ticked = false; setImmediate(() => { ticked = true; }); const text = await fs.readFile(file, 'utf8').then((t) => t.length); return { value: text, ticked }; }`,
    async () => {
      const file = path.join(scratchDir('sleepmut-drop-offload'), 'handed-on.txt');
      await writeFile(file, 'timing '.repeat(300_000));
      return file;
    },
  ],
  [
    'a handed-on fs promise that fails: it still rejects (a wrapper catches it), it does not throw',
    `import * as fs from 'node:fs/promises';\nconst ignoreENOENT = (p) => p.catch((e) => { if (e.code !== 'ENOENT') throw e; return 'missing'; });\nexport async function run(file) { let ticked = false; setImmediate(() => { ticked = true; }); const gone = await ignoreENOENT(fs.readFile(file)); return { value: gone, ticked }; }`,
    async () => path.join(scratchDir('sleepmut-drop-offload'), 'does-not-exist.txt'),
  ],
  [
    'removed loop yield',
    `export async function run(items) { let ticked = false; setImmediate(() => { ticked = true; }); let sum = 0; for (const item of items) { sum += item; await new Promise((r) => setImmediate(r)); } return { value: sum, ticked }; }`,
    async () => [1, 2, 3],
  ],
];

describe('DropOffload behaviour: same values, event loop blocked', () => {
  it.each(behaviour)('%s', async (_, code, input) => {
    const [mutant] = await mutantsOf('DropOffload', code, 'input.js');
    const [original, mutated] = await importOriginalAndMutant(code, mutant);
    const argument = await input();
    const before = await original.run(argument);
    const after = await mutated.run(argument);
    expect(after.value).toEqual(before.value);
    expect(before.ticked).toBe(true);
    expect(after.ticked).toBe(false);
  });
});
