/** The Python engine end to end: find and instrument mutants in a sandbox, run the baseline, test every mutant, report, and pick the exit code. */
import path from 'node:path';
import { configureMutators } from '../../mutators/settings.js';
import { injectedDelayMs } from '../verdict/budget.js';
import { packageVersion } from '../package-version.js';
import { buildSummary, summaryPath, writeSummary, type MutantOutcome as SummaryOutcome, type Summary } from '../report/summary.js';
import { renderSummary, slowdownPhrase } from '../report/table.js';
import type { PythonRunConfig } from './config.js';
import { runBaseline, type Baseline } from './coverage.js';
import { findInterpreter } from './interpreter.js';
import { prepareMutants, type PyMutant } from './mutants.js';
import { noCoverageOutcome, type MutantOutcome } from './outcome.js';
import { enabledMutators } from './parse.js';
import { PhaseClock, perMutantRun } from './phases.js';
import { planJobs } from './plan.js';
import { runJobs, startWorkers } from './pool.js';
import { ProgressLine, reportWhileRunning } from './progress.js';
import { buildReport, reportDirectory, reportLocation, writeHtmlReport, writeJsonReport } from './report.js';
import { saveOnInterruption } from './interruption.js';
import { createSandbox } from './sandbox.js';
import { importRoots, sandboxImportPaths } from './import-roots.js';
import { projectPackages } from './packages.js';
import { assertPatternsInside, selectFiles } from './selection.js';

export async function runEngine(projectDirectory: string, config: PythonRunConfig): Promise<number> {
  configureMutators(config);
  const clock = new PhaseClock();
  assertPatternsInside(config.mutate, projectDirectory);
  const interpreter = await findInterpreter(config.python, projectDirectory);
  say(`using ${interpreter.executable} (Python ${interpreter.version}${interpreter.hasPytestTimeout ? ', pytest-timeout' : ''})`);
  const { files, warnings } = await selectFiles(config.mutate, projectDirectory);
  warnings.forEach((warning) => say(`warning: ${warning}`));
  const copy = await createSandbox(projectDirectory);
  // The facts pass reads the project's packages too, so a helper outside the mutate globs still tells what its callers do.
  const factFiles = await selectFiles(projectPackages(projectDirectory).mutate, projectDirectory).then((selection) => selection.files, () => []);
  const prepared = await prepareMutants(projectDirectory, files, copy, interpreter, enabledMutators(config.operators), factFiles);
  const sandbox = { ...copy, importPaths: sandboxImportPaths(copy.project, importRoots(projectDirectory, [...prepared.sources.keys()])) };
  prepared.warnings.forEach((warning) => say(`warning: ${warning}`));
  if (prepared.mutants.length === 0) {
    say(`no timing mutants in ${files.length} file(s): nothing to test, so the test suite was not run`);
    writeSummary(projectDirectory, summarize({ mutants: [], outcomes: new Map(), sources: new Map(), baseline: emptyBaseline }, config));
    say(`wrote ${summaryPath}`);
    return 0;
  }
  say(`${prepared.mutants.length} mutants in ${prepared.sources.size} of ${files.length} files; running the baseline`);
  clock.mark('setup');
  const workerOptions = { interpreter, sandbox, testArgs: config.testArgs };
  const warmWorkers = startWorkers(Math.min(config.concurrency, prepared.mutants.length), workerOptions);
  const baseline = await reportWhileRunning(runBaseline(interpreter, sandbox, config.testArgs, config.baselineTimeoutMs), 'the baseline', config.baselineTimeoutMs, config.reporters.includes('progress'));
  clock.mark('baseline');
  const jobs = planJobs(prepared.mutants, baseline, config);
  const progress = new ProgressLine(jobs.length, config.reporters.includes('progress'));
  const finished = new Map<number, MutantOutcome>();
  const planned = new Set(jobs.map((job) => job.mutant.index));
  const stopSaving = saveOnInterruption((reason) => {
    const outcomes = new Map(prepared.mutants.map((mutant) => [mutant.index, finished.get(mutant.index) ?? (planned.has(mutant.index) ? pendingOutcome(reason) : noCoverageOutcome)]));
    const results = { mutants: prepared.mutants, outcomes, sources: prepared.sources, baseline };
    writeReports(projectDirectory, config, results, summarize(results, config), false);
    return `partial reports for ${finished.size} of ${jobs.length} tested mutants written to ${path.dirname(reportDirectory)}`;
  });
  const tested = await runJobs(jobs, {
    ...workerOptions,
    concurrency: config.concurrency,
    warmWorkers,
    onOutcome: (job, outcome) => (finished.set(job.mutant.index, outcome), progress.record(outcome)),
    onForkUnsafe: (threads) => say(`the suite starts threads at import or collection (${threads.join(', ')}); a forked run would hold them only half, so each mutant runs in a fresh pytest process (slower, same verdicts)`),
  });
  progress.finish();
  clock.mark('mutants');
  say(`time: ${clock}; ${perMutantRun([...tested.values()])}`);
  const outcomes = new Map(prepared.mutants.map((mutant) => [mutant.index, tested.get(mutant.index) ?? noCoverageOutcome]));
  const results = { mutants: prepared.mutants, outcomes, sources: prepared.sources, baseline };
  const summary = summarize(results, config);
  writeReports(projectDirectory, config, results, summary, true);
  stopSaving();
  return exitCode(config, summary);
}

interface RunResults {
  mutants: PyMutant[];
  outcomes: Map<number, MutantOutcome>;
  sources: Map<string, string>;
  baseline: Baseline;
}

const emptyBaseline: Baseline = { testMs: new Map(), coverage: new Map(), staticHits: new Map(), totalMs: 0, fixtureMs: new Map(), longestFixtureMs: 0 };

/** mutation.json and the HTML report say what the summary says: a survivor's reason carries the summary's one slowdown figure. */
function withSummarySlowdown(results: RunResults, summary: Summary): Map<number, MutantOutcome> {
  const byId = new Map(summary.mutants.map((mutant) => [mutant.id, mutant]));
  return new Map(
    results.mutants.map((mutant) => {
      const outcome = results.outcomes.get(mutant.index)!;
      const phrase = outcome.status === 'Survived' ? slowdownPhrase(byId.get(mutant.id)!) : undefined;
      return [mutant.index, phrase ? { ...outcome, statusReason: `${outcome.statusReason}; ${phrase}` } : outcome];
    }),
  );
}

/** Synchronous, so that an interruption can write partial reports from its handler; `verbose` says what was written. */
function writeReports(projectDirectory: string, config: PythonRunConfig, results: RunResults, summary: Summary, verbose: boolean): void {
  const report = buildReport({ ...results, outcomes: withSummarySlowdown(results, summary), coveredBy: (mutant) => coveringTests(results.baseline, mutant), tests: [...results.baseline.testMs.keys()], thresholds: config.thresholds, version: packageVersion() });
  const written = [config.reporters.includes('json') && writeJsonReport(projectDirectory, report), config.reporters.includes('html') && writeHtmlReport(projectDirectory, report)];
  writeSummary(projectDirectory, summary);
  if (!verbose) return;
  written.forEach((file) => file && say(`wrote ${file}`));
  if (config.reporters.includes('clear-text')) process.stdout.write(renderSummary(summary));
  say(`wrote ${summaryPath}`);
}

function pendingOutcome(reason: string): MutantOutcome {
  return { ...noCoverageOutcome, status: 'Pending', statusReason: `not tested: the run was interrupted (${reason})` };
}

function summarize({ mutants, outcomes, baseline }: RunResults, config: PythonRunConfig): Summary {
  return buildSummary({
    engine: { name: 'sleepmut-python', version: packageVersion() },
    testFramework: 'pytest',
    mutants: mutants.map((mutant) => summaryOutcome(mutant, outcomes.get(mutant.index)!, baseline, config)),
    baseline: [...baseline.testMs].map(([id, timeMs]) => ({ id, name: id, timeMs })),
  });
}

function exitCode(config: PythonRunConfig, summary: Summary): number {
  const score = summary.total.score;
  if (config.thresholds.break === null || score === null || score >= config.thresholds.break) return 0;
  say(`mutation score ${score.toFixed(2)} is under the break threshold ${config.thresholds.break}`);
  return 1;
}

function summaryOutcome(mutant: PyMutant, outcome: MutantOutcome, baseline: Baseline, config: PythonRunConfig): SummaryOutcome {
  return {
    id: mutant.id,
    operator: mutant.operator,
    file: mutant.file,
    location: reportLocation(mutant),
    original: mutant.original,
    replacement: mutant.replacement,
    status: outcome.status,
    statusReason: outcome.statusReason,
    killedBy: [...outcome.killedBy],
    coveredBy: coveringTests(baseline, mutant),
    runMs: outcome.durationMs > 0 ? outcome.durationMs : undefined,
    testsMs: outcome.testsCompleted > 0 ? outcome.testMs : undefined,
    timeoutMs: outcome.timeoutMs,
    injectedDelayMs: injectedDelayMs(mutant.operator, config) ?? null,
  };
}

function coveringTests(baseline: Baseline, mutant: PyMutant): string[] {
  return [...(baseline.coverage.get(mutant.index)?.keys() ?? [])];
}

function say(message: string): void {
  process.stderr.write(`sleepmut: ${message}\n`);
}
