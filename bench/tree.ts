/** The benchmark tree: generated TypeScript service modules (>= 50k lines for 200 modules), in memory or written to a directory. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Async service code with one site per JS operator: in every fourth block, a density well above typical code. */
function timingCode(name: string): string {
  return `
export async function fetchAll${name}(ids: string[], load: (id: string) => Promise<string>): Promise<string[]> {
  const header = await readFile('/tmp/${name}.txt', 'utf8');
  const rows = await Promise.all(ids.map(async (id) => load(id)));
  return [header, ...rows.filter((row) => row !== '' && row.trim().length > 3)];
}

export async function retry${name}<T>(fn: () => Promise<T>, attempts = 5, baseDelay = 100): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
      const retryDelay = baseDelay * 2 ** attempt;
      await sleep(retryDelay);
    }
  }
}

export async function start${name}(emitter: NodeJS.EventEmitter, label: string, pool: Pool): Promise<string> {
  await once(emitter, 'ready');
  await pool.drained();
  const spare = makePool();
  await spare.drained();
  await pauseFor(label.length * 10);
  const message = \`started \${label} at \${Date.now()}\`;
  return label.length > 0 ? message.toUpperCase() : 'unnamed';
}
`;
}

/** One module of ordinary service code: business logic for the built-ins, and timing code in every fourth block. */
export function generatedModule(index: number): string {
  const parts = [`import { once } from 'node:events';\nimport { readFile } from 'node:fs/promises';\nimport { setTimeout as sleep } from 'node:timers/promises';\nimport { makePool, pauseFor, type Pool } from './timing.js';\n`];
  for (let block = 0; block < 12; block++) {
    const name = `m${index}b${block}`;
    parts.push(`
export interface Order${name} { id: string; amount: number; tags: string[]; paid: boolean }

export function total${name}(orders: Order${name}[], discount: number): number {
  let sum = 0;
  for (const order of orders) {
    if (order.paid && order.amount > 0 && !order.tags.includes('void')) {
      sum += order.amount * (1 - discount);
    } else if (order.amount < 0 || order.tags.length === 0) {
      sum -= Math.abs(order.amount) / 2;
    }
  }
  return sum > 1000 ? Math.round(sum) : sum;
}

${block % 4 === 0 ? timingCode(name) : ''}`);
  }
  return parts.join('');
}

/**
 * The project's own timing helpers, used from every module: a sleep helper and a class whose method waits for an event,
 * called on an annotated receiver and on one returned by a factory (`makePool(): Pool`). Both are read from syntax; the
 * factory's receiver went to the TypeScript checker until its declared return type was read (docs/performance.md, session 4).
 */
const timingModule = `import { EventEmitter } from 'node:events';

export function pauseFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Pool extends EventEmitter {
  #pending = 0;
  drained(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.once('drain', resolve));
  }
}

export function makePool(): Pool {
  return new Pool();
}
`;

/**
 * `BENCH_INFERRED_FACTORY=1`: `makePool()` without its declared return type, so every `const spare = makePool()` is
 * typed by inference and each `await spare.drained()` asks the TypeScript checker (600 questions on 200 modules, about
 * five times the density of the real TypeScript libraries measured): the checker's cost, measured on purpose.
 */
const inferredFactory = process.env.BENCH_INFERRED_FACTORY === '1';
const timingSource = inferredFactory ? timingModule.replace('makePool(): Pool {', 'makePool() {') : timingModule;

/** The tree as instrumenter input files under `root`. */
export function benchFiles(modules: number, root = '/bench'): { name: string; content: string; mutate: boolean }[] {
  const modulesFiles = Array.from({ length: modules }, (_, index) => ({ name: path.join(root, 'src', `module${index}.ts`), content: generatedModule(index), mutate: true }));
  return [{ name: path.join(root, 'src', 'timing.ts'), content: timingSource, mutate: true }, ...modulesFiles];
}

/** Writes the tree (sources, package.json, tsconfig.json) to `root`, as a project on disk. */
export function writeBenchTree(modules: number, root: string): void {
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-tree', type: 'module', private: true }));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', noEmit: true }, include: ['src'] }));
  for (const file of benchFiles(modules, root)) writeFileSync(file.name, file.content);
}
