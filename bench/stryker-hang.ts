/**
 * Benchmark: what a hung timing mutant costs on Stryker with the sleepmut reporter and setups, beyond a normal run.
 * Runs sample-projects/ts-timing (vitest; its src/gate.ts:15 mutant hangs a test under fake timers) and
 * sample-projects/js-timing (mocha; the same hang) with real `npx stryker run --concurrency 1 --mutate <that file>`, alternating, on each
 * Stryker install given, and reads reports/sleepmut/summary.json: the hung mutant's run time (from the moment core
 * hands the run to the runner to its result) and its test's budget. The normal run it is compared with: on ts-timing
 * the other gate.ts mutant's run (line 21, its test as short, killed by an assertion: the same bail path); js-timing
 * has no other mutant, so its run time itself bounds the cost. `runOverheadMs` (the smallest excess of a completed
 * run over its tests' baseline) is printed beside it. Usage: node dist/bench/stryker-hang.js [ROUNDS];
 * BENCH_STRYKER_ROOTS (comma-separated) names the install roots, default .e2e/stryker9 and .e2e/stryker10 as the
 * e2e tests prepare them.
 */
import { cpSync, existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { Summary } from '../src/report/summary.js';
import { median } from './median.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const rounds = Number(process.argv[2] ?? 3);
const roots = (process.env.BENCH_STRYKER_ROOTS ?? ['stryker9', 'stryker10'].map((name) => path.join(repoRoot, '.e2e', name)).join(',')).split(',');
const samples = [
  { name: 'ts-timing', runner: 'vitest', file: 'src/gate.ts', hungLine: 15, normalLine: 21 },
  { name: 'js-timing', runner: 'mocha', file: 'src/gate.js', hungLine: 12, normalLine: undefined },
];

interface HangRun {
  runMs: number;
  testBudgetMs: number;
  /** The comparable normal run's time, 0 where the sample has none. */
  normalMs: number;
  overheadMs: number | null;
  status: string;
}

async function run(root: string, sample: (typeof samples)[number]): Promise<HangRun> {
  const directory = path.join(root, 'runs', `bench-hang-${sample.name}`);
  rmSync(directory, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'sample-projects', sample.name), directory, { recursive: true });
  const bin = path.join(root, 'node_modules', '.bin');
  // Stryker 10's root ships Node 24 as its `node` binary (Stryker 10 refuses Node 20).
  const nodeDirectory = existsSync(path.join(bin, 'node')) ? path.dirname(realpathSync(path.join(bin, 'node'))) : path.dirname(process.execPath);
  const summaryFile = path.join(directory, 'reports', 'sleepmut', 'summary.json');
  // Only the hung mutant's file is mutated. The dry run still runs every test, and ts-timing's responsiveness test
  // (100 ms allowed) can fail it on a loaded machine: such a run is tried again, up to 3 times.
  for (let attempt = 1; !existsSync(summaryFile); attempt++) {
    const args = ['--no-install', 'stryker', 'run', '--concurrency', '1', '--mutate', sample.file];
    const result = await execa('npx', args, { cwd: directory, env: { PATH: [nodeDirectory, bin, process.env.PATH].join(path.delimiter), FORCE_COLOR: '0' }, all: true, reject: false });
    if (!existsSync(summaryFile) && attempt === 3) throw new Error(`Stryker wrote no summary in ${directory} (exit ${result.exitCode}):\n${result.all?.slice(-2000)}`);
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  const at = (line: number | undefined) => summary.mutants.find((mutant) => mutant.file === sample.file && mutant.location.start.line === line);
  const hung = at(sample.hungLine);
  if (!hung?.runMs) throw new Error(`no hung mutant in ${summaryFile}`);
  const testBudgetMs = Number(/(?:timed out in|Timeout of) (\d+) ?ms/.exec(hung.statusReason ?? '')?.[1]);
  return { runMs: hung.runMs, testBudgetMs, normalMs: at(sample.normalLine)?.runMs ?? 0, overheadMs: summary.runOverheadMs, status: hung.status };
}

const results = new Map<string, HangRun[]>();
const loads: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const root of roots) {
    for (const sample of round % 2 === 0 ? samples : [...samples].reverse()) {
      const key = `${path.basename(root)} ${sample.runner}`;
      results.set(key, [...(results.get(key) ?? []), await run(root, sample)]);
      loads.push(loadavg()[0]);
    }
  }
}
console.log(`hung mutant on Stryker with sleepmut's reporter and setup, ${rounds} rounds, medians (load average 1 min: ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)})`);
for (const [key, runs] of results) {
  const beyond = runs.map((entry) => entry.runMs - entry.normalMs);
  const of = (pick: (entry: HangRun) => number) => median(runs.map(pick));
  console.log(
    `${key.padEnd(11)} ${runs.map((entry) => entry.status).join('/')}: run ${of((entry) => entry.runMs)} ms, test budget ${of((entry) => entry.testBudgetMs)} ms, ` +
      `normal run ${of((entry) => entry.normalMs)} ms (runner's fixed cost ${runs[0].overheadMs === null ? '-' : `${of((entry) => entry.overheadMs ?? 0)} ms`}): ` +
      `beyond the normal run ${median(beyond)} ms (all: ${beyond.join(', ')})`,
  );
}
