/** Counting a large text must let other callbacks run between batches. */
import { expect, it } from 'vitest';
import { countWords } from '../../src/words.js';
import { assertResponsive } from 'sleepmut/helpers';

it('counts words and yields to the event loop between batches', async () => {
  const text = Array.from({ length: 1000 }, () => 'alpha beta').join('\n');
  const count = await assertResponsive(() => countWords(text, 100), { minTurns: 9 });
  expect(count).toBe(2000);
});
