/** RetryingClient: the delays it asks for are recorded and must grow, carry jitter, and be waited for without blocking. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetryingClient, type RetryPolicy } from '../../src/retrying-client.js';

/** Captured before any fake clock is installed: fake timers replace `process.hrtime` too. */
const realClock = process.hrtime.bigint;

const policy: RetryPolicy = { attempts: 5, baseDelayMs: 10, maxDelayMs: 50, jitterMs: 8 };

function failingTimes(failures: number) {
  let calls = 0;
  return async (request: string) => {
    if (++calls <= failures) throw new Error(`unavailable (call ${calls})`);
    return `${request}: ok`;
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('RetryingClient delays', () => {
  it('doubles the delay per attempt up to the cap', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const delays: number[] = [];
    const client = new RetryingClient(failingTimes(4), policy, async (ms) => void delays.push(ms));

    await expect(client.request('ping')).resolves.toBe('ping: ok');
    expect(delays).toEqual([10, 20, 40, 50]);
  });

  it('adds up to jitterMs of random jitter to each delay', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const delays: number[] = [];
    const client = new RetryingClient(failingTimes(2), policy, async (ms) => void delays.push(ms));

    await client.request('ping');
    expect(delays).toEqual([14, 24]);
  });
});

describe('RetryingClient waiting', () => {
  it('waits on the clock without blocking the thread', async () => {
    vi.useFakeTimers();
    const client = new RetryingClient(failingTimes(1), { ...policy, baseDelayMs: 200, jitterMs: 0 });
    const started = realClock();

    const response = client.request('ping');
    await vi.advanceTimersByTimeAsync(200);
    await expect(response).resolves.toBe('ping: ok');
    const realMs = Number(realClock() - started) / 1e6;
    expect(realMs).toBeLessThan(150);
  });
});
