/** Aggregator under a fake clock: the latch is held back, sources must overlap, retry delays must grow, merging must yield. */
import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { Aggregator } from '../../src/aggregator.js';
import { ReadinessLatch } from '../../src/latch.js';
import { ScriptedHealth, ScriptedSource } from '../support/scripted.js';
import { assertResponsive } from 'sleepmut/helpers';

describe('Aggregator', () => {
  let clock;

  beforeEach(() => {
    clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => {
    clock.uninstall();
  });

  /** Advances the fake clock step by step (letting real callbacks run in between) until `promise` settles. */
  async function settle(promise) {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let elapsed = 0; !settled && elapsed < 5_000; elapsed += 10) await clock.tickAsync(10);
    if (!settled) throw new Error('still pending after 5 s of fake time');
    return promise;
  }

  function openAggregator(options) {
    const latch = new ReadinessLatch();
    latch.open();
    return new Aggregator({ latch, health: new ScriptedHealth(), ...options });
  }

  it('queries no source before the latch opens, however long that takes', async () => {
    const latch = new ReadinessLatch();
    const source = new ScriptedSource('a');
    const collecting = new Aggregator({ sources: [source], latch }).collect('q');

    await clock.tickAsync(10_000);
    assert.equal(source.calls, 0);

    latch.open();
    assert.deepEqual(await settle(collecting), ['a']);
  });

  it('queries every source at the same time', async () => {
    const log = [];
    const sources = ['a', 'b', 'c'].map((name) => new ScriptedSource(name, { latencyMs: 50, log }));
    const items = await settle(openAggregator({ sources }).collect('q'));

    assert.deepEqual(items, ['a', 'b', 'c']);
    assert.deepEqual(log.slice(0, 3), ['a:start', 'b:start', 'c:start']);
  });

  it('waits exponentially longer between retries of a failing source', async () => {
    const delays = [];
    const source = new ScriptedSource('a', { failures: 2 });
    const items = await settle(openAggregator({ sources: [source], delay: async (ms) => void delays.push(ms) }).collect('q'));

    assert.deepEqual(items, ['a']);
    assert.deepEqual(delays, [10, 20]);
  });

  it('checks health while the sources are being queried', async () => {
    const log = [];
    const aggregator = openAggregator({ sources: [new ScriptedSource('a', { latencyMs: 100, log })], health: new ScriptedHealth({ latencyMs: 100, log }) });
    const snapshot = await settle(aggregator.snapshot('q'));

    assert.deepEqual(snapshot, { items: ['a'], healthy: true });
    assert.ok(log.indexOf('health:start') < log.indexOf('a:end'), log.join(' '));
  });

  it('lets other callbacks run while merging', async () => {
    const answers = ['a', 'b', 'c'].map((name) => ({ status: 'fulfilled', value: [name] }));
    const merged = await assertResponsive(() => openAggregator({ sources: [] }).merge(answers), { minTurns: 2 });

    assert.deepEqual(merged, ['a', 'b', 'c']);
  });
});
