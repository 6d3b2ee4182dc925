/**
 * Every JS/TS mutant in a TypeScript file type-checks where it lands: each mutant is applied to its own copy of the file
 * (a sibling module, so imports resolve) and `tsc --strict --noEmit` runs once over the originals and all copies; no
 * copy may have an error the originals do not have. Covers the TypeScript samples and a fixture of the project-fact shapes.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { glob } from 'tinyglobby';
import { expect, it } from 'vitest';
import { applyMutant } from '../../src/report/mutant-list.js';
import { listJsMutants } from '../../src/stryker/list-mutants.js';
import { withDefaults } from '../../src/stryker/options.js';
import { scratchDir } from '../support/scratch.js';

const projects = ['sample-projects/ts-connector', 'sample-projects/ts-indexer', 'sample-projects/ts-timing', 'sample-projects/ts-strict'];
const tsc = path.resolve('node_modules/typescript/bin/tsc');

it('every mutant in a TypeScript file compiles under tsc --strict', { timeout: 120_000 }, async () => {
  const root = scratchDir('sleepmut-typecheck');
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  const copies: string[] = [];
  const counts: Record<string, number> = {};
  for (const project of projects) {
    const target = path.join(root, path.basename(project));
    cpSync(path.join(project, 'src'), path.join(target, 'src'), { recursive: true });
    const names = await glob(`${project}/src/**/*.ts`);
    const files = names.sort().map((name) => ({ name, content: readFileSync(name, 'utf8') }));
    const mutants = await listJsMutants(files, withDefaults({}));
    counts[project] = mutants.length;
    mutants.forEach((mutant, index) => {
      const source = files.find((file) => file.name === mutant.file)!.content;
      const copy = path.join(target, path.relative(project, mutant.file)).replace(/\.ts$/, `.mutant${index}.ts`);
      writeFileSync(copy, `// ${mutant.operator} ${mutant.id}\n${applyMutant(source, mutant)}`);
      copies.push(path.relative(root, copy));
    });
  }
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'], skipLibCheck: true }, include: ['*/src/**/*.ts'] };
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  const { stdout } = await execa(process.execPath, [tsc, '-p', root], { cwd: root, reject: false });
  const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  const inMutants = errors.filter((line) => /\.mutant\d+\.ts/.test(line));
  expect(copies.length).toBeGreaterThan(30);
  expect(inMutants, `originals: ${errors.length - inMutants.length} errors\n${stdout}`).toEqual([]);
  // The fixture's shapes: 2 SerializeConcurrency, 4 EventWaitToSleep, 5 BlockingSleep, 6 FlattenBackoff, 3 DropOffload.
  expect(counts['sample-projects/ts-strict']).toBe(20);
});

/**
 * A project whose compiler is stricter than `--strict` where replacements land: `lib` without es2017.sharedmemory (no
 * `Atomics`), `@types/node` not consulted for `process.getBuiltinModule`'s presence, `noUnusedLocals` and
 * `noUnusedParameters` (a mutant that removes the last read of an import or a parameter must keep it read).
 */
const stricter: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, noUnusedLocals: true, noUnusedParameters: true, target: 'ES2017', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2015'], types: ['node'], skipLibCheck: true }, include: ['src/**/*.ts'] }),
  'package.json': JSON.stringify({ type: 'module' }),
  'src/waits.ts': `import { once, type EventEmitter } from 'node:events';\nimport { setTimeout as sleep } from 'node:timers/promises';\nimport { readdir } from 'node:fs/promises';\n\nexport async function closed(em: EventEmitter): Promise<void> {\n  await once(em, 'close');\n}\n\nexport async function pause(): Promise<void> {\n  await sleep(100);\n}\n\nexport async function touch(dir: string): Promise<void> {\n  await readdir(dir);\n}\n\nexport function retryDelay(base: number, attempt: number): number {\n  const delay = base * 2 ** attempt;\n  return delay;\n}\n`,
};

/** Writes `files` as a project, each mutant of `target` as a sibling copy, runs tsc: the mutants and tsc's error lines. */
async function typecheckEachMutant(files: Record<string, string>, target: string): Promise<{ mutants: { operator: string; original: string }[]; errors: string[] }> {
  const root = scratchDir('sleepmut-typecheck-fixture');
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  const file = path.join(root, target);
  const source = files[target];
  const mutants = await listJsMutants([{ name: path.relative(process.cwd(), file), content: source }], withDefaults({}));
  mutants.forEach((mutant, index) => writeFileSync(file.replace(/\.ts$/, `.mutant${index}.ts`), `// ${mutant.operator} ${mutant.id}\n${applyMutant(source, mutant)}`));
  const { stdout } = await execa(process.execPath, [tsc, '-p', root], { cwd: root, reject: false });
  return { mutants, errors: stdout.split('\n').filter((line) => /error TS\d+/.test(line)) };
}

it('every mutant compiles under noUnusedLocals, noUnusedParameters and a lib without Atomics', { timeout: 120_000 }, async () => {
  const { mutants, errors } = await typecheckEachMutant(stricter, 'src/waits.ts');
  expect(mutants.map((mutant) => mutant.operator).sort()).toEqual(['BlockingSleep', 'DropOffload', 'EventWaitToSleep', 'FlattenBackoff']);
  expect(errors).toEqual([]);
});

/**
 * Session 3's EventWaitToSleep shapes in a strict TypeScript project: an awaited project thenable read through
 * `Partial<Options>` (tinyexec's pipe) and a close promise returned into a `.then` chain (http-graceful-shutdown).
 */
const thenables: Record<string, string> = {
  'tsconfig.json': stricter['tsconfig.json'],
  'package.json': stricter['package.json'],
  'src/proc.ts': `import { EventEmitter } from 'node:events';
import type { Server } from 'node:net';

export interface ProcOptions {
  upstream: Proc;
}

export class Proc extends EventEmitter {
  protected closed: Promise<void>;
  protected resolveClose?: () => void;
  constructor(protected options: Partial<ProcOptions> = {}) {
    super();
    this.closed = new Promise<void>((resolve) => {
      this.resolveClose = resolve;
    });
    this.once('close', this.onClose);
  }
  protected onClose = (): void => {
    if (this.resolveClose) this.resolveClose();
  };
  protected async output(): Promise<string> {
    const text = String(this.listenerCount('data'));
    await this.closed;
    if (this.options.upstream) {
      await this.options.upstream;
    }
    return text;
  }
  then<A = string, B = never>(onfulfilled?: ((value: string) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.output().then(onfulfilled, onrejected);
  }
}

export function shutdown(server: Server, before: () => Promise<void>, after: () => void): Promise<void> {
  return before()
    .then(() => {
      const closed = new Promise<boolean>((resolve, reject) => {
        server.close((err) => {
          if (err) return reject(err);
          return resolve(true);
        });
      });
      closed.catch(() => undefined);
      return closed;
    })
    .then(() => after());
}
`,
};

it('the thenable and .then-chain EventWaitToSleep mutants compile under the same stricter config', { timeout: 120_000 }, async () => {
  const { mutants, errors } = await typecheckEachMutant(thenables, 'src/proc.ts');
  expect(mutants.map((mutant) => mutant.original)).toEqual(['await this.closed', 'await this.options.upstream', 'closed']);
  expect(errors).toEqual([]);
});
