/** Counting a large text must let other callbacks run between batches. */
import { expect, it } from 'vitest';
import { countWords } from '../../src/words.js';
import { eventLoopTurnsDuring } from '../support/event-loop.js';

it('counts words and yields to the event loop between batches', async () => {
  const text = Array.from({ length: 1000 }, () => 'alpha beta').join('\n');
  const { result, turns } = await eventLoopTurnsDuring(() => countWords(text, 100));
  expect(result).toBe(2000);
  expect(turns).toBeGreaterThanOrEqual(9);
});
