/** AI-style tests: real timers, the happy path, and only the values that come back. */
const { EventEmitter } = require('node:events');
const { JobPoller } = require('../../src/job-poller');
const { retryWithBackoff } = require('../../src/backoff');

function makeWorker() {
  const worker = new EventEmitter();
  worker.run = async (job) => `done:${job}`;
  return worker;
}

describe('JobPoller', () => {
  it('starts when the worker is ready', async () => {
    const worker = makeWorker();
    const poller = new JobPoller({ worker, queue: { fetchJobs: async () => [] }, quota: { remaining: async () => 0 } });
    setTimeout(() => worker.emit('ready'), 10);
    await poller.start();
    expect(poller.started).toBe(true);
  });

  it('runs the jobs from the queue', async () => {
    const poller = new JobPoller({ worker: makeWorker(), queue: { fetchJobs: async () => ['a', 'b'] }, quota: { remaining: async () => 5 } });
    expect(await poller.pollOnce()).toEqual(['done:a', 'done:b']);
  });
});

describe('retryWithBackoff', () => {
  it('returns the result after a failure', async () => {
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls === 1) throw new Error('flaky');
        return 'ok';
      },
      { baseDelayMs: 10 },
    );
    expect(result).toBe('ok');
  });
});
