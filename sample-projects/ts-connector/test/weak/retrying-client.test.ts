/** RetryingClient tests as an assistant typically writes them: the request eventually succeeds or fails, delays are not looked at. */
import { describe, expect, it, vi } from 'vitest';
import { RetryingClient, backoffDelay, type RetryPolicy } from '../../src/retrying-client.js';

const policy: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 10, jitterMs: 1 };

describe('RetryingClient', () => {
  it('retries until the request succeeds', async () => {
    const send = vi.fn().mockRejectedValueOnce(new Error('down')).mockRejectedValueOnce(new Error('down')).mockResolvedValue('ok');
    const client = new RetryingClient(send, policy);
    expect(await client.request('ping')).toBe('ok');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up after the configured attempts', async () => {
    const send = vi.fn().mockRejectedValue(new Error('down'));
    await expect(new RetryingClient(send, policy).request('ping')).rejects.toThrow('down');
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('computes the first backoff delay', () => {
    expect(backoffDelay(0, { ...policy, baseDelayMs: 100, maxDelayMs: 1000 })).toBe(100);
  });
});
