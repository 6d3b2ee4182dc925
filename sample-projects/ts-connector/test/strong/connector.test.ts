/** Connector under a fake clock: signals are held back far longer than any plausible sleep, and nothing may proceed early. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connector, connectAll } from '../../src/connector.js';
import { ScriptedTransport } from '../support/scripted-transport.js';
import { trackSettled } from 'sleepmut/helpers';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Connector.connect', () => {
  it('waits for the ready event however late it comes', async () => {
    const transport = new ScriptedTransport();
    const connector = new Connector(transport);
    const connecting = trackSettled(connector.connect());

    await vi.advanceTimersByTimeAsync(10_000);
    expect(connecting.settled).toBe(false);
    expect(connector.connected).toBe(false);

    transport.emit('ready');
    await connecting.promise;
    expect(connector.connected).toBe(true);
  });
});

describe('Connector.discover', () => {
  it('returns only when discovery completes, with every announced peer', async () => {
    const transport = new ScriptedTransport({ peers: ['b', 'a'] });
    const discovering = trackSettled(new Connector(transport).discover());

    await vi.advanceTimersByTimeAsync(10_000);
    expect(discovering.settled).toBe(false);

    transport.completeDiscovery();
    await expect(discovering.promise).resolves.toEqual(['a', 'b']);
  });
});

describe('Connector.handshake', () => {
  it('fetches the version and discovers peers at the same time', async () => {
    const transport = new ScriptedTransport({ readyAfterMs: 0, versionAfterMs: 100, discoveryAfterMs: 100, peers: ['a'] });
    const handshaking = trackSettled(new Connector(transport).handshake());

    await vi.advanceTimersByTimeAsync(100);
    expect(handshaking.settled).toBe(true);
    await expect(handshaking.promise).resolves.toEqual({ version: '2.4.1', peers: ['a'] });
  });
});

describe('connectAll', () => {
  it('opens every transport before any of them is ready', async () => {
    const transports = [1, 2, 3].map(() => new ScriptedTransport({ readyAfterMs: 50 }));
    let opening = 0;
    let maxOpening = 0;
    for (const transport of transports) {
      transport.on('ready', () => opening--);
      const open = transport.open.bind(transport);
      transport.open = () => {
        maxOpening = Math.max(maxOpening, ++opening);
        open();
      };
    }
    const connecting = trackSettled(connectAll(transports));

    await vi.advanceTimersByTimeAsync(50);
    expect(maxOpening).toBe(3);
    expect(connecting.settled).toBe(true);
  });
});
