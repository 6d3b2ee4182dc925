/**
 * assertResponsive: fails when the event loop was blocked for longer than `maxBlockMs` while a call ran. Its heartbeat
 * uses the real timer and clock functions, captured when this module loads: fake timers (Vitest, Jest, Sinon) patch
 * globals, `node:timers` and `perf_hooks` once installed, and must neither stop the heartbeat nor freeze its clock.
 */
import timers from 'node:timers';
import { performance } from 'node:perf_hooks';

const real = { setInterval: timers.setInterval, clearInterval: timers.clearInterval, now: performance.now.bind(performance) };

export interface ResponsiveOptions {
  /** Longest tolerated block of the event loop, in ms (default 100). */
  maxBlockMs?: number;
}

export class EventLoopBlockedError extends Error {
  constructor(
    readonly longestBlockMs: number,
    readonly maxBlockMs: number,
  ) {
    super(`the event loop was blocked for ${Math.round(longestBlockMs)} ms (allowed: ${maxBlockMs} ms): something ran synchronously that should have been awaited or offloaded`);
    this.name = 'EventLoopBlockedError';
  }
}

/** Runs `fn` (sync or async), returns its result, and throws EventLoopBlockedError if the loop stalled meanwhile. */
export async function assertResponsive<T>(fn: () => T | Promise<T>, { maxBlockMs = 100 }: ResponsiveOptions = {}): Promise<T> {
  const heartbeat = startHeartbeat(Math.max(1, Math.min(10, maxBlockMs / 4)));
  let result: T;
  try {
    result = await fn();
  } finally {
    heartbeat.stop();
  }
  if (heartbeat.longestBlockMs() > maxBlockMs) throw new EventLoopBlockedError(heartbeat.longestBlockMs(), maxBlockMs);
  return result;
}

interface Heartbeat {
  stop(): void;
  longestBlockMs(): number;
}

/** Beats every `intervalMs`; a block is any gap between beats (or up to stop) beyond the interval. */
function startHeartbeat(intervalMs: number): Heartbeat {
  let lastBeat = real.now();
  let longestGap = 0;
  const beat = () => {
    const now = real.now();
    longestGap = Math.max(longestGap, now - lastBeat);
    lastBeat = now;
  };
  const timer = real.setInterval(beat, intervalMs);
  return {
    stop() {
      beat();
      real.clearInterval(timer);
    },
    longestBlockMs: () => Math.max(0, longestGap - intervalMs),
  };
}
