/** Where a run's time goes: wall time per phase, and how much of an average mutant run is spent outside its tests (fork, collection, reporting). */
import type { MutantOutcome } from './outcome.js';

export class PhaseClock {
  private last = Date.now();
  private readonly phases: string[] = [];

  /** Ends the phase called `name` now. */
  mark(name: string): void {
    const now = Date.now();
    this.phases.push(`${name} ${((now - this.last) / 1000).toFixed(2)} s`);
    this.last = now;
  }

  toString(): string {
    return this.phases.join(', ');
  }
}

export function perMutantRun(outcomes: readonly MutantOutcome[]): string {
  const run = outcomes.filter((outcome) => outcome.testsCompleted > 0);
  if (run.length === 0) return 'no mutant run';
  const runMs = average(run.map((outcome) => outcome.durationMs));
  const testMs = average(run.map((outcome) => outcome.testMs));
  return `per mutant run ${runMs.toFixed(0)} ms: ${testMs.toFixed(0)} ms in tests, ${(runMs - testMs).toFixed(0)} ms overhead`;
}

function average(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
