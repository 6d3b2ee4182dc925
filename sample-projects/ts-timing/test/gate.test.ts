/** passAt under fake timers that nobody advances (a sleep mutant hangs); whenOpen with the signal held back (kills the mutant). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gate, passAt, whenOpen } from '../src/gate.js';

afterEach(() => vi.useRealTimers());

describe('passAt', () => {
  it('stamps the fake time at which the gate opened', async () => {
    vi.useFakeTimers({ now: 1_000 });
    const gate = new Gate();
    const passed = passAt(gate);
    gate.open();
    expect(await passed).toBe(1_000);
  });
});

describe('whenOpen', () => {
  it('does not run the action before the gate opens, however long it takes', async () => {
    vi.useFakeTimers();
    const gate = new Gate();
    const action = vi.fn(() => 'ran');
    const result = whenOpen(gate, action);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(action).not.toHaveBeenCalled();
    gate.open();
    expect(await result).toBe('ran');
  });
});
