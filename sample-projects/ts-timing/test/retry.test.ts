/** withRetry tested as retry helpers often are: the sleep is stubbed to keep the suite fast, and only the outcome is checked (BlockingSleep and FlattenBackoff survive; the blocking wait bypasses the stub and costs 3 s of real time). */
import { describe, expect, it, vi } from 'vitest';
import { withRetry } from '../src/retry.js';

describe('withRetry', () => {
  it('retries until the call succeeds', async () => {
    const call = vi.fn().mockRejectedValueOnce(new Error('down')).mockRejectedValueOnce(new Error('down')).mockResolvedValue('ok');
    const sleep = vi.fn(async () => undefined);
    expect(await withRetry(call, 3, 1000, sleep)).toBe('ok');
    expect(call).toHaveBeenCalledTimes(3);
  });
});
