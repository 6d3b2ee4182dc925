/** Session under a fake clock: a send issued before the connection is ready must wait for readiness, not for a while. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Connector } from '../../src/connector.js';
import { Session } from '../../src/session.js';
import { ScriptedTransport } from '../support/scripted-transport.js';
import { trackSettled } from 'sleepmut/helpers';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

it('holds a message back until the transport is ready', async () => {
  const transport = new ScriptedTransport();
  const sending = trackSettled(new Session(new Connector(transport)).send('hello'));

  await vi.advanceTimersByTimeAsync(10_000);
  expect(transport.written).toEqual([]);
  expect(sending.settled).toBe(false);

  transport.emit('ready');
  await sending.promise;
  expect(transport.written).toEqual(['hello']);
});
