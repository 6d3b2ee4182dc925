/** A minimal job queue running at most `concurrency` jobs at once, with an idle signal. */

export type Job = () => Promise<void>;

export class WorkQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency = 2) {}

  add(job: Job): void {
    this.waiting.push(job);
    this.startNext();
  }

  /** Resolves once no job is running or waiting. */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.running === 0 && this.waiting.length === 0;
  }

  private startNext(): void {
    const job = this.running < this.concurrency ? this.waiting.shift() : undefined;
    if (!job) return this.notifyIfIdle();
    this.running++;
    job().finally(() => {
      this.running--;
      this.startNext();
    });
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
