/** Runs mutant jobs on `concurrency` slots: each slot takes a worker started ahead (or starts one) and replaces it if it dies; import-time mutants, and every mutant of a suite that starts threads before the fork, get a fresh process. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFreshPytest } from './fresh.js';
import type { Interpreter } from './interpreter.js';
import { afterSlowOrHungRun, outcomeOf, type MutantOutcome } from './outcome.js';
import { slowOrHungJob, type MutantJob } from './plan.js';
import { basePytestArgs, type PytestRun } from './plugin.js';
import { cacheDirectoryOf, type Sandbox } from './sandbox.js';
import { pytestTimeoutArgs, watchdogGraceMs } from './timeouts.js';
import { ForkingWorker } from './workers.js';

export interface WorkerOptions {
  readonly interpreter: Interpreter;
  readonly sandbox: Sandbox;
  readonly testArgs: readonly string[];
}

export interface PoolOptions extends WorkerOptions {
  readonly concurrency: number;
  /** Workers started ahead, e.g. while the baseline runs; undefined where a start failed (the slot then starts its own and reports why). */
  readonly warmWorkers: Promise<ForkingWorker | undefined>[];
  readonly onOutcome: (job: MutantJob, outcome: MutantOutcome) => void;
  /** Called once when the workers find threads alive after collection (names given), so every mutant runs in a fresh process. */
  readonly onForkUnsafe: (threads: readonly string[]) => void;
}

/** Starts `count` workers now, so their collection overlaps other work; a failed start resolves to undefined. */
export function startWorkers(count: number, options: WorkerOptions): Promise<ForkingWorker | undefined>[] {
  return Array.from({ length: count }, () => ForkingWorker.start(options.interpreter, options.sandbox, options.testArgs).catch(() => undefined));
}

export async function runJobs(jobs: readonly MutantJob[], options: PoolOptions): Promise<Map<number, MutantOutcome>> {
  const queue = [...jobs];
  const outcomes = new Map<number, MutantOutcome>();
  let forkSafe = true;
  const slot = async () => {
    let worker = await options.warmWorkers.shift();
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (forkSafe && !job.fresh && !worker?.isAlive) worker = await ForkingWorker.start(options.interpreter, options.sandbox, options.testArgs);
      if (forkSafe && worker && !worker.isForkSafe) {
        forkSafe = false;
        options.onForkUnsafe(worker.threadsAtFork);
      }
      const runOnce = async (attempt: MutantJob) => {
        if (attempt.fresh || !forkSafe) return outcomeOf(await runFresh(attempt, options), attempt);
        if (!worker?.isAlive) worker = await ForkingWorker.start(options.interpreter, options.sandbox, options.testArgs);
        return outcomeOf(await worker.run(forkedJob(attempt, options)), attempt);
      };
      const first = await runOnce(job);
      // A fresh run out of its first budget runs once more with the slow-or-hung budget (a run that passes there is slow, not hung); a forked run had both budgets in one.
      const slowOrHung = first.status === 'Timeout' && !first.decidedInRun ? slowOrHungJob(job) : undefined;
      const outcome = slowOrHung ? afterSlowOrHungRun(first, await runOnce(slowOrHung)) : first;
      outcomes.set(job.mutant.index, outcome);
      options.onOutcome(job, outcome);
    }
    worker?.stop();
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, slot));
  for (const unused of options.warmWorkers.splice(0)) (await unused)?.stop();
  return outcomes;
}

function forkedJob(job: MutantJob, options: PoolOptions) {
  const finalBudgetMs = slowOrHungJob(job)?.timeoutMs ?? job.timeoutMs;
  return { mutant: job.mutant.index, tests: job.tests, resultFile: resultFileOf(job, options.sandbox, 'result'), expectedMs: job.budget.budgetMs - job.budget.marginMs, timeoutMs: finalBudgetMs, testBudgetsMs: job.testBudgetsMs };
}

async function runFresh(job: MutantJob, options: PoolOptions): Promise<PytestRun> {
  const selection = resultFileOf(job, options.sandbox, 'tests');
  await writeFile(selection, JSON.stringify(job.tests));
  return runFreshPytest(options.interpreter, {
    args: [...basePytestArgs(options.testArgs, cacheDirectoryOf(options.sandbox, `mutant-${job.mutant.index}`)), ...mutantRunArgs(job, options)],
    cwd: options.sandbox.project,
    resultFile: resultFileOf(job, options.sandbox, 'result'),
    env: { SLEEPMUT_ACTIVE: String(job.mutant.index), SLEEPMUT_SELECT: selection },
    importPaths: options.sandbox.importPaths,
    timeoutMs: job.timeoutMs + watchdogGraceMs,
  });
}

/** A fresh run stops at its first failing test (`--exitfirst`, like Stryker's bail; forked runs do the same in the worker); pytest-timeout bounds each test. */
function mutantRunArgs(job: MutantJob, options: PoolOptions): string[] {
  return ['--exitfirst', ...pytestTimeoutArgs(options.interpreter, job.timeoutMs)];
}

function resultFileOf(job: MutantJob, sandbox: Sandbox, kind: 'result' | 'tests'): string {
  return path.join(sandbox.scratch, `mutant-${job.mutant.index}.${kind}.json`);
}
