/** Runs jobs one at a time on a worker that announces each completion with a 'done' event. */
import { EventEmitter, once } from 'node:events';

export class Worker extends EventEmitter {
  readonly finished: string[] = [];

  submit(job: string): void {
    setImmediate(() => {
      this.finished.push(job);
      this.emit('done', job);
    });
  }
}

export async function runAll(worker: Worker, jobs: readonly string[]): Promise<string[]> {
  for (const job of jobs) {
    worker.submit(job);
    await once(worker, 'done');
  }
  return [...worker.finished];
}
