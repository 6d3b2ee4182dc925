/** Decides how each mutant is tested: not at all (NoCoverage), a forked run of its covering tests, or a fresh process when it runs at import time. */
import type { PythonRunConfig } from './config.js';
import type { Baseline } from './coverage.js';
import type { PyMutant } from './mutants.js';
import { mutantTimeoutMs } from './timeouts.js';

export interface MutantJob {
  readonly mutant: PyMutant;
  /** Node ids of the tests to run, fastest first (runs stop at the first failure); every test when `fresh`. */
  readonly tests: readonly string[];
  /** Evaluated at import time: needs a fresh process with the mutant active from the start. */
  readonly fresh: boolean;
  readonly baselineMs: number;
  readonly timeoutMs: number;
}

export function planJobs(mutants: readonly PyMutant[], baseline: Baseline, config: PythonRunConfig): MutantJob[] {
  return mutants.flatMap((mutant) => {
    const covering = baseline.coverage.get(mutant.index) ?? new Map<string, number>();
    const staticHits = baseline.staticHits.get(mutant.index) ?? 0;
    if (staticHits > 0) return [freshJob(mutant, baseline, staticHits + sum(covering.values()), config)];
    if (covering.size === 0) return [];
    const tests = fastestFirst(covering.keys(), baseline);
    const baselineMs = sum(tests.map((test) => baseline.testMs.get(test) ?? 0));
    return [{ mutant, tests, fresh: false, baselineMs, timeoutMs: mutantTimeoutMs(baselineMs, sum(covering.values()), config) }];
  });
}

function freshJob(mutant: PyMutant, baseline: Baseline, hits: number, config: PythonRunConfig): MutantJob {
  return { mutant, tests: fastestFirst(baseline.testMs.keys(), baseline), fresh: true, baselineMs: baseline.totalMs, timeoutMs: mutantTimeoutMs(baseline.totalMs, hits, config) };
}

function fastestFirst(tests: Iterable<string>, baseline: Baseline): string[] {
  return [...tests].sort((a, b) => (baseline.testMs.get(a) ?? 0) - (baseline.testMs.get(b) ?? 0));
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
