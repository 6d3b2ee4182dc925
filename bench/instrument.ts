/** Benchmark: Stryker's instrument step on a generated >= 50k-line TypeScript tree, with and without sleepmut registered, in one run. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { applySelection } from '../src/stryker/register.js';
import { createInstrumenter, instrumentOptions, loadInstrumenter } from '../src/stryker/instrumenter.js';
import { defaultSleepmutOptions } from '../src/stryker/options.js';
import { benchFiles, generatedModule, writeBenchTree } from './tree.js';
import { median } from './median.js';

const modules = Number(process.env.BENCH_MODULES ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);

interface Measurement {
  ms: number;
  cpuMs: number;
  mutants: number;
}

/** One measurement in this (fresh) process: warm up on a few files, then instrument the whole tree once. */
async function measureInThisProcess(withSleepmut: boolean, root: string): Promise<Measurement> {
  const files = benchFiles(modules, root);
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
async function measureInChild(withSleepmut: boolean, root: string): Promise<Measurement> {
  const { stdout } = await execa(process.execPath, [fileURLToPath(import.meta.url)], { env: { BENCH_CHILD: withSleepmut ? 'with' : 'without', BENCH_TREE: root } });
  return JSON.parse(stdout) as Measurement;
}

async function main(): Promise<void> {
  const lines = Array.from({ length: modules }, (_, index) => generatedModule(index).split('\n').length).reduce((a, b) => a + b, 0);
  const baseline: Measurement[] = [];
  const withSleepmut: Measurement[] = [];
  // On disk, as a project (package.json, tsconfig.json): sleepmut's project facts read the modules a file imports.
  const root = mkdtempSync(path.join(os.tmpdir(), 'sleepmut-bench-'));
  writeBenchTree(modules, root);
  try {
    for (let round = 0; round < rounds; round++) {
      // The side that runs first alternates: a process started right after another can find the machine warmer or busier.
      for (const side of round % 2 === 0 ? [false, true] : [true, false]) (side ? withSleepmut : baseline).push(await measureInChild(side, root));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const medianOf = (runs: Measurement[], key: 'ms' | 'cpuMs') => median(runs.map((run) => run[key]));
  const row = (label: string, runs: Measurement[]) =>
    `${label.padEnd(24)} wall ${medianOf(runs, 'ms').toFixed(0).padStart(6)} ms   cpu ${medianOf(runs, 'cpuMs').toFixed(0).padStart(6)} ms   ${runs[0].mutants} mutants`;
  const ratio = (key: 'ms' | 'cpuMs') => medianOf(withSleepmut, key) / medianOf(baseline, key);
  const { version } = await loadInstrumenter();
  const factory = process.env.BENCH_INFERRED_FACTORY === '1' ? ', makePool() inferred: 600 checker questions' : '';
  console.log(`Stryker instrumenter ${version}, ${modules} files, ${lines} lines${factory}, ${rounds} rounds, sides alternating which runs first, one process each`);
  console.log(row('built-in mutators only', baseline));
  console.log(row('built-ins + sleepmut', withSleepmut));
  // The headline pairs each round's two children (seconds apart): their ratio cancels the machine's drift over the run,
  // which a ratio of the two sides' medians does not (one slow baseline child moves it).
  const perRound = (key: 'ms' | 'cpuMs') => withSleepmut.map((run, round) => run[key] / baseline[round][key]);
  console.log(`ratio (with / without), median of the rounds: cpu ${median(perRound('cpuMs')).toFixed(3)}, wall ${median(perRound('ms')).toFixed(3)}`);
  console.log(`ratio of the medians: cpu ${ratio('cpuMs').toFixed(3)}, wall ${ratio('ms').toFixed(3)}`);
  console.log(`cpu ratio per round: ${perRound('cpuMs').map((value) => value.toFixed(3)).join(', ')}`);
}

const child = process.env.BENCH_CHILD;
if (child) console.log(JSON.stringify(await measureInThisProcess(child === 'with', process.env.BENCH_TREE ?? '/bench')));
else await main();
