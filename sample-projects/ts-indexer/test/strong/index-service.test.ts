/** IndexService: flush waits for the queue however long indexing takes, and pacing between directories never blocks the loop. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, expect, it, vi } from 'vitest';
import { IndexService } from '../../src/index-service.js';
import type { IndexEntry } from '../../src/indexer.js';
import { makeCorpus } from '../support/corpus.js';
import { assertResponsive, trackSettled } from 'sleepmut/helpers';

const readIndex = (file: string) => JSON.parse(gunzipSync(readFileSync(file)).toString());

afterEach(() => {
  vi.useRealTimers();
});

it('flushes only after the running indexing finished, however long it takes', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const output = path.join(makeCorpus({}), 'index.gz');
  let finishIndexing = (_entries: IndexEntry[]) => {};
  const service = new IndexService({ output, pauseMs: 0, index: () => new Promise((resolve) => (finishIndexing = resolve)) });
  service.schedule('/data');
  const flushing = trackSettled(service.flush());

  await vi.advanceTimersByTimeAsync(10_000);
  expect(flushing.settled).toBe(false);

  finishIndexing([{ file: 'a.txt', words: 3 }]);
  await flushing.promise;
  expect(readIndex(output)).toEqual({ '/data': [{ file: 'a.txt', words: 3 }] });
});

it('keeps the event loop running while pacing between directories', async () => {
  const service = new IndexService({ output: '', pauseMs: 20, index: async () => [] });
  await assertResponsive(() => service.scheduleAll(['/a', '/b']), { minTurns: 1 });
  expect([...service.entries.keys()]).toEqual(['/a', '/b']);
});
