/** Runs mutant jobs on `concurrency` slots: each slot starts its forking worker lazily and replaces it if it dies; import-time mutants get a fresh process. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFreshPytest } from './fresh.js';
import type { Interpreter } from './interpreter.js';
import { outcomeOf, type MutantOutcome } from './outcome.js';
import type { MutantJob } from './plan.js';
import { basePytestArgs, type PytestRun } from './plugin.js';
import type { Sandbox } from './sandbox.js';
import { pytestTimeoutArgs, watchdogGraceMs } from './timeouts.js';
import { ForkingWorker } from './workers.js';

export interface PoolOptions {
  readonly interpreter: Interpreter;
  readonly sandbox: Sandbox;
  readonly testArgs: readonly string[];
  readonly concurrency: number;
  readonly onOutcome: (job: MutantJob, outcome: MutantOutcome) => void;
}

export async function runJobs(jobs: readonly MutantJob[], options: PoolOptions): Promise<Map<number, MutantOutcome>> {
  const queue = [...jobs];
  const outcomes = new Map<number, MutantOutcome>();
  const slot = async () => {
    let worker: ForkingWorker | undefined;
    for (let job = queue.shift(); job; job = queue.shift()) {
      if (!job.fresh && !worker?.isAlive) worker = await ForkingWorker.start(options.interpreter, options.sandbox, options.testArgs);
      const run = job.fresh ? await runFresh(job, options) : await worker!.run(forkedJob(job, options));
      const outcome = outcomeOf(run, job);
      outcomes.set(job.mutant.index, outcome);
      options.onOutcome(job, outcome);
    }
    worker?.stop();
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, slot));
  return outcomes;
}

function forkedJob(job: MutantJob, options: PoolOptions) {
  return { mutant: job.mutant.index, tests: job.tests, extraArgs: mutantRunArgs(job, options), resultFile: resultFileOf(job, options.sandbox, 'result'), timeoutMs: job.timeoutMs };
}

async function runFresh(job: MutantJob, options: PoolOptions): Promise<PytestRun> {
  const selection = resultFileOf(job, options.sandbox, 'tests');
  await writeFile(selection, JSON.stringify(job.tests));
  return runFreshPytest(options.interpreter, {
    args: [...basePytestArgs(options.testArgs), ...mutantRunArgs(job, options)],
    cwd: options.sandbox.project,
    resultFile: resultFileOf(job, options.sandbox, 'result'),
    env: { SLEEPMUT_ACTIVE: String(job.mutant.index), SLEEPMUT_SELECT: selection },
    timeoutMs: job.timeoutMs + watchdogGraceMs,
  });
}

/** A mutant is Killed by its first failing test, so its run stops there (`--exitfirst`, like Stryker's bail); pytest-timeout bounds each test. */
function mutantRunArgs(job: MutantJob, options: PoolOptions): string[] {
  return ['--exitfirst', ...pytestTimeoutArgs(options.interpreter, job.timeoutMs)];
}

function resultFileOf(job: MutantJob, sandbox: Sandbox, kind: 'result' | 'tests'): string {
  return path.join(sandbox.scratch, `mutant-${job.mutant.index}.${kind}.json`);
}
