/** trackConcurrency / assertOverlap: count how many wrapped async operations are in flight at once. */

export interface ConcurrencyTracker {
  /** Wraps an async function so each call counts as in flight until its promise settles. */
  track<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  readonly inFlight: number;
  readonly maxInFlight: number;
}

export class NoOverlapError extends Error {
  constructor(
    readonly maxInFlight: number,
    readonly atLeast: number,
  ) {
    super(`at most ${maxInFlight} operation(s) ran at once, expected at least ${atLeast} to overlap: the work ran one after another`);
    this.name = 'NoOverlapError';
  }
}

export function trackConcurrency(): ConcurrencyTracker {
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    track: (fn) => async (...args) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await fn(...args);
      } finally {
        inFlight -= 1;
      }
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/**
 * Runs `scenario` with a `track` wrapper for the operations it hands to the code under test, then throws
 * NoOverlapError unless at least `atLeast` (default 2) tracked operations were in flight at the same time.
 */
export async function assertOverlap<T>(scenario: (track: ConcurrencyTracker['track']) => Promise<T>, { atLeast = 2 }: { atLeast?: number } = {}): Promise<T> {
  const tracker = trackConcurrency();
  const result = await scenario(tracker.track);
  if (tracker.maxInFlight < atLeast) throw new NoOverlapError(tracker.maxInFlight, atLeast);
  return result;
}
