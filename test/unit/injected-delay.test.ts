import { describe, expect, it } from 'vitest';
import { injectedDelayMs } from '../../src/report/injected-delay.js';

const settings = { delayMs: 500, backoffDelayMs: 2000 };

describe('injectedDelayMs, one rule for both engines', () => {
  it.each([
    ['EventWaitToSleep', 'await new Promise(r => globalThis.setTimeout(r, 500))', 1, 500],
    ['BlockingSleep', 'globalThis.Atomics.wait(new globalThis.Int32Array(new globalThis.SharedArrayBuffer(4)), 0, 0, 250)', 1, 250],
    ['BlockingSleep', 'globalThis.Atomics.wait(new globalThis.Int32Array(new globalThis.SharedArrayBuffer(4)), 0, 0, globalThis.Number(ms) || 0)', 1, 500],
    ['BlockingSleep', "__import__('time').sleep(0.25)", 1000, 250],
    ['PollInsteadOfEvent', "while not ev.is_set(): await __import__('asyncio').sleep(0.2)", 1000, 200],
    ['FlattenBackoff', '100', 1, 100],
    ['FlattenBackoff', 'base', 1000, 2000],
    ['DropOffload', "decode(raw)", 1000, 0],
    ['SerializeConcurrency', '[await a(), await b()]', 1, 0],
  ] as const)('%s %s (unit %d ms) -> %d ms', (operator, replacement, unitMs, expected) => {
    expect(injectedDelayMs(operator, replacement, settings, unitMs)).toBe(expected);
  });
});
