/** Files of a directory are analysed concurrently: a max-in-flight counter must reach the file count. */
import { expect, it } from 'vitest';
import { trackConcurrency } from 'sleepmut/helpers';
import { indexDirectory } from '../../src/indexer.js';
import { makeCorpus, sampleFiles } from '../support/corpus.js';

it('analyses all files at the same time', async () => {
  const tracker = trackConcurrency();
  const analyze = tracker.track(async (text: string) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return text.length;
  });

  const entries = await indexDirectory(makeCorpus(sampleFiles), analyze);
  expect(entries).toEqual([
    { file: 'a.txt', words: 13 },
    { file: 'b.txt', words: 9 },
    { file: 'c.txt', words: 3 },
  ]);
  expect(tracker.maxInFlight).toBe(3);
});
