/** Sets the timeouts of timing mutants' runs from the dry run (test times, hit counts) and hands the per-test ones to `sleepmut/vitest-setup` or `sleepmut/mocha-setup`. */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MutantCoverage, MutantRunPlan } from '@stryker-mutator/api/core';
import type { CompleteDryRunResult } from '@stryker-mutator/api/test-runner';
import type { MutatorSettings } from '../../mutators/settings.js';
import { setupMarkerFileName, testTimeoutsFileName } from './timeouts.js';
import { firstBudget, slowOrHungBudgetMs, testBudget } from '../verdict/budget.js';

export class TimingTimeouts {
  private readonly testMs: Map<string, number>;
  /** Hits per mutant per test id; static hits (module load) under the empty id. */
  private readonly hits: Map<string, Map<string, number>>;
  private readonly testTimeouts: Record<string, number> = {};
  private readonly runTimeouts = new Map<string, number>();
  private sandbox: string | undefined;
  /** Whether the setup's marker is in the sandbox: written in the dry run, so looked up once, not once per mutant. */
  private setupInUse: boolean | undefined;

  constructor(
    dryRun: CompleteDryRunResult,
    private readonly timeoutFactor: number,
    private readonly settings: MutatorSettings,
  ) {
    this.testMs = new Map(dryRun.tests.map((test) => [test.id, test.timeSpentMs]));
    this.hits = hitsPerTest(dryRun.mutantCoverage);
  }

  /** Without hit counts (coverage analysis off, or never executed) Stryker's own timeout stays. */
  apply(plan: MutantRunPlan): void {
    const hits = this.hits.get(plan.mutant.id);
    if (!hits) return;
    this.sandbox ??= sandboxRoot(plan);
    const budgetInput = (baselineMs: number, hits: number) => ({ operator: plan.mutant.mutatorName, baselineMs, hits, timeoutFactor: this.timeoutFactor, settings: this.settings });
    const run = firstBudget(budgetInput(plan.netTime, [...hits.values()].reduce((sum, count) => sum + count, 0)));
    // Stryker runs a mutant once: with per-test timeouts (the setups) deciding hangs test by test, the whole run gets
    // the slow-or-hung budget, so a busy machine cannot turn a slow run into a Timeout; without them the first budget.
    plan.runOptions.timeout = this.perTestTimeoutsActive() === true ? slowOrHungBudgetMs(run) : run.budgetMs;
    this.runTimeouts.set(plan.mutant.id, plan.runOptions.timeout);
    // Each test its own budget: a test's clock starts in a running runner, so its margin is smaller than a run's (testBudget).
    const perTest = [...hits].filter(([testId]) => testId !== '').map(([testId, count]) => testBudget(budgetInput(this.testMs.get(testId) ?? 0, count)).budgetMs);
    if (perTest.length) this.testTimeouts[plan.mutant.id] = Math.max(...perTest);
  }

  /** Whether a sleepmut setup (vitest or mocha) ran in the dry run (it applies the per-test timeouts); undefined before any timing mutant. */
  perTestTimeoutsActive(): boolean | undefined {
    if (this.sandbox === undefined) return undefined;
    return (this.setupInUse ??= existsSync(path.join(this.sandbox, setupMarkerFileName)));
  }

  runTimeoutOf(mutantId: string): number | undefined {
    return this.runTimeouts.get(mutantId);
  }

  /** Must run before the first mutant run: the setups read it in mutant runs. */
  publish(): void {
    if (this.sandbox) writeFileSync(path.join(this.sandbox, testTimeoutsFileName), JSON.stringify(this.testTimeouts));
  }

  /** With `--inPlace` the sandbox is the project itself. */
  cleanUp(): void {
    for (const file of [testTimeoutsFileName, setupMarkerFileName]) if (this.sandbox) rmSync(path.join(this.sandbox, file), { force: true });
  }
}

/**
 * With `--inPlace` the sandbox is the project: the files the reporter and the setups write there are removed on any
 * exit, also an interrupted one (Stryker turns SIGINT, SIGTERM and SIGHUP into process.exit, which runs 'exit' listeners).
 * Returns the function that removes them now and drops the listener.
 */
export function removeMarkersOnExit(directory: string): () => void {
  const remove = () => {
    for (const file of [testTimeoutsFileName, setupMarkerFileName]) rmSync(path.join(directory, file), { force: true });
  };
  process.on('exit', remove);
  return () => {
    process.off('exit', remove);
    remove();
  };
}

function hitsPerTest(coverage: MutantCoverage | undefined): Map<string, Map<string, number>> {
  const hits = new Map<string, Map<string, number>>();
  const perTest = Object.entries({ ...coverage?.perTest, '': coverage?.static ?? {} });
  for (const [testId, counts] of perTest) {
    for (const [mutantId, count] of Object.entries(counts)) {
      const byTest = hits.get(mutantId) ?? new Map<string, number>();
      hits.set(mutantId, byTest.set(testId, (byTest.get(testId) ?? 0) + count));
    }
  }
  return hits;
}

/** The sandbox directory: the sandbox copy of the mutated file, less the file's path relative to the project. */
function sandboxRoot(plan: MutantRunPlan): string {
  const relative = path.relative(process.cwd(), path.resolve(plan.mutant.fileName));
  return plan.runOptions.sandboxFileName.slice(0, plan.runOptions.sandboxFileName.length - relative.length);
}
