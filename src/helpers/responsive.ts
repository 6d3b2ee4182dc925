/**
 * assertResponsive: fails when the event loop was blocked for longer than `maxBlockMs` while a call ran, or (with
 * `minTurns`) when other callbacks got fewer event-loop turns than that. It uses the real timer and clock functions,
 * captured when this module loads: fake timers (Vitest, Jest, Sinon) patch globals, `node:timers` and `perf_hooks`
 * once installed, and must neither stop the heartbeat nor freeze its clock.
 */
import timers from 'node:timers';
import { performance } from 'node:perf_hooks';

const real = {
  setInterval: timers.setInterval,
  clearInterval: timers.clearInterval,
  setImmediate: timers.setImmediate,
  now: performance.now.bind(performance),
};

export interface ResponsiveOptions {
  /** Longest tolerated block of the event loop, in ms (default 100). */
  maxBlockMs?: number;
  /**
   * Fewest event-loop turns other callbacks must get while the call runs (default 0). `minTurns: 1` catches work that
   * should be asynchronous but ran synchronously too fast to measure as a block (a small file read, a quick hash).
   */
  minTurns?: number;
}

export class EventLoopBlockedError extends Error {
  constructor(
    message: string,
    readonly longestBlockMs: number,
    readonly turns: number,
  ) {
    super(`${message}: something ran synchronously that should have been awaited or offloaded`);
    this.name = 'EventLoopBlockedError';
  }
}

/** Runs `fn` (sync or async), returns its result, and throws EventLoopBlockedError if the loop stalled meanwhile. */
export async function assertResponsive<T>(fn: () => T | Promise<T>, { maxBlockMs = 100, minTurns = 0 }: ResponsiveOptions = {}): Promise<T> {
  const heartbeat = startHeartbeat(Math.max(1, Math.min(10, maxBlockMs / 4)));
  const turnCounter = minTurns > 0 ? startTurnCounter() : undefined;
  let result: T;
  try {
    result = await fn();
  } finally {
    heartbeat.stop();
    turnCounter?.stop();
  }
  const [blockMs, turns] = [heartbeat.longestBlockMs(), turnCounter?.turns() ?? 0];
  if (blockMs > maxBlockMs) throw new EventLoopBlockedError(`the event loop was blocked for ${Math.round(blockMs)} ms (allowed: ${maxBlockMs} ms)`, blockMs, turns);
  if (turns < minTurns) throw new EventLoopBlockedError(`other callbacks got ${turns} event-loop turn(s) during the call (expected at least ${minTurns})`, blockMs, turns);
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

/** Counts loop iterations with a self-renewing setImmediate: none pass while work runs synchronously. */
function startTurnCounter(): { stop(): void; turns(): number } {
  let turns = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    turns++;
    real.setImmediate(turn);
  };
  real.setImmediate(turn);
  return {
    stop: () => (running = false),
    turns: () => turns,
  };
}
