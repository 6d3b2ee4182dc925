/** Fans a query out to every source once the latch opens, retries failing sources, and merges what they return. */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { retry } from './retry.js';
import { sleep } from './sleep.js';

export class Aggregator {
  constructor({ sources, latch, health, delay = sleep }) {
    this.sources = sources;
    this.latch = latch;
    this.health = health;
    this.delay = delay;
  }

  async collect(query) {
    await this.latch.wait();
    const answers = await Promise.allSettled(
      this.sources.map((source) => retry(() => source.fetch(query), { retries: 2, minTimeout: 10, factor: 2, delay: this.delay })),
    );
    return this.merge(answers);
  }

  /** Merges the fulfilled answers, yielding between sources so a large merge cannot starve other work. */
  async merge(answers) {
    const items = [];
    for (const answer of answers) {
      if (answer.status === 'fulfilled') items.push(...answer.value);
      await yieldToLoop();
    }
    return items.sort();
  }

  async snapshot(query) {
    const [items, healthy] = await Promise.all([this.collect(query), this.health.check()]);
    return { items, healthy };
  }
}
