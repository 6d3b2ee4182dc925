/** Settlement tracking: lets a test ask whether code has proceeded yet, without awaiting it (hold the signal back, then assert). */

export interface SettledTracker<T> {
  readonly promise: Promise<T>;
  /** True once `promise` has resolved or rejected. */
  readonly settled: boolean;
}

/** Watches `promise`; read `.settled` after advancing (fake) time to assert the code is still waiting for its signal. */
export function trackSettled<T>(promise: Promise<T>): SettledTracker<T> {
  const tracker = { promise, settled: false };
  const markSettled = () => {
    tracker.settled = true;
  };
  promise.then(markSettled, markSettled);
  return tracker;
}
