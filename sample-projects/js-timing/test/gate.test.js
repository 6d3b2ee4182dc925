/** passAt under fake timers that nobody advances: a sleep in place of the event wait hangs the test. */
import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { Gate, passAt } from '../src/gate.js';

describe('passAt', () => {
  let clock;

  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => {
    clock.uninstall();
  });

  it('stamps the fake time at which the gate opened', async () => {
    const gate = new Gate();
    const passed = passAt(gate);
    gate.open();
    assert.equal(await passed, 1_000);
  });
});
