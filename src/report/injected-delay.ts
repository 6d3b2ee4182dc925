/** The delay a timing mutant adds each time its site runs, read from its operator and replacement; both engines use it. */
import type { MutatorSettings } from '../../mutators/settings.js';

/** Milliseconds per unit of the replacement's numbers: JS timers count in ms, Python sleeps in seconds. */
export type DelayUnitMs = 1 | 1000;

/**
 * An upper bound: EventWaitToSleep sleeps `delayMs`; BlockingSleep blocks for the original sleep's duration (its
 * literal, else `delayMs`); PollInsteadOfEvent adds up to one poll interval; FlattenBackoff waits its fixed delay;
 * the other operators add no fixed delay.
 */
export function injectedDelayMs(operator: string, replacement: string, settings: MutatorSettings, unitMs: DelayUnitMs): number {
  switch (operator) {
    case 'EventWaitToSleep':
      return settings.delayMs;
    case 'BlockingSleep':
      return inMs(trailingNumber(replacement), unitMs) ?? settings.delayMs;
    case 'PollInsteadOfEvent':
      return inMs(trailingNumber(replacement), unitMs) ?? 0;
    case 'FlattenBackoff':
      return inMs(Number(replacement.trim()) || undefined, unitMs) ?? settings.backoffDelayMs;
    default:
      return 0;
  }
}

function inMs(value: number | undefined, unitMs: DelayUnitMs): number | undefined {
  return value === undefined ? undefined : value * unitMs;
}

/** The number literal that is the last argument of the last call in `code`: 200 in `Atomics.wait(a, 0, 0, 200)`, 0.2 in `sleep(0.2)`, none in `f(Number(ms) || 0)`. */
function trailingNumber(code: string): number | undefined {
  const match = /[,(]\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*\)\s*;?\s*$/.exec(code);
  return match ? Number(match[1].replaceAll('_', '')) : undefined;
}
