/** How Node talks to the sleepmut pytest plugin: the arguments that load it and the JSON result it writes per run. */
import { readFile } from 'node:fs/promises';

export interface PluginResult {
  exitStatus: number;
  /** Seconds per test node id. */
  durations: Record<string, number>;
  /** Failure message per node id (tests, or collection errors). */
  failed: Record<string, string>;
  /** pytest's own lines (first line and `E` lines) per module that could not be collected. */
  collectErrors?: Record<string, string>;
  timedOut: string[];
  /** Why a forked run ended out of time: provably hung at its first budget, or still running at the slow-or-hung one. */
  timeoutKind?: 'hung' | 'slowOrHung' | null;
  /** When the running test's own slow-or-hung budget (not the run's) ended a forked run: that budget. */
  timeoutTestBudgetMs?: number | null;
  /** Seconds per test node id spent in setup and teardown (shared fixtures included: the first test of a scope pays them). */
  fixtureDurations?: Record<string, number>;
  /** Per test node id: mutant switch id -> times evaluated (coverage runs only). */
  coverage: Record<string, Record<string, number>>;
  /** Switch ids evaluated outside any test: at import or collection time. */
  staticHits: Record<string, number>;
}

/** One pytest run as Node saw it. */
export interface PytestRun {
  /** The Node-side watchdog killed it. */
  readonly timedOut: boolean;
  /** Killed by a signal other than the watchdog's. */
  readonly signal?: string;
  /** Absent when the process died before pytest finished. */
  readonly result?: PluginResult;
  readonly durationMs: number;
}

/**
 * What every pytest process gets on top of the project's own configuration. Nothing that can clash with its
 * `addopts`: `-p no:cacheprovider` made `--cache-clear` a usage error. Instead each process gets an empty cache
 * directory of its own (`-o` overrides are not checked against known ini keys, even with `--strict-config`), so
 * `--lf`, `--ff` or `--sw` in `addopts` never carry one mutant's failures into another mutant's run.
 */
export function basePytestArgs(testArgs: readonly string[], cacheDirectory: string): string[] {
  return ['-p', 'sleepmut_pytest', ...cacheArgs(cacheDirectory), ...testArgs];
}

export function cacheArgs(cacheDirectory: string): string[] {
  return ['-o', `cache_dir=${cacheDirectory}`];
}

export async function readPluginResult(file: string): Promise<PluginResult | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PluginResult;
  } catch {
    return undefined;
  }
}
