/** The JS test helpers must pass on well-behaved code and fail on the defects they exist to catch, with and without fake timers. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertOverlap, assertResponsive, EventLoopBlockedError, NoOverlapError, trackConcurrency, trackSettled } from '../../src/helpers/index.js';

const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('assertResponsive', () => {
  afterEach(() => vi.useRealTimers());

  it('passes an async call that awaits, and returns its result', async () => {
    await expect(assertResponsive(async () => (await pause(60), 'done'), { maxBlockMs: 50 })).resolves.toBe('done');
  });

  it('fails a call that blocks the event loop after an await', async () => {
    const blocking = async () => {
      await pause(5);
      blockFor(200);
    };
    await expect(assertResponsive(blocking, { maxBlockMs: 50 })).rejects.toBeInstanceOf(EventLoopBlockedError);
  });

  it('fails a call that blocks before returning its promise', async () => {
    const error = await assertResponsive(() => blockFor(200), { maxBlockMs: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EventLoopBlockedError);
    expect((error as EventLoopBlockedError).longestBlockMs).toBeGreaterThanOrEqual(150);
  });

  it('sees a block under fake timers', async () => {
    vi.useFakeTimers();
    await expect(assertResponsive(() => blockFor(200), { maxBlockMs: 50 })).rejects.toBeInstanceOf(EventLoopBlockedError);
  });

  it('passes a call under fake timers that waits on a fake timer', async () => {
    vi.useFakeTimers();
    const waiting = assertResponsive(() => pause(10_000), { maxBlockMs: 50 });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('with minTurns, passes truly asynchronous I/O and fails the same work done synchronously', async () => {
    const file = fileURLToPath(import.meta.url);
    await expect(assertResponsive(() => readFile(file), { minTurns: 1 })).resolves.toBeInstanceOf(Buffer);
    await expect(assertResponsive(async () => readFileSync(file), { minTurns: 1 })).rejects.toThrow(/got 0 event-loop turn/);
  });

  it('counts turns under fake timers', async () => {
    vi.useFakeTimers();
    await expect(assertResponsive(() => readFile(fileURLToPath(import.meta.url)), { minTurns: 1 })).resolves.toBeInstanceOf(Buffer);
  });

  it('rethrows the error of the call itself', async () => {
    await expect(assertResponsive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('trackConcurrency and assertOverlap', () => {
  const work = async (value: number) => (await pause(20), value);

  it('counts operations in flight at once', async () => {
    const tracker = trackConcurrency();
    const tracked = tracker.track(work);
    await Promise.all([tracked(1), tracked(2), tracked(3)]);
    expect([tracker.maxInFlight, tracker.inFlight]).toEqual([3, 0]);
  });

  it('passes concurrent work and returns the scenario result', async () => {
    const result = await assertOverlap((track) => Promise.all([1, 2].map(track(work))));
    expect(result).toEqual([1, 2]);
  });

  it('fails work that runs one after another', async () => {
    const sequential = async (track: ReturnType<typeof trackConcurrency>['track']) => {
      const tracked = track(work);
      return [await tracked(1), await tracked(2)];
    };
    await expect(assertOverlap(sequential)).rejects.toBeInstanceOf(NoOverlapError);
  });
});

describe('trackSettled', () => {
  afterEach(() => vi.useRealTimers());

  it('reports a promise as pending until its signal arrives, under fake timers', async () => {
    vi.useFakeTimers();
    let signal!: () => void;
    const waiting = trackSettled(new Promise<void>((resolve) => (signal = resolve)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(waiting.settled).toBe(false);
    signal();
    await waiting.promise;
    expect(waiting.settled).toBe(true);
  });

  it('counts a rejection as settled without an unhandled rejection', async () => {
    const failing = trackSettled(Promise.reject(new Error('boom')));
    await expect(failing.promise).rejects.toThrow('boom');
    expect(failing.settled).toBe(true);
  });
});
