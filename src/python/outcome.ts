/** Turns one pytest run of a mutant into its verdict (Killed, Survived, Timeout, RuntimeError), with the reason a user reads in the report. */
import type { MutantStatus } from 'mutation-testing-report-schema';
import type { MutantJob } from './plan.js';
import type { PytestRun } from './plugin.js';

export interface MutantOutcome {
  readonly status: MutantStatus;
  readonly statusReason: string;
  readonly killedBy: readonly string[];
  readonly testsCompleted: number;
  /** Wall time of the whole run, as Node saw it. */
  readonly durationMs: number;
  /** Time inside the tests themselves (setup, call, teardown). */
  readonly testMs: number;
}

export function outcomeOf(run: PytestRun, job: MutantJob): MutantOutcome {
  const result = run.result;
  const testsCompleted = result ? Object.keys(result.durations).length : 0;
  const testMs = result ? testsMs(result.durations) : 0;
  const verdict = (status: MutantStatus, statusReason: string, killedBy: readonly string[] = []) => ({ status, statusReason, killedBy, testsCompleted, durationMs: run.durationMs, testMs });
  if (run.timedOut) return verdict('Timeout', `killed by the watchdog after ${job.timeoutMs} ms`);
  if (result && result.timedOut.length > 0) return verdict('Timeout', `pytest-timeout stopped ${result.timedOut.join(', ')} (limit ${job.timeoutMs} ms)`, result.timedOut);
  if (!result) return verdict('RuntimeError', `pytest did not finish (${run.signal ?? 'no result'})`);
  const failed = Object.entries(result.failed);
  if (failed.length > 0) return verdict('Killed', `${failed[0][0]}: ${failed[0][1]}`, failed.map(([test]) => test));
  if (result.exitStatus !== 0) return verdict('RuntimeError', `pytest exit status ${result.exitStatus}`);
  return verdict('Survived', slowdown(result.durations, job.baselineMs));
}

/** For a survivor, how much slower its covering tests became: a slower suite that noticed nothing is the timing wager itself. */
function slowdown(durations: Record<string, number>, baselineMs: number): string {
  const mutantMs = testsMs(durations);
  const change = Math.round(mutantMs - baselineMs);
  return `covering tests passed in ${Math.round(mutantMs)} ms (baseline ${Math.round(baselineMs)} ms, ${change >= 0 ? '+' : ''}${change} ms)`;
}

function testsMs(durations: Record<string, number>): number {
  return Object.values(durations).reduce((total, seconds) => total + seconds * 1000, 0);
}

export const noCoverageOutcome: MutantOutcome = { status: 'NoCoverage', statusReason: 'no test executes this code', killedBy: [], testsCompleted: 0, durationMs: 0, testMs: 0 };
