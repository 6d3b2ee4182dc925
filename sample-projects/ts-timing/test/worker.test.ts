/** Checks results only: an event wait replaced by a 500 ms sleep still passes, just slower (6 jobs per test). */
import { describe, expect, it } from 'vitest';
import { runAll, Worker } from '../src/worker.js';

const jobs = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('runAll', () => {
  it('runs every job in order', async () => {
    expect(await runAll(new Worker(), jobs)).toEqual(jobs);
  });

  it('runs a second batch in order', async () => {
    expect(await runAll(new Worker(), [...jobs].reverse())).toEqual([...jobs].reverse());
  });

  it('runs a third batch', async () => {
    expect(await runAll(new Worker(), jobs)).toHaveLength(6);
  });
});
