/**
 * Sane ranges for every numeric option: CLI flags, [tool.sleepmut], sleepmut.config.json and the Stryker options
 * schema all check against these. Timers must stay below 2^31 ms: Node turns a longer timer into a 1 ms one, which
 * would score every mutant as a Timeout or inject a 1 ms "delay".
 */

/** The longest timer Node honours. */
export const maxTimerMs = 2 ** 31 - 1;

export interface Range {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly unit?: string;
}

const hour = 3_600_000;

export const optionRanges = {
  delayMs: { min: 1, max: hour, integer: true, unit: 'milliseconds' },
  backoffDelayMs: { min: 1, max: hour, integer: true, unit: 'milliseconds' },
  timeoutMs: { min: 0, max: hour, integer: true, unit: 'milliseconds' },
  baselineTimeoutMs: { min: 1000, max: 24 * hour, integer: true, unit: 'milliseconds' },
  timeoutFactor: { min: 1, max: 100, integer: false },
  concurrency: { min: 1, max: 256, integer: true },
} as const satisfies Record<string, Range>;

export type RangedOption = keyof typeof optionRanges;

export function inRange(value: unknown, range: Range): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (!range.integer || Number.isInteger(value)) && value >= range.min && value <= range.max;
}

/** "an integer from 1 to 3600000 (milliseconds)" */
export function describeRange(range: Range): string {
  return `${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}${range.unit ? ` (${range.unit})` : ''}`;
}

/** A computed time limit as a timer Node honours: never negative, never past `maxTimerMs`. */
export function timerMs(ms: number): number {
  return Math.min(Math.max(0, Math.round(ms)), maxTimerMs);
}
