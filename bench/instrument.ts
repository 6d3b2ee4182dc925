/** Benchmark: Stryker's instrument step on a generated >= 50k-line TypeScript tree, with and without sleepmut registered, in one run. */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { applySelection } from '../src/stryker/register.js';
import { createInstrumenter, instrumentOptions, loadInstrumenter } from '../src/stryker/instrumenter.js';
import { defaultSleepmutOptions } from '../src/stryker/options.js';

const modules = Number(process.env.BENCH_MODULES ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

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

export async function start${name}(emitter: NodeJS.EventEmitter, label: string): Promise<string> {
  await once(emitter, 'ready');
  const message = \`started \${label} at \${Date.now()}\`;
  return label.length > 0 ? message.toUpperCase() : 'unnamed';
}
`;
}

/** One module of ordinary service code: business logic for the built-ins, and timing code in every fourth block. */
function generatedModule(index: number): string {
  const parts = [`import { once } from 'node:events';\nimport { readFile } from 'node:fs/promises';\nimport { setTimeout as sleep } from 'node:timers/promises';\n`];
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

interface Measurement {
  ms: number;
  cpuMs: number;
  mutants: number;
}

/** One measurement in this (fresh) process: warm up on a few files, then instrument the whole tree once. */
async function measureInThisProcess(withSleepmut: boolean): Promise<Measurement> {
  const files = Array.from({ length: modules }, (_, index) => ({ name: `/bench/src/module${index}.ts`, content: generatedModule(index), mutate: true }));
  const internals = await loadInstrumenter();
  const instrumenter = await createInstrumenter(internals);
  applySelection(internals.allMutators, { operators: withSleepmut ? defaultSleepmutOptions.operators : [], disableBuiltinMutators: false });
  await instrumenter.instrument(files.slice(0, 10), instrumentOptions);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const { mutants } = await instrumenter.instrument(files, instrumentOptions);
  const cpu = process.cpuUsage(cpuStart);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (cpu.user + cpu.system) / 1e3, mutants: mutants.length };
}

/** Each measurement runs in its own process, alternating, so heap growth and GC history do not favour either side. */
async function measureInChild(withSleepmut: boolean): Promise<Measurement> {
  const { stdout } = await execa(process.execPath, [fileURLToPath(import.meta.url)], { env: { BENCH_CHILD: withSleepmut ? 'with' : 'without' } });
  return JSON.parse(stdout) as Measurement;
}

async function main(): Promise<void> {
  const lines = Array.from({ length: modules }, (_, index) => generatedModule(index).split('\n').length).reduce((a, b) => a + b, 0);
  const baseline: Measurement[] = [];
  const withSleepmut: Measurement[] = [];
  for (let round = 0; round < rounds; round++) {
    baseline.push(await measureInChild(false));
    withSleepmut.push(await measureInChild(true));
  }
  const median = (runs: Measurement[], key: 'ms' | 'cpuMs') => runs.map((run) => run[key]).sort((x, y) => x - y)[Math.floor(runs.length / 2)];
  const row = (label: string, runs: Measurement[]) =>
    `${label.padEnd(24)} wall ${median(runs, 'ms').toFixed(0).padStart(6)} ms   cpu ${median(runs, 'cpuMs').toFixed(0).padStart(6)} ms   ${runs[0].mutants} mutants`;
  const ratio = (key: 'ms' | 'cpuMs') => median(withSleepmut, key) / median(baseline, key);
  const { version } = await loadInstrumenter();
  console.log(`Stryker instrumenter ${version}, ${modules} files, ${lines} lines, ${rounds} alternating rounds, one process each (medians)`);
  console.log(row('built-in mutators only', baseline));
  console.log(row('built-ins + sleepmut', withSleepmut));
  console.log(`ratio (with / without): wall ${ratio('ms').toFixed(3)}, cpu ${ratio('cpuMs').toFixed(3)}`);
}

const child = process.env.BENCH_CHILD;
if (child) console.log(JSON.stringify(await measureInThisProcess(child === 'with')));
else await main();
