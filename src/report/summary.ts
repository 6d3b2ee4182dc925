/**
 * The sleepmut summary (reports/sleepmut/summary.json, schema in summary.schema.json): per-operator counts and
 * per-mutant outcomes with slowdown and hint, built from plain, engine-neutral input so the Stryker reporter and the
 * Python engine produce the same file.
 *
 * Input contract (`SummaryInput`), for any engine:
 * - `mutants`: every mutant the engine ran or planned, any operator (non-sleepmut operators are dropped here).
 *   `location` uses 1-based lines and 1-based columns (as Stryker's mutation-testing-report-schema does).
 *   `killedBy`/`coveredBy` hold test ids, the ids of `baseline[]` (the summary shows their names). An empty
 *   `coveredBy` on a mutant that ran means "coverage unknown": all baseline tests are taken as covering it.
 *   `runMs` is the wall-clock time of the mutant's test run (omit when unknown); `testsMs` the time spent inside the
 *   covering tests, when the engine measures it (the slowdown then needs no estimate of the runner's overhead);
 *   `injectedDelayMs` what the mutant adds per hit (src/verdict, from the catalog; null when unknown). Pass
 *   built-in mutants' runs too: they help estimate the runner's fixed cost per run, which the slowdown leaves out.
 * - `baseline`: every test of the unmutated run: id, display name and its time in ms.
 */
import path from 'node:path';
import { operatorNames, siteKindOf } from '../../mutators/catalog.js';
import { writeFileAtomic } from '../files/atomic.js';
import { hintFor, type TestFramework } from './hints.js';
import { addsTime } from '../verdict/budget.js';

export const summarySchemaVersion = 1;

/** Where every engine writes the summary, relative to the project directory. */
export const summaryPath = path.join('reports', 'sleepmut', 'summary.json');

/** Writes `summary` to `<projectDirectory>/reports/sleepmut/summary.json` (atomically: never a truncated file). */
export function writeSummary(projectDirectory: string, summary: Summary): void {
  writeFileAtomic(path.join(projectDirectory, summaryPath), `${JSON.stringify(summary, null, 2)}\n`);
}

export type MutantStatus = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'RuntimeError' | 'CompileError' | 'Ignored' | 'Pending';

export interface Position {
  line: number;
  column: number;
}

export interface MutantOutcome {
  id: string;
  operator: string;
  file: string;
  location: { start: Position; end: Position };
  original: string;
  replacement: string;
  status: MutantStatus;
  statusReason?: string;
  killedBy: string[];
  coveredBy: string[];
  runMs?: number;
  /** Time inside the covering tests themselves, when the engine measures it. */
  testsMs?: number;
  /** Per hit of the site; null when the engines cannot know it (BlockingSleep: the replaced sleep's own length). */
  injectedDelayMs: number | null;
  timeoutMs?: number;
}

export interface BaselineTest {
  id: string;
  name: string;
  timeMs: number;
}

export interface SummaryInput {
  engine: { name: string; version: string };
  testFramework: TestFramework;
  mutants: readonly MutantOutcome[];
  baseline: readonly BaselineTest[];
}

export interface OperatorCounts {
  operator: string;
  mutants: number;
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  errors: number;
  ignored: number;
  /** (killed + timedOut) / (killed + timedOut + survived + noCoverage) x 100, two decimals; null without such mutants. */
  score: number | null;
}

/** A mutant as summary.json shows it: test ids replaced by names, absent values as null, slowdown and hint added. */
export interface SummaryMutant extends Omit<MutantOutcome, 'statusReason' | 'runMs' | 'timeoutMs' | 'testsMs'> {
  statusReason: string | null;
  timeoutMs: number | null;
  /** Wall-clock cost of the mutant's test run (after a timeout: including the worker restart); null when not measured. */
  runMs: number | null;
  /** How much longer the covering tests ran than in the baseline (negative: faster); the one figure every report shows; null when not measured. */
  slowdownMs: number | null;
  /** Survived, its operator adds time, and the slowdown is above the noise of the measurement: time passed and no test noticed. */
  slowedUnnoticed: boolean;
  /** What the site is (catalog `siteKinds`: retry backoff, TTL jitter, readiness wait, ...); null when the operator's general hint applies. */
  site: string | null;
  /** How to write a test that kills it, chosen by operator and site; null unless it survived or had no coverage. */
  hint: string | null;
}

export interface Summary {
  schemaVersion: typeof summarySchemaVersion;
  engine: { name: string; version: string };
  testFramework: TestFramework;
  /** The runner's fixed cost per mutant run: the smallest excess of run time over baseline among completed runs. */
  runOverheadMs: number | null;
  operators: OperatorCounts[];
  total: OperatorCounts;
  mutants: SummaryMutant[];
}

/** The smallest slowdown that counts as more than measurement noise ... */
export const minimumNoiseMs = 100;
/** ... or this share of the covering tests' baseline time, when that is larger (a long test varies more). */
export const noiseShareOfBaseline = 0.25;

export function buildSummary(input: SummaryInput): Summary {
  const sleepmutMutants = input.mutants.filter((mutant) => (operatorNames as readonly string[]).includes(mutant.operator));
  const overhead = overheadEstimator(input.mutants, input.baseline);
  const names = testNames(input.baseline);
  const mutants = sleepmutMutants.map((mutant) => summarizeMutant(mutant, input, overhead, names));
  return {
    schemaVersion: summarySchemaVersion,
    engine: input.engine,
    testFramework: input.testFramework,
    runOverheadMs: overhead.overall,
    operators: operatorNames.filter((name) => mutants.some((mutant) => mutant.operator === name)).map((name) => countOutcomes(name, mutants.filter((mutant) => mutant.operator === name))),
    total: countOutcomes('total', mutants),
    mutants,
  };
}

/** Test frameworks' own timeout failures (vitest, jest, mocha, pytest-timeout): a timeout, not an assertion that noticed. */
const testTimeoutMessage = /Test timed out in \d+ ?ms|Exceeded timeout of \d+ ?ms|Timeout of \d+ ?ms exceeded|Failed: Timeout >/;

/** A kill by a test framework's own timeout counts as a timeout; the reason keeps the framework's message. */
function statusOf(mutant: MutantOutcome): MutantStatus {
  return mutant.status === 'Killed' && testTimeoutMessage.test(mutant.statusReason ?? '') ? 'Timeout' : mutant.status;
}

function summarizeMutant(mutant: MutantOutcome, input: SummaryInput, overhead: OverheadEstimator, names: ReadonlyMap<string, string>): SummaryMutant {
  const baselineMs = coveringBaselineMs(mutant, input.baseline);
  const slowdownMs = slowdownOf(mutant, baselineMs, overhead);
  const site = siteKindOf(mutant.operator, mutant.original, mutant.file);
  const needsTest = mutant.status === 'Survived' || mutant.status === 'NoCoverage';
  return {
    id: mutant.id,
    operator: mutant.operator,
    file: mutant.file,
    location: mutant.location,
    original: mutant.original,
    replacement: mutant.replacement,
    status: statusOf(mutant),
    statusReason: mutant.statusReason?.replace(ansiEscapes, '') ?? null,
    killedBy: namesOf(mutant.killedBy, names),
    coveredBy: namesOf(mutant.coveredBy, names),
    injectedDelayMs: mutant.injectedDelayMs,
    timeoutMs: mutant.timeoutMs ?? null,
    runMs: mutant.runMs === undefined ? null : Math.round(mutant.runMs),
    slowdownMs,
    slowedUnnoticed: mutant.status === 'Survived' && addsTime(mutant.operator) && slowdownMs !== null && slowdownMs > noiseMs(baselineMs),
    site: site ?? null,
    hint: needsTest ? hintFor(mutant.operator, input.testFramework, site) : null,
  };
}

/** Each baseline test's name by id, looked up once per summary instead of a baseline scan per listed test (the first test of an id wins). */
function testNames(baseline: readonly BaselineTest[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const test of baseline) if (!names.has(test.id)) names.set(test.id, test.name);
  return names;
}

function namesOf(testIds: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return testIds.map((id) => names.get(id) ?? id);
}

/** The slowdown: time in the covering tests minus their baseline time when the engine measured it, else run time minus baseline minus the runner's overhead. */
function slowdownOf(mutant: MutantOutcome, baselineMs: number, overhead: OverheadEstimator): number | null {
  if (!['Survived', 'Killed'].includes(statusOf(mutant))) return null;
  if (mutant.testsMs !== undefined) return Math.round(mutant.testsMs - baselineMs);
  const excess = excessOf(mutant, baselineMs);
  return excess === null ? null : Math.round(excess - overhead.excluding(mutant));
}

/** What a slowdown must exceed to be more than noise: `minimumNoiseMs`, or a share of the covering tests' baseline time. */
export function noiseMs(baselineMs: number): number {
  return Math.max(minimumNoiseMs, noiseShareOfBaseline * baselineMs);
}

/** The baseline time of the tests that cover the mutant (all of them when its coverage is unknown). */
function coveringBaselineMs(mutant: MutantOutcome, baseline: readonly BaselineTest[]): number {
  if (!mutant.coveredBy.length) return baseline.reduce((sum, test) => sum + test.timeMs, 0);
  const covering = new Set(mutant.coveredBy);
  return baseline.reduce((sum, test) => (covering.has(test.id) ? sum + test.timeMs : sum), 0);
}

// Test runners colour their failure messages.
const ansiEscapes = /\u001b\[[0-9;]*m/g;

/** Run time beyond the covering tests' baseline time; null unless the run completed (a timeout says only "too long"). */
function excessOf(mutant: MutantOutcome, baselineMs: number): number | null {
  if (mutant.runMs === undefined || !['Survived', 'Killed'].includes(statusOf(mutant))) return null;
  return mutant.runMs - baselineMs;
}

interface OverheadEstimator {
  overall: number | null;
  /** The estimate from every other run, so a mutant's own delay never counts as overhead. */
  excluding(mutant: MutantOutcome): number;
}

/**
 * The runner's fixed cost per run (process messaging, test collection), estimated as the smallest excess among
 * completed runs. A killed run may stop early and only lowers the estimate, towards the raw difference.
 */
function overheadEstimator(mutants: readonly MutantOutcome[], baseline: readonly BaselineTest[]): OverheadEstimator {
  const excesses = mutants
    .map((mutant) => ({ mutant, excess: excessOf(mutant, coveringBaselineMs(mutant, baseline)) }))
    .filter((entry): entry is { mutant: MutantOutcome; excess: number } => entry.excess !== null)
    .sort((a, b) => a.excess - b.excess);
  const clamp = (excess: number | undefined) => Math.max(0, Math.round(excess ?? 0));
  return {
    overall: excesses.length ? clamp(excesses[0].excess) : null,
    excluding: (mutant) => clamp(excesses.find((entry) => entry.mutant !== mutant)?.excess),
  };
}

function countOutcomes(operator: string, mutants: readonly SummaryMutant[]): OperatorCounts {
  const count = (...statuses: MutantStatus[]) => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
  const counts = {
    operator,
    mutants: mutants.length,
    killed: count('Killed'),
    timedOut: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    errors: count('RuntimeError', 'CompileError'),
    ignored: count('Ignored'),
  };
  return { ...counts, score: scoreOf(counts) };
}

function scoreOf(counts: Omit<OperatorCounts, 'score'>): number | null {
  const detected = counts.killed + counts.timedOut;
  const valid = detected + counts.survived + counts.noCoverage;
  return valid === 0 ? null : Math.round((detected / valid) * 10_000) / 100;
}
