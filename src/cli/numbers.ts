/** Numeric command-line values: checked against the option's range with one line, and negative numbers read as values, not flags. */
import { describeRange, inRange, type Range } from '../bounds.js';
import { UsageError } from './errors.js';

/** `--flag -5` becomes `--flag=-5`, so the range check names the problem instead of the parser calling it ambiguous. */
export function joinNegativeValues(args: readonly string[], flags: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const next = args[index + 1];
    if (flags.includes(args[index]) && next !== undefined && /^-[\d.]/.test(next)) joined.push(`${args[index]}=${args[++index]}`);
    else joined.push(args[index]);
  }
  return joined;
}

export function numberInRange(text: string | undefined, flag: string, range: Range, command: string): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!inRange(value, range)) throw new UsageError(`${command}: ${flag} must be ${describeRange(range)}, got '${text}'`);
  return value;
}
