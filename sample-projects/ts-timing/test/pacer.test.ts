/** pacedSend is checked for responsiveness with sleepmut/helpers (kills BlockingSleep); pacedLog only for its output (BlockingSleep survives). */
import { describe, expect, it } from 'vitest';
import { assertResponsive } from 'sleepmut/helpers';
import { pacedLog, pacedSend } from '../src/pacer.js';

describe('pacer', () => {
  it('sends every item without blocking the event loop', async () => {
    const sent: string[] = [];
    await assertResponsive(() => pacedSend(['x', 'y'], (item) => sent.push(item), 150), { maxBlockMs: 100 });
    expect(sent).toEqual(['x', 'y']);
  });

  it('logs every line', async () => {
    const logged: string[] = [];
    await pacedLog(['one', 'two'], (line) => logged.push(line));
    expect(logged).toEqual(['one', 'two']);
  });
});
