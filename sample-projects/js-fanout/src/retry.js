/** Retries an async task with capped exponential backoff: `minTimeout * factor ** attempt`, at most `maxTimeout`. */
import { sleep } from './sleep.js';

export async function retry(task, { retries = 3, minTimeout = 100, maxTimeout = 10_000, factor = 2, delay = sleep } = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= retries) throw error;
      await delay(Math.min(maxTimeout, minTimeout * factor ** attempt));
    }
  }
}
