/**
 * Honest timeouts for timing mutants: long enough for the delay the mutant injects (so "slower" is not scored as
 * "Timeout"), short enough that a hang is detected in about two seconds instead of Stryker's five or more.
 */
import type { MutatorSettings } from '../../mutators/settings.js';

/** Room for the test runner's per-run overhead and machine load on top of the expected run time. */
export const timeoutMarginMs = 1000;

export interface TimeoutInput {
  /** Baseline time of the mutant's covering tests (Stryker's `plan.netTime`). */
  baselineNetMs: number;
  /** Stryker's `timeoutFactor`, applied to the baseline as Stryker does. */
  timeoutFactor: number;
  injectedDelayMs: number;
  /** How often the covering tests executed the mutated site in the dry run. */
  hitCount: number;
}

/** Expected run time of the mutant if it merely slows the tests down, plus a fixed margin. */
export function timingMutantTimeoutMs({ baselineNetMs, timeoutFactor, injectedDelayMs, hitCount }: TimeoutInput): number {
  return Math.ceil(timeoutFactor * baselineNetMs + injectedDelayMs * hitCount + timeoutMarginMs);
}

/**
 * The delay a mutant adds each time its site runs (an upper bound), read from the operator and its replacement:
 * EventWaitToSleep sleeps `delayMs`; BlockingSleep blocks for the original sleep's duration (its literal, else
 * `delayMs`); FlattenBackoff waits its fixed delay; DropOffload and SerializeConcurrency add no fixed delay.
 */
export function injectedDelayMs(operator: string, replacement: string, settings: MutatorSettings): number {
  switch (operator) {
    case 'EventWaitToSleep':
      return settings.delayMs;
    case 'BlockingSleep':
      return trailingNumber(replacement) ?? settings.delayMs;
    case 'FlattenBackoff':
      return Number(replacement.trim()) || settings.backoffDelayMs;
    default:
      return 0;
  }
}

/** The number literal closing the last call in `code`, e.g. 200 in `Atomics.wait(a, 0, 0, 200)`. */
function trailingNumber(code: string): number | undefined {
  const match = /[\s,(]([0-9][0-9_]*(?:\.[0-9]+)?)\s*\)\s*;?\s*$/.exec(code);
  return match ? Number(match[1].replaceAll('_', '')) : undefined;
}
