/**
 * Wall-clock time of each mutant's test run. Stryker reports no duration per mutant, so the clock notes when core's
 * timeout decorator reads `runOptions.timeout` (right before it hands the run to the test-runner process) and stops
 * when `onMutantTested` arrives. The time includes the runner's per-run overhead and, after a timeout, the worker restart.
 */
import { performance } from 'node:perf_hooks';

export class MutantRunClock {
  private readonly startedAt = new Map<string, number>();
  private readonly runMs = new Map<string, number>();

  /** Starts the mutant's clock each time its timeout is read; the last read (a retried run) wins. */
  watch(mutantId: string, runOptions: { timeout: number }): void {
    let timeout = runOptions.timeout;
    const startedAt = this.startedAt;
    Object.defineProperty(runOptions, 'timeout', {
      enumerable: true,
      configurable: true,
      get() {
        startedAt.set(mutantId, performance.now());
        return timeout;
      },
      set(value: number) {
        timeout = value;
      },
    });
  }

  stop(mutantId: string): void {
    const startedAt = this.startedAt.get(mutantId);
    if (startedAt !== undefined) this.runMs.set(mutantId, performance.now() - startedAt);
  }

  /** Undefined when the mutant never ran in a test runner (no coverage, ignored, static early result). */
  runMsOf(mutantId: string): number | undefined {
    return this.runMs.get(mutantId);
  }
}
