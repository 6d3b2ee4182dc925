/** Retries a flaky call with a doubling delay; callers (and tests) may pass their own sleep. */
import { setTimeout as realSleep } from 'node:timers/promises';

export type Sleep = (ms: number) => Promise<unknown>;

export async function withRetry<T>(call: () => Promise<T>, attempts = 3, baseMs = 1000, sleep: Sleep = realSleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt + 1 >= attempts) throw error;
      await sleep(baseMs * 2 ** attempt);
    }
  }
}
