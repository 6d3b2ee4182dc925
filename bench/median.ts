/** The median the benchmarks report: the middle value (the upper one of an even count), leaving the input unsorted. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
