/** The Stryker reporter `sleepmut`: honest timeouts for timing mutants, then the timing table and reports/sleepmut/summary.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MutantResult, MutantRunPlan, MutantTestPlan, StrykerOptions, schema } from '@stryker-mutator/api/core';
import type { DryRunCompletedEvent, MutationTestingPlanReadyEvent, Reporter } from '@stryker-mutator/api/report';
import type { MutantCoverage } from '@stryker-mutator/api/core';
import { operatorNames } from '../../mutators/catalog.js';
import { buildSummary, type BaselineTest, type MutantOutcome, type Summary } from '../report/summary.js';
import { renderSummary } from '../report/table.js';
import { detectTestFramework } from '../report/hints.js';
import { sliceByLocation } from '../report/mutant-list.js';
import { withDefaults, type SleepmutOptions } from './options.js';
import { MutantRunClock } from './reporter-clock.js';
import { injectedDelayMs, timingMutantTimeoutMs } from './timeouts.js';

export const summaryPath = path.join('reports', 'sleepmut', 'summary.json');

type Options = StrykerOptions & { sleepmut?: Partial<SleepmutOptions> };

export class SleepmutReporter implements Reporter {
  static readonly inject = ['options'] as const;
  private readonly clock = new MutantRunClock();
  private readonly timeouts = new Map<string, number>();
  private readonly results: MutantResult[] = [];
  private baseline: BaselineTest[] = [];
  private hitCounts = new Map<string, number>();

  constructor(private readonly options: Options) {}

  onDryRunCompleted({ result }: DryRunCompletedEvent): void {
    this.baseline = result.tests.map((test) => ({ id: test.id, name: test.name, timeMs: test.timeSpentMs }));
    this.hitCounts = hitCountsOf(result.mutantCoverage);
  }

  /** The plans are the objects core executes next: a timeout set here is the one the run gets. */
  onMutationTestingPlanReady({ mutantPlans }: MutationTestingPlanReadyEvent): void {
    mutantPlans.filter(isTimingRunPlan).forEach((plan) => this.prepareRun(plan));
  }

  onMutantTested(result: Readonly<MutantResult>): void {
    if (!isTimingOperator(result.mutatorName)) return;
    this.clock.stop(result.id);
    this.results.push(result);
  }

  onMutationTestReportReady(report: Readonly<schema.MutationTestResult>): void {
    const summary = this.summarize(report);
    mkdirSync(path.dirname(summaryPath), { recursive: true });
    writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`${renderSummary(summary)}sleepmut: wrote ${summaryPath}\n`);
  }

  private prepareRun(plan: MutantRunPlan): void {
    const hitCount = this.hitCounts.get(plan.mutant.id);
    if (hitCount !== undefined) {
      const injected = injectedDelayMs(plan.mutant.mutatorName, plan.mutant.replacement, withDefaults(this.options.sleepmut));
      const timeout = timingMutantTimeoutMs({ baselineNetMs: plan.netTime, timeoutFactor: this.options.timeoutFactor, injectedDelayMs: injected, hitCount });
      plan.runOptions.timeout = timeout;
      this.timeouts.set(plan.mutant.id, timeout);
    }
    this.clock.watch(plan.mutant.id, plan.runOptions);
  }

  private summarize(report: Readonly<schema.MutationTestResult>): Summary {
    const places = placesOf(report);
    const settings = withDefaults(this.options.sleepmut);
    const mutants = this.results.map(
      (result): MutantOutcome => ({
        id: result.id,
        operator: result.mutatorName,
        ...(places.get(result.id) ?? { file: result.fileName, original: '' }),
        location: result.location,
        replacement: result.replacement,
        status: result.status,
        statusReason: result.statusReason,
        killedBy: result.killedBy ?? [],
        coveredBy: result.coveredBy ?? [],
        runMs: this.clock.runMsOf(result.id),
        injectedDelayMs: injectedDelayMs(result.mutatorName, result.replacement, settings),
        timeoutMs: this.timeouts.get(result.id),
      }),
    );
    const engine = { name: 'stryker', version: report.framework?.version ?? 'unknown' };
    return buildSummary({ engine, testFramework: detectTestFramework(this.options.testRunner), mutants, baseline: this.baseline });
  }
}

function isTimingOperator(mutatorName: string): boolean {
  return (operatorNames as readonly string[]).includes(mutatorName);
}

function isTimingRunPlan(plan: MutantTestPlan): plan is MutantRunPlan {
  return 'runOptions' in plan && isTimingOperator(plan.mutant.mutatorName);
}

/** Hits per mutant summed over every test (and static code) in the dry run; empty when coverage analysis is off. */
function hitCountsOf(coverage: MutantCoverage | undefined): Map<string, number> {
  const hits = new Map<string, number>();
  for (const counts of [coverage?.static ?? {}, ...Object.values(coverage?.perTest ?? {})]) {
    for (const [mutantId, count] of Object.entries(counts)) hits.set(mutantId, (hits.get(mutantId) ?? 0) + count);
  }
  return hits;
}

/** The report's relative file name and the original source text of each mutant. */
function placesOf(report: Readonly<schema.MutationTestResult>): Map<string, { file: string; original: string }> {
  const places = new Map<string, { file: string; original: string }>();
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    for (const { id, location } of mutants) {
      const original = sliceByLocation(source, { line: location.start.line, column: location.start.column - 1 }, { line: location.end.line, column: location.end.column - 1 });
      places.set(id, { file: file.split(path.sep).join('/'), original });
    }
  }
  return places;
}
