/** Benchmark: the Python engine against the naive loop (write each mutant into the file, fresh `python -m pytest` of the whole suite) on the same project and mutants; verdicts must agree. */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { engineVerdicts, naiveLoop, projectMutants, type Verdict } from './python-verdicts.js';
import { loadConfig } from '../src/python/config.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const python = '/usr/bin/python3';

function benchProject(): { directory: string; testArgs: string[] } {
  const sample = path.join(repoRoot, 'sample-projects/py-service');
  if (existsSync(sample)) return { directory: sample, testArgs: ['tests/strong'] };
  return { directory: path.join(repoRoot, 'test/fixtures/python/basic'), testArgs: ['tests'] };
}

function freshCopy(directory: string): string {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'sleepmut-bench-')), 'project');
  cpSync(directory, copy, { recursive: true, filter: (source) => !['__pycache__', 'reports', '.pytest_cache'].includes(path.basename(source)) });
  return copy;
}

interface EngineRun {
  verdicts: Map<string, Verdict>;
  /** The engine's own account of its time: per phase, and per mutant run (tests vs overhead). */
  phases: string;
}

async function engineRun(directory: string, concurrency: number): Promise<EngineRun> {
  const cli = path.join(repoRoot, 'dist/src/cli/main.js');
  const run = await execa('node', [cli, 'run', '--cwd', directory, '--python', python, '--concurrency', String(concurrency)], { reject: false });
  const phases = /sleepmut: time: (.*)$/m.exec(run.stderr)?.[1] ?? 'no timing line';
  return { verdicts: engineVerdicts(directory), phases };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

function disagreements(expected: Map<string, Verdict>, actual: Map<string, Verdict>): string[] {
  return [...expected].filter(([id, verdict]) => actual.get(id) !== verdict).map(([id, verdict]) => `${id}: naive ${verdict}, engine ${actual.get(id)}`);
}

async function main(): Promise<void> {
  const { directory, testArgs } = benchProject();
  const copy = freshCopy(directory);
  const config = loadConfig(copy, { python, testArgs });
  const mutants = await projectMutants(copy, config);
  console.log(`project: ${path.relative(repoRoot, directory)}, ${mutants.length} mutants, pytest args: ${testArgs.join(' ')}`);
  const [naive, naiveMs] = await timed(() => naiveLoop(python, copy, mutants, testArgs));
  const [serial, serialMs] = await timed(() => engineRun(copy, 1));
  const [parallel, engineMs] = await timed(() => engineRun(copy, config.concurrency));
  rmSync(path.dirname(copy), { recursive: true, force: true });
  const perMutant = (ms: number) => `${(ms / mutants.length).toFixed(0)} ms/mutant`;
  console.log(`naive loop:                 ${(naiveMs / 1000).toFixed(1)} s (${perMutant(naiveMs)})`);
  console.log(`engine, 1 worker:           ${(serialMs / 1000).toFixed(1)} s (${perMutant(serialMs)}), ratio ${(naiveMs / serialMs).toFixed(2)}x`);
  console.log(`  ${serial.phases}`);
  console.log(`engine, ${config.concurrency} workers:          ${(engineMs / 1000).toFixed(1)} s (${perMutant(engineMs)}), ratio ${(naiveMs / engineMs).toFixed(2)}x`);
  console.log(`  ${parallel.phases}`);
  const mismatches = [...disagreements(naive, serial.verdicts), ...disagreements(naive, parallel.verdicts)];
  if (mismatches.length > 0) throw new Error(`verdicts differ:\n${mismatches.join('\n')}`);
  console.log(`verdicts: identical on all ${mutants.length} mutants`);
}

await main();
