/** Benchmark: the Python engine against the naive loop (write each mutant into the file, fresh `python -m pytest` of the whole suite) on the same project and mutants; verdicts must agree. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { glob } from 'tinyglobby';
import { defaultSettings } from '../mutators/settings.js';
import { applyMutant, type ListedMutant } from '../src/report/mutant-list.js';
import { loadConfig, type PythonRunConfig } from '../src/python/config.js';
import { pythonEnvironment } from '../src/python/interpreter.js';
import { listPythonMutants } from '../src/python/list.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const python = '/usr/bin/python3';
const naiveTimeoutMs = 30_000;

type Verdict = 'detected' | 'undetected';

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

async function projectMutants(directory: string, config: PythonRunConfig): Promise<ListedMutant[]> {
  const files = (await glob(config.mutate, { cwd: directory })).filter((file) => file.endsWith('.py')).sort();
  const sources = files.map((name) => ({ name, content: readFileSync(path.join(directory, name), 'utf8') }));
  return listPythonMutants(sources, { ...defaultSettings, delayMs: config.delayMs, backoffDelayMs: config.backoffDelayMs }, config.operators);
}

async function naiveLoop(directory: string, mutants: readonly ListedMutant[], testArgs: string[]): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const mutant of mutants) {
    const file = path.join(directory, mutant.file);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, applyMutant(original, mutant));
    const run = await execa(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...testArgs], { cwd: directory, reject: false, timeout: naiveTimeoutMs, env: pythonEnvironment() });
    writeFileSync(file, original);
    verdicts.set(mutant.id, run.exitCode === 0 ? 'undetected' : 'detected');
  }
  return verdicts;
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

function engineVerdicts(directory: string): Map<string, Verdict> {
  const report = JSON.parse(readFileSync(path.join(directory, 'reports/mutation/mutation.json'), 'utf8')) as { files: Record<string, { mutants: { id: string; status: string }[] }> };
  const mutants = Object.values(report.files).flatMap((file) => file.mutants);
  return new Map(mutants.map((mutant) => [mutant.id, ['Killed', 'Timeout'].includes(mutant.status) ? 'detected' : 'undetected']));
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
  const [naive, naiveMs] = await timed(() => naiveLoop(copy, mutants, testArgs));
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
