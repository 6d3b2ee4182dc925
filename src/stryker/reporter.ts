/** The Stryker reporter `sleepmut`: honest timeouts for timing mutants, then the timing table and reports/sleepmut/summary.json. */
import path from 'node:path';
import type { MutantResult, MutantRunPlan, MutantTestPlan, StrykerOptions, schema } from '@stryker-mutator/api/core';
import type { DryRunCompletedEvent, MutationTestingPlanReadyEvent, Reporter } from '@stryker-mutator/api/report';
import { operatorNames } from '../../mutators/catalog.js';
import { buildSummary, summaryPath, writeSummary, type BaselineTest, type MutantOutcome, type Summary } from '../report/summary.js';
import { renderSummary } from '../report/table.js';
import { detectTestFramework } from '../report/hints.js';
import { sliceByLocation } from '../report/mutant-list.js';
import { withDefaults, type SleepmutOptions } from './options.js';
import { MutantRunClock } from './reporter-clock.js';
import { injectedDelayMs } from '../verdict/budget.js';
import { removeMarkersOnExit, TimingTimeouts } from './reporter-timeouts.js';
import { missingSetupHints } from './reporter-hint.js';

type Options = StrykerOptions & { sleepmut?: Partial<SleepmutOptions> };

export class SleepmutReporter implements Reporter {
  static readonly inject = ['options'] as const;
  private readonly clock = new MutantRunClock();
  private readonly results: MutantResult[] = [];
  private baseline: BaselineTest[] = [];
  private timeouts: TimingTimeouts | undefined;

  private readonly removeMarkers: (() => void) | undefined;

  constructor(private readonly options: Options) {
    this.removeMarkers = options.inPlace ? removeMarkersOnExit(process.cwd()) : undefined;
  }

  onDryRunCompleted({ result }: DryRunCompletedEvent): void {
    this.baseline = result.tests.map((test) => ({ id: test.id, name: test.name, timeMs: test.timeSpentMs }));
    this.timeouts = new TimingTimeouts(result, this.options.timeoutFactor, withDefaults(this.options.sleepmut));
  }

  /** The plans are the objects core executes next: a timeout set here is the one the run gets. */
  onMutationTestingPlanReady({ mutantPlans }: MutationTestingPlanReadyEvent): void {
    for (const plan of mutantPlans.filter(isRunPlan)) {
      if (isTimingOperator(plan.mutant.mutatorName)) this.timeouts?.apply(plan);
      this.clock.watch(plan.mutant.id, plan.runOptions);
    }
    this.timeouts?.publish();
    const setupHint = missingSetupHints[this.options.testRunner];
    if (setupHint && this.timeouts?.perTestTimeoutsActive() === false) process.stderr.write(`${setupHint}\n`);
  }

  /** Every mutant's run is timed: built-in mutants' runs help estimate the runner's fixed cost per run. */
  onMutantTested(result: Readonly<MutantResult>): void {
    this.clock.stop(result.id);
    this.results.push(result);
  }

  onMutationTestReportReady(report: Readonly<schema.MutationTestResult>): void {
    const summary = this.summarize(report);
    writeSummary(process.cwd(), summary);
    process.stdout.write(`${renderSummary(summary)}sleepmut: wrote ${summaryPath}\n`);
  }

  wrapUp(): void {
    this.timeouts?.cleanUp();
    this.removeMarkers?.();
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
        injectedDelayMs: injectedDelayMs(result.mutatorName, settings) ?? null,
        timeoutMs: this.timeouts?.runTimeoutOf(result.id),
      }),
    );
    const engine = { name: 'stryker', version: report.framework?.version ?? 'unknown' };
    return buildSummary({ engine, testFramework: detectTestFramework(this.options.testRunner), mutants, baseline: this.baseline });
  }
}

function isTimingOperator(mutatorName: string): boolean {
  return (operatorNames as readonly string[]).includes(mutatorName);
}

function isRunPlan(plan: MutantTestPlan): plan is MutantRunPlan {
  return 'runOptions' in plan;
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
