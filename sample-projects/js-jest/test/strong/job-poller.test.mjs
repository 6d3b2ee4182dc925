/** JobPoller and retryWithBackoff under jest's fake clock: the ready signal is held back, fetches and jobs must overlap, retry delays must double, and waiting must not block the event loop. */
import { EventEmitter } from 'node:events';
import { jest } from '@jest/globals';
import { assertOverlap, assertResponsive, trackConcurrency, trackSettled } from 'sleepmut/helpers';
import { JobPoller } from '../../src/job-poller.js';
import { retryWithBackoff } from '../../src/backoff.js';

/** Resolves with `value` after `ms` of (fake) time. */
const after = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** A call that rejects `failures` times, then resolves with `value`; records the (fake) time of every attempt. */
function flaky(failures, value) {
  const attemptTimes = [];
  const call = async () => {
    attemptTimes.push(Date.now());
    if (attemptTimes.length <= failures) throw new Error(`attempt ${attemptTimes.length} failed`);
    return value;
  };
  return { call, attemptTimes };
}

/** Emits `ready` when the test says so; each job takes `runMs` of (fake) time, or none at all. */
class FakeWorker extends EventEmitter {
  constructor({ runMs = 100 } = {}) {
    super();
    this.run = async (job) => (runMs ? after(runMs, `done:${job}`) : `done:${job}`);
  }
}

const instantQuota = (remaining) => ({ remaining: async () => remaining });
const instantQueue = (jobs) => ({ fetchJobs: async () => jobs });

beforeEach(() => {
  jest.useFakeTimers({ now: 0 });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('JobPoller', () => {
  it('does not start before the worker is ready, however long that takes', async () => {
    const worker = new FakeWorker();
    const poller = new JobPoller({ worker, queue: instantQueue([]), quota: instantQuota(0) });
    const starting = trackSettled(poller.start());

    await jest.advanceTimersByTimeAsync(10_000);
    expect(starting.settled).toBe(false);

    worker.emit('ready');
    await starting.promise;
    expect(poller.started).toBe(true);
  });

  it('fetches jobs and quota at the same time', async () => {
    const results = await assertOverlap(async (track) => {
      const poller = new JobPoller({
        worker: new FakeWorker({ runMs: 0 }),
        queue: { fetchJobs: track(() => after(100, ['a'])) },
        quota: { remaining: track(() => after(100, 1)) },
      });
      const polling = poller.pollOnce();
      await jest.advanceTimersByTimeAsync(100);
      return polling;
    });
    expect(results).toEqual(['done:a']);
  });

  it('runs the admitted jobs side by side, no more than the quota allows', async () => {
    const jobs = trackConcurrency();
    const worker = new FakeWorker();
    worker.run = jobs.track(worker.run);
    const poller = new JobPoller({ worker, queue: instantQueue(['a', 'b', 'c', 'd']), quota: instantQuota(3) });

    const polling = trackSettled(poller.pollOnce());
    await jest.advanceTimersByTimeAsync(100);

    expect(polling.settled).toBe(true);
    expect(await polling.promise).toEqual(['done:a', 'done:b', 'done:c']);
    expect(jobs.maxInFlight).toBe(3);
  });

  it('retries a failing fetch with doubling delays', async () => {
    const queue = flaky(3, ['a']);
    const poller = new JobPoller({ worker: new FakeWorker({ runMs: 0 }), queue: { fetchJobs: queue.call }, quota: instantQuota(1), baseDelayMs: 100 });

    const polling = poller.pollOnce();
    await jest.advanceTimersByTimeAsync(700);

    expect(await polling).toEqual(['done:a']);
    expect(queue.attemptTimes).toEqual([0, 100, 300, 700]);
  });
});

describe('retryWithBackoff', () => {
  it('waits between attempts without blocking the event loop', async () => {
    const { call } = flaky(2, 'ok');
    const result = await assertResponsive(
      async () => {
        const retrying = retryWithBackoff(call, { baseDelayMs: 100 });
        await jest.advanceTimersByTimeAsync(300);
        return retrying;
      },
      { maxBlockMs: 50 },
    );
    expect(result).toBe('ok');
  });

  it('gives up after the last retry with the last error', async () => {
    const { call, attemptTimes } = flaky(5, 'never');
    const retrying = retryWithBackoff(call, { retries: 2, baseDelayMs: 10 });
    const rejection = expect(retrying).rejects.toThrow('attempt 3 failed');
    await jest.advanceTimersByTimeAsync(30);

    await rejection;
    expect(attemptTimes).toEqual([0, 10, 30]);
  });
});
