/**
 * Honest timeouts for timing mutants: long enough for the delay the mutant injects (so "slower" is not scored as
 * "Timeout"), short enough that a hang is detected in about two seconds instead of Stryker's five or more.
 * Two levels: Stryker's timeout for the whole run of the covering tests, and a timeout per test that the setup
 * `sleepmut/vitest-setup` or `sleepmut/mocha-setup` applies (a test that times out ends the run without a runner restart).
 */
import { timerMs } from '../bounds.js';

/** Room for machine load on top of the expected time of one test. */
export const timeoutMarginMs = 1000;

/**
 * Extra room for the whole run when per-test timeouts are in force: Stryker's clock also counts the runner's
 * per-run overhead (loading the test files), and the per-test timeout must fire first on a hang.
 */
export const runSlackMs = 1000;

/** Written into Stryker's sandbox by the reporter, read by the vitest and mocha setups: `{ [mutantId]: testTimeoutMs }`. */
export const testTimeoutsFileName = '.sleepmut-test-timeouts.json';

/** Written into Stryker's sandbox by the vitest or mocha setup during the dry run: per-test timeouts will be applied. */
export const setupMarkerFileName = '.sleepmut-setup';

export interface TimeoutInput {
  /** Baseline time of the test(s): one test, or all covering tests (Stryker's `plan.netTime`). */
  baselineMs: number;
  /** Stryker's `timeoutFactor`, applied to the baseline as Stryker does. */
  timeoutFactor: number;
  injectedDelayMs: number;
  /** How often the test(s) executed the mutated site in the dry run. */
  hitCount: number;
}

/** Expected time of one test if the mutant merely slows it down, plus a fixed margin. */
export function testTimeoutMs({ baselineMs, timeoutFactor, injectedDelayMs, hitCount }: TimeoutInput): number {
  return timerMs(Math.ceil(timeoutFactor * baselineMs + injectedDelayMs * hitCount + timeoutMarginMs));
}

/** Expected time of the run of all covering tests, plus the margin (and the slack, with per-test timeouts). */
export function runTimeoutMs(input: TimeoutInput, perTestTimeouts: boolean): number {
  return timerMs(testTimeoutMs(input) + (perTestTimeouts ? runSlackMs : 0));
}
