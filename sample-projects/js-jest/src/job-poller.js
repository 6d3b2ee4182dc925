/** Polls a worker for jobs: waits for its `ready` event, fetches jobs (with retries) and quota at once, and runs the jobs that fit the quota side by side. */
const { retryWithBackoff } = require('./backoff');

class JobPoller {
  /** `worker` is an EventEmitter that emits `ready` and runs jobs; `queue.fetchJobs()` is flaky; `quota.remaining()` is how many jobs may run. */
  constructor({ worker, queue, quota, retries = 3, baseDelayMs = 100 }) {
    Object.assign(this, { worker, queue, quota, retries, baseDelayMs });
  }

  async start() {
    await new Promise((resolve) => this.worker.once('ready', resolve));
    this.started = true;
  }

  /** One poll: returns the results of the jobs it ran. */
  async pollOnce() {
    const [jobs, remaining] = await Promise.all([this.fetchJobs(), this.quota.remaining()]);
    const admitted = jobs.slice(0, remaining);
    return Promise.all(admitted.map((job) => this.worker.run(job)));
  }

  fetchJobs() {
    return retryWithBackoff(() => this.queue.fetchJobs(), { retries: this.retries, baseDelayMs: this.baseDelayMs });
  }
}

module.exports = { JobPoller };
