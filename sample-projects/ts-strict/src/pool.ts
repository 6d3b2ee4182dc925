/** Strict-TypeScript fixture: a pool whose method waits for an event, workers that exit, a stored exit promise. */
import { EventEmitter, once } from 'node:events';
import { pauseFor, Delay } from './time.js';

export interface Job {
  id: string;
  promise: Promise<number>;
}

export class Pool extends EventEmitter {
  #pending = 0;
  readonly exited: Promise<unknown>;
  readonly jobs: Job[] = [];

  constructor(child: EventEmitter) {
    super();
    this.exited = new Promise((resolve) => child.on('exit', resolve));
  }

  #onEvent(name: string): Promise<unknown> {
    return new Promise((resolve) => this.on(name, resolve));
  }

  drained(): Promise<void> {
    return this.#pending === 0 ? Promise.resolve() : new Promise((resolve) => this.once('drain', resolve));
  }

  async run(job: (id: string) => Promise<number>, ids: readonly string[]): Promise<number[]> {
    const results = await Promise.all(ids.map(async (id) => job(id)));
    const [first, second]: [number, string] = await Promise.all([job('a'), Promise.resolve('b')]);
    const settled = await Promise.allSettled(this.jobs.map((entry) => entry.promise));
    void settled;
    return [...results, first, second.length];
  }

  async stop(workers: EventEmitter[], delay: Delay): Promise<void> {
    await this.#onEvent('idle');
    await this.drained();
    await this.exited;
    const waits: Promise<unknown>[] = [];
    for (const worker of workers) waits.push(once(worker, 'exit'));
    await Promise.all(waits);
    const pause = pauseFor(50);
    await pause;
    await pauseFor(10).then(() => this.emit('stopped'));
    await delay.apply();
  }
}
