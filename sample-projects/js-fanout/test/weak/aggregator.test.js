/** Aggregator tests as an assistant typically writes them: real timers, a sleep before opening the latch, values only. */
import assert from 'node:assert/strict';
import { Aggregator } from '../../src/aggregator.js';
import { ReadinessLatch } from '../../src/latch.js';
import { sleep } from '../../src/sleep.js';
import { ScriptedHealth, ScriptedSource } from '../support/scripted.js';

describe('Aggregator', () => {
  it('collects items from all sources once ready', async () => {
    const latch = new ReadinessLatch();
    const aggregator = new Aggregator({ sources: [new ScriptedSource('b'), new ScriptedSource('a')], latch });
    const collecting = aggregator.collect('q');
    await sleep(10);
    latch.open();
    assert.deepEqual(await collecting, ['a', 'b']);
  });

  it('retries a failing source', async () => {
    const latch = new ReadinessLatch();
    latch.open();
    const source = new ScriptedSource('a', { failures: 1 });
    const items = await new Aggregator({ sources: [source], latch }).collect('q');
    assert.deepEqual(items, ['a']);
    assert.equal(source.calls, 2);
  });

  it('returns a snapshot with health', async () => {
    const latch = new ReadinessLatch();
    latch.open();
    const aggregator = new Aggregator({ sources: [new ScriptedSource('a', { latencyMs: 5 })], latch, health: new ScriptedHealth({ latencyMs: 5 }) });
    assert.deepEqual(await aggregator.snapshot('q'), { items: ['a'], healthy: true });
  });
});
