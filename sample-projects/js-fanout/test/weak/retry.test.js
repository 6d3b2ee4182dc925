/** retry tests as an assistant typically writes them: it eventually succeeds or gives up. */
import assert from 'node:assert/strict';
import { retry } from '../../src/retry.js';

describe('retry', () => {
  it('returns the result after transient failures', async () => {
    let calls = 0;
    const result = await retry(async () => (++calls < 3 ? Promise.reject(new Error('flaky')) : 'ok'), { minTimeout: 1 });
    assert.equal(result, 'ok');
    assert.equal(calls, 3);
  });

  it('gives up after the configured retries', async () => {
    await assert.rejects(retry(async () => Promise.reject(new Error('down')), { retries: 1, minTimeout: 1 }), /down/);
  });
});
