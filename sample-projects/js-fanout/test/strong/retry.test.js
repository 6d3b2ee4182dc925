/** retry: the delays it asks for must grow exponentially up to the cap, and waiting must not block the thread. */
import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { retry } from '../../src/retry.js';

const failingTimes = (failures) => async (attempt) => {
  if (attempt < failures) throw new Error(`attempt ${attempt} failed`);
  return 'ok';
};

describe('retry', () => {
  it('doubles the delay per attempt up to maxTimeout', async () => {
    const delays = [];
    const result = await retry(failingTimes(4), { retries: 4, minTimeout: 10, maxTimeout: 50, delay: async (ms) => void delays.push(ms) });

    assert.equal(result, 'ok');
    assert.deepEqual(delays, [10, 20, 40, 50]);
  });

  it('waits on the clock without blocking the thread', async () => {
    const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const started = process.hrtime.bigint();
      const result = retry(failingTimes(1), { retries: 1, minTimeout: 200 });
      await clock.tickAsync(200);
      assert.equal(await result, 'ok');
      const realMs = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(realMs < 150, `retry blocked the thread for ${realMs} ms`);
    } finally {
      clock.uninstall();
    }
  });
});
