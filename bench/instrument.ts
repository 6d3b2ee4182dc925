/** Benchmark: Stryker's instrument step on a generated >= 50k-line TypeScript tree, with and without sleepmut registered, in one run. */
import { applySelection } from '../src/stryker/register.js';
import { createInstrumenter, instrumentOptions, loadInstrumenter } from '../src/stryker/instrumenter.js';
import { defaultSleepmutOptions } from '../src/stryker/options.js';

const modules = Number(process.env.BENCH_MODULES ?? 110);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** One module of ordinary service code: business logic for the built-ins, plus the async shapes sleepmut looks at. */
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
`);
  }
  return parts.join('');
}

async function main(): Promise<void> {
  const files = Array.from({ length: modules }, (_, index) => ({ name: `/bench/src/module${index}.ts`, content: generatedModule(index), mutate: true }));
  const lines = files.reduce((sum, file) => sum + file.content.split('\n').length, 0);
  const internals = await loadInstrumenter();
  const instrumenter = await createInstrumenter(internals);
  const measure = async (withSleepmut: boolean) => {
    applySelection(internals.allMutators, { operators: withSleepmut ? defaultSleepmutOptions.operators : [], disableBuiltinMutators: false });
    const start = process.hrtime.bigint();
    const { mutants } = await instrumenter.instrument(files, instrumentOptions);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, mutants: mutants.length };
  };
  await measure(false); // warm-up: JIT and module loading should not count against either side
  const baseline: number[] = [];
  const withSleepmut: number[] = [];
  let counts = { baseline: 0, withSleepmut: 0 };
  for (let round = 0; round < rounds; round++) {
    const a = await measure(false);
    const b = await measure(true);
    baseline.push(a.ms);
    withSleepmut.push(b.ms);
    counts = { baseline: a.mutants, withSleepmut: b.mutants };
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const ratio = median(withSleepmut) / median(baseline);
  console.log(`Stryker instrumenter ${internals.version}, ${files.length} files, ${lines} lines, ${rounds} alternating rounds (median)`);
  console.log(`built-in mutators only:      ${median(baseline).toFixed(0)} ms, ${counts.baseline} mutants`);
  console.log(`built-ins + sleepmut:        ${median(withSleepmut).toFixed(0)} ms, ${counts.withSleepmut} mutants (+${counts.withSleepmut - counts.baseline} sleepmut)`);
  console.log(`ratio: ${ratio.toFixed(3)} (sleepmut adds ${((ratio - 1) * 100).toFixed(1)}%)`);
}

await main();
