/** Decides how each mutant is tested: not at all (NoCoverage), a forked run of its covering tests, or a fresh process when it runs at import time. */
import type { PythonRunConfig } from './config.js';
import type { Baseline } from './coverage.js';
import type { PyMutant } from './mutants.js';
import { firstBudget, nextBudget, slowOrHungBudgetMs, testBudget, type Budget } from '../verdict/budget.js';

export interface MutantJob {
  readonly mutant: PyMutant;
  /** Node ids of the tests to run, fastest first (runs stop at the first failure); every test when `fresh`. */
  readonly tests: readonly string[];
  /** Evaluated at import time: needs a fresh process with the mutant active from the start. */
  readonly fresh: boolean;
  readonly baselineMs: number;
  /** The run's time budget (src/verdict): a run that outlasts a budget that is not final is run again with the slow-or-hung one. */
  readonly budget: Budget;
  readonly timeoutMs: number;
  /**
   * Forked runs: each test's own slow-or-hung budget, the rule of `testBudget` (one test inside a running runner, as
   * on the Stryker side) plus the shared fixtures it may pay. A run of many covering tests where one hangs ends at
   * that test's budget instead of the whole run's (minutes on a real suite whose loops keep helper threads).
   */
  readonly testBudgetsMs: Readonly<Record<string, number>>;
}

export function planJobs(mutants: readonly PyMutant[], baseline: Baseline, config: PythonRunConfig): MutantJob[] {
  return mutants.flatMap((mutant) => {
    const covering = baseline.coverage.get(mutant.index) ?? new Map<string, number>();
    const staticHits = baseline.staticHits.get(mutant.index) ?? 0;
    if (staticHits > 0) return [freshJob(mutant, baseline, staticHits + sum(covering.values()), config)];
    if (covering.size === 0) return [];
    const tests = fastestFirst(covering.keys(), baseline);
    const baselineMs = sum(tests.map((test) => baseline.testMs.get(test) ?? 0));
    return [withBudget({ mutant, tests, fresh: false, baselineMs, testBudgetsMs: testBudgets(mutant, covering, baseline, config) }, sum(covering.values()), config)];
  });
}

/**
 * Tests run in another order than in the baseline (fastest first, covering tests only), so a test may pay setup and
 * teardown of shared fixtures that another test paid there: each test's time is counted with the covering tests'
 * fixture time and the longest fixture time of any test (a session fixture set up by a test that does not cover).
 */
function testBudgets(mutant: PyMutant, covering: ReadonlyMap<string, number>, baseline: Baseline, config: PythonRunConfig): Record<string, number> {
  const sharedFixtureMs = sum([...covering.keys()].map((test) => baseline.fixtureMs.get(test) ?? 0)) + baseline.longestFixtureMs;
  const budgets: Record<string, number> = {};
  for (const [test, hits] of covering) {
    const first = testBudget({ operator: mutant.operator, baselineMs: (baseline.testMs.get(test) ?? 0) + sharedFixtureMs, hits, timeoutFactor: config.timeoutFactor, settings: config });
    budgets[test] = slowOrHungBudgetMs(first);
  }
  return budgets;
}

function freshJob(mutant: PyMutant, baseline: Baseline, hits: number, config: PythonRunConfig): MutantJob {
  return withBudget({ mutant, tests: fastestFirst(baseline.testMs.keys(), baseline), fresh: true, baselineMs: baseline.totalMs, testBudgetsMs: {} }, hits, config);
}

function withBudget(job: Omit<MutantJob, 'budget' | 'timeoutMs'>, hits: number, config: PythonRunConfig): MutantJob {
  const budget = firstBudget({ operator: job.mutant.operator, baselineMs: job.baselineMs, hits, timeoutFactor: config.timeoutFactor, settings: config, marginMs: config.timeoutMs });
  return { ...job, budget, timeoutMs: budget.budgetMs };
}

/** The same job with the budget that follows `job.budget` (the slow-or-hung re-run), or undefined when its budget was final. */
export function slowOrHungJob(job: MutantJob): MutantJob | undefined {
  const budget = nextBudget(job.budget);
  return budget && { ...job, budget, timeoutMs: budget.budgetMs };
}

function fastestFirst(tests: Iterable<string>, baseline: Baseline): string[] {
  return [...tests].sort((a, b) => (baseline.testMs.get(a) ?? 0) - (baseline.testMs.get(b) ?? 0));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
