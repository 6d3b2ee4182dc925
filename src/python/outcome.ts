/** Turns one pytest run of a mutant into its verdict (Killed, Survived, Timeout, RuntimeError), with the reason a user reads in the report. */
import type { MutantStatus } from 'mutation-testing-report-schema';
import { slowOrHungJob, type MutantJob } from './plan.js';
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
  /** The budget of the run that decided the verdict. */
  readonly timeoutMs?: number;
  /** A Timeout the run itself settled (a forked run: provably hung, or out of its slow-or-hung budget): no re-run. */
  readonly decidedInRun?: boolean;
}

export function outcomeOf(run: PytestRun, job: MutantJob): MutantOutcome {
  const result = run.result;
  const testsCompleted = result ? Object.keys(result.durations).length : 0;
  const testMs = result ? testsMs(result.durations) : 0;
  const verdict = (status: MutantStatus, statusReason: string, killedBy: readonly string[] = []) => ({ status, statusReason, killedBy, testsCompleted, durationMs: run.durationMs, testMs, timeoutMs: job.timeoutMs });
  if (run.timedOut) return verdict('Timeout', `killed by the watchdog after ${job.timeoutMs} ms`);
  if (result?.timeoutKind) return { ...verdict('Timeout', forkedTimeoutReason(result.timeoutKind, result.timedOut, job, result.timeoutTestBudgetMs ?? undefined), result.timedOut), decidedInRun: true };
  if (result && result.timedOut.length > 0) return verdict('Timeout', `pytest-timeout stopped ${result.timedOut.join(', ')} (limit ${job.timeoutMs} ms)`, result.timedOut);
  if (!result) return verdict('RuntimeError', `pytest did not finish (${run.signal ?? 'no result'})`);
  const failed = Object.entries(result.failed);
  if (failed.length > 0) return verdict('Killed', `${failed[0][0]}: ${failed[0][1]}`, failed.map(([test]) => test));
  if (result.exitStatus !== 0) return verdict('RuntimeError', `pytest exit status ${result.exitStatus}`);
  // The slowdown is added by the shared summary (src/report/summary.ts), so every report shows the same figure.
  return verdict('Survived', `${testsCompleted} covering test(s) passed`);
}

function forkedTimeoutReason(kind: 'hung' | 'slowOrHung', tests: readonly string[], job: MutantJob, budgetOfTest: number | undefined): string {
  if (kind === 'hung') return `hung: past its expected time the event loop of ${tests.join(', ')} had nothing to run, no timer and no I/O pending, and no other thread`;
  const budgetMs = budgetOfTest ?? slowOrHungJob(job)?.timeoutMs ?? job.timeoutMs;
  return `${tests.join(', ')} still running at ${budgetOfTest === undefined ? 'the' : 'its'} slow-or-hung budget (${Math.round(budgetMs)} ms)`;
}

/** The verdict after the slow-or-hung re-run of a mutant that ran out of its first budget: that run decides, and the reason says so. */
export function afterSlowOrHungRun(first: MutantOutcome, second: MutantOutcome): MutantOutcome {
  const prefix = `ran out of its first budget (${first.timeoutMs} ms); re-run with ${second.timeoutMs} ms`;
  if (second.status === 'Timeout') return { ...second, statusReason: `${prefix}: still not done, so hung (${second.statusReason})` };
  if (second.status === 'Survived') return { ...second, statusReason: `${prefix}: ${second.statusReason}, so slow, not hung` };
  return { ...second, statusReason: `${prefix}: ${second.statusReason}` };
}

function testsMs(durations: Record<string, number>): number {
  return Object.values(durations).reduce((total, seconds) => total + seconds * 1000, 0);
}

export const noCoverageOutcome: MutantOutcome = { status: 'NoCoverage', statusReason: 'no test executes this code', killedBy: [], testsCompleted: 0, durationMs: 0, testMs: 0 };
