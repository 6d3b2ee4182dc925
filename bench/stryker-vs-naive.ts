/**
 * Benchmark on a real JS/TS project: Stryker with sleepmut (built-ins + timing operators) end to end against the naive loop (apply one mutant, run the
 * whole test command), and sleepmut's share of a normal Stryker run. Usage: node dist/bench/stryker-vs-naive.js PROJECT_DIR "TEST COMMAND" [SAMPLE].
 * Sides alternate (Stryker + sleepmut, half the naive sample, Stryker built-ins only, the other half) so that a change of machine load hits both;
 * the load average is printed at each step. BENCH_MUTATE (comma-separated globs) and BENCH_CONCURRENCY override the project's config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

interface ReportedMutant {
  id: string;
  mutatorName: string;
  replacement: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

type Verdict = 'detected' | 'undetected';

const [projectDirectory, testCommand, sampleText] = process.argv.slice(2);
if (!projectDirectory || !testCommand) {
  console.error('usage: node dist/bench/stryker-vs-naive.js PROJECT_DIR "TEST COMMAND" [SAMPLE]');
  process.exit(2);
}
const sampleSize = Number(sampleText ?? 30);
const config = JSON.parse(readFileSync(path.join(projectDirectory, 'stryker.conf.json'), 'utf8')) as { plugins: string[]; sleepmut?: object; mutate?: string[]; concurrency?: number };
if (process.env.BENCH_MUTATE) config.mutate = process.env.BENCH_MUTATE.split(',');
if (process.env.BENCH_CONCURRENCY) config.concurrency = Number(process.env.BENCH_CONCURRENCY);
const loads: string[] = [];
/** Notes the load average after each step, and says on stderr how far the run is (a real project's run takes many minutes). */
const noteLoad = (step: string) => {
  loads.push(`${step} ${loadavg()[0].toFixed(1)}`);
  console.error(`${new Date().toISOString().slice(11, 19)} ${step}`);
};

/** One Stryker run with the project's config, built-ins on, with or without the sleepmut plugin; returns its wall time and mutants. */
async function strykerRun(withSleepmut: boolean): Promise<{ ms: number; mutants: (ReportedMutant & { file: string })[] }> {
  const plugins = config.plugins.filter((plugin) => plugin !== 'sleepmut');
  const runConfig = { ...config, plugins: withSleepmut ? [...plugins, 'sleepmut'] : plugins, sleepmut: withSleepmut ? { ...config.sleepmut, disableBuiltinMutators: false } : undefined, ignorers: withSleepmut ? ['sleepmut'] : [], reporters: withSleepmut ? ['json', 'sleepmut'] : ['json'] };
  const configFile = path.join(projectDirectory, 'stryker.bench.conf.json');
  writeFileSync(configFile, JSON.stringify(runConfig));
  const started = performance.now();
  const log = path.join(projectDirectory, `stryker.bench.${withSleepmut ? 'sleepmut' : 'builtins'}.log`);
  const run = await execa('npx', ['stryker', 'run', 'stryker.bench.conf.json'], { cwd: projectDirectory, stdout: { file: log }, stderr: 'inherit', reject: false, env: { FORCE_COLOR: '0' } });
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`Stryker failed (exit ${run.exitCode}), see ${log}`);
  const report = JSON.parse(readFileSync(path.join(projectDirectory, 'reports/mutation/mutation.json'), 'utf8')) as { files: Record<string, { mutants: ReportedMutant[] }> };
  return { ms, mutants: Object.entries(report.files).flatMap(([file, entry]) => entry.mutants.map((mutant) => ({ ...mutant, file }))) };
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = source.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** The naive loop on a sample: each mutant written into its file, the whole test command run, the file restored. */
async function naiveRun(mutants: readonly (ReportedMutant & { file: string })[], timeoutMs: number): Promise<{ ms: number; verdicts: Map<string, Verdict> }> {
  const verdicts = new Map<string, Verdict>();
  const started = performance.now();
  for (const mutant of mutants) {
    const file = path.join(projectDirectory, mutant.file);
    const original = readFileSync(file, 'utf8');
    const { start, end } = mutant.location;
    writeFileSync(file, original.slice(0, offsetOf(original, start.line, start.column)) + mutant.replacement + original.slice(offsetOf(original, end.line, end.column)));
    try {
      // Its own process group, killed whole on timeout: killing the shell alone would leave the test runner running.
      const child = execa(testCommand, { shell: true, cwd: projectDirectory, reject: false, stdio: 'ignore', detached: true });
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
      const run = await child;
      clearTimeout(timer);
      verdicts.set(mutant.id, run.exitCode === 0 ? 'undetected' : 'detected');
    } finally {
      writeFileSync(file, original);
    }
  }
  return { ms: performance.now() - started, verdicts };
}

const strykerVerdict = (status: string): Verdict => (['Killed', 'Timeout', 'CompileError', 'RuntimeError'].includes(status) ? 'detected' : 'undetected');

noteLoad('start');
const timing = await strykerRun(true);
noteLoad('after Stryker + sleepmut');
const testStarted = performance.now();
await execa(testCommand, { shell: true, cwd: projectDirectory, stdio: 'ignore' });
const suiteMs = performance.now() - testStarted;
const step = Math.max(1, Math.floor(timing.mutants.length / sampleSize));
const sample = timing.mutants.filter((_, index) => index % step === 0).slice(0, sampleSize);
const naiveTimeoutMs = Math.max(30_000, suiteMs * 5);
const firstHalf = await naiveRun(sample.filter((_, index) => index % 2 === 0), naiveTimeoutMs);
noteLoad('after naive, first half');
const plain = await strykerRun(false);
noteLoad('after Stryker built-ins only');
const secondHalf = await naiveRun(sample.filter((_, index) => index % 2 === 1), naiveTimeoutMs);
noteLoad('after naive, second half');
const naive = { ms: firstHalf.ms + secondHalf.ms, verdicts: new Map([...firstHalf.verdicts, ...secondHalf.verdicts]) };
const naiveTotalMs = (naive.ms / sample.length) * timing.mutants.length;
const differing = sample.filter((mutant) => naive.verdicts.get(mutant.id) !== strykerVerdict(mutant.status));
const sleepmutMutants = timing.mutants.length - plain.mutants.length;
const statuses = (mutants: readonly ReportedMutant[]) => {
  const counts = new Map<string, number>();
  for (const mutant of mutants) counts.set(mutant.status, (counts.get(mutant.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${status} ${count}`).join(', ');
};
console.log(`project: ${projectDirectory}; mutate: ${(config.mutate ?? []).join(' ')}; concurrency ${config.concurrency ?? 'default'}; test command: ${testCommand} (${(suiteMs / 1000).toFixed(1)} s)`);
console.log(`Stryker, built-ins only:        ${plain.mutants.length} mutants, ${(plain.ms / 1000).toFixed(1)} s`);
console.log(`Stryker, built-ins + sleepmut:  ${timing.mutants.length} mutants (${sleepmutMutants} sleepmut), ${(timing.ms / 1000).toFixed(1)} s; sleepmut's share ${(((timing.ms - plain.ms) / timing.ms) * 100).toFixed(1)}%; ${statuses(timing.mutants)}`);
console.log(`naive loop (a run stopped after ${Math.round(naiveTimeoutMs / 1000)} s): ${sample.length} sampled mutants in ${(naive.ms / 1000).toFixed(1)} s -> ${(naiveTotalMs / 1000).toFixed(0)} s for all ${timing.mutants.length}: Stryker + sleepmut is ${(naiveTotalMs / timing.ms).toFixed(1)}x faster`);
console.log(`verdicts on the sample: ${sample.length - differing.length}/${sample.length} agree${differing.map((mutant) => `\n  ${mutant.file}:${mutant.location.start.line} ${mutant.mutatorName}: Stryker ${mutant.status}, naive ${naive.verdicts.get(mutant.id)}`).join('')}`);
console.log(`load average (1 min): ${loads.join('; ')}`);
