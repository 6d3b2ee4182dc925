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
 *   `runMs` is the wall-clock time of the mutant's test run (omit when unknown); `injectedDelayMs` the delay the
 *   mutant adds each time its site runs (0 when the operator adds no fixed delay).
 * - `baseline`: every test of the unmutated run: id, display name and its time in ms.
 */
import { operatorNames } from '../../mutators/catalog.js';
import { hintFor, type TestFramework } from './hints.js';

export const summarySchemaVersion = 1;

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
  injectedDelayMs: number;
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
export interface SummaryMutant extends Omit<MutantOutcome, 'statusReason' | 'runMs' | 'timeoutMs'> {
  statusReason: string | null;
  timeoutMs: number | null;
  /** Run time minus the covering tests' baseline time (includes the runner's per-run overhead); null when not measured. */
  slowdownMs: number | null;
  /** Survived although its tests ran at least `unnoticedThresholdMs` slower: time passed and no test noticed. */
  slowedUnnoticed: boolean;
  /** How to write a test that kills it; null unless it survived or had no coverage. */
  hint: string | null;
}

export interface Summary {
  schemaVersion: typeof summarySchemaVersion;
  engine: { name: string; version: string };
  testFramework: TestFramework;
  operators: OperatorCounts[];
  total: OperatorCounts;
  mutants: SummaryMutant[];
}

/** Operators without a fixed injected delay (DropOffload, SerializeConcurrency) count as slowed from this much on. */
export const minimumUnnoticedSlowdownMs = 100;

export function buildSummary(input: SummaryInput): Summary {
  const sleepmutMutants = input.mutants.filter((mutant) => (operatorNames as readonly string[]).includes(mutant.operator));
  const mutants = sleepmutMutants.map((mutant) => summarizeMutant(mutant, input));
  return {
    schemaVersion: summarySchemaVersion,
    engine: input.engine,
    testFramework: input.testFramework,
    operators: operatorNames.filter((name) => mutants.some((mutant) => mutant.operator === name)).map((name) => countOutcomes(name, mutants.filter((mutant) => mutant.operator === name))),
    total: countOutcomes('total', mutants),
    mutants,
  };
}

function summarizeMutant(mutant: MutantOutcome, input: SummaryInput): SummaryMutant {
  const slowdownMs = slowdownOf(mutant, input.baseline);
  const needsTest = mutant.status === 'Survived' || mutant.status === 'NoCoverage';
  return {
    id: mutant.id,
    operator: mutant.operator,
    file: mutant.file,
    location: mutant.location,
    original: mutant.original,
    replacement: mutant.replacement,
    status: mutant.status,
    statusReason: mutant.statusReason ?? null,
    killedBy: namesOf(mutant.killedBy, input.baseline),
    coveredBy: namesOf(mutant.coveredBy, input.baseline),
    injectedDelayMs: mutant.injectedDelayMs,
    timeoutMs: mutant.timeoutMs ?? null,
    slowdownMs,
    slowedUnnoticed: mutant.status === 'Survived' && slowdownMs !== null && slowdownMs >= unnoticedThresholdMs(mutant),
    hint: needsTest ? hintFor(mutant.operator, input.testFramework) : null,
  };
}

function namesOf(testIds: readonly string[], baseline: readonly BaselineTest[]): string[] {
  return testIds.map((id) => baseline.find((test) => test.id === id)?.name ?? id);
}

export function unnoticedThresholdMs(mutant: Pick<MutantOutcome, 'injectedDelayMs'>): number {
  return mutant.injectedDelayMs > 0 ? mutant.injectedDelayMs : minimumUnnoticedSlowdownMs;
}

/** Only runs that completed (survived or killed) say how long the tests took; a timeout says only "too long". */
function slowdownOf(mutant: MutantOutcome, baseline: readonly BaselineTest[]): number | null {
  if (mutant.runMs === undefined || (mutant.status !== 'Survived' && mutant.status !== 'Killed')) return null;
  const covering = mutant.coveredBy.length ? baseline.filter((test) => mutant.coveredBy.includes(test.id)) : baseline;
  const baselineMs = covering.reduce((sum, test) => sum + test.timeMs, 0);
  return Math.max(0, Math.round(mutant.runMs - baselineMs));
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
