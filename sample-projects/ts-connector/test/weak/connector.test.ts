/** Connector tests as an assistant typically writes them: real timers, a short sleep to let events happen, values only. */
import { describe, expect, it } from 'vitest';
import { Connector, connectAll } from '../../src/connector.js';
import { ScriptedTransport } from '../support/scripted-transport.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Connector', () => {
  it('connects to the transport', async () => {
    const connector = new Connector(new ScriptedTransport({ readyAfterMs: 5 }));
    await connector.connect();
    expect(connector.connected).toBe(true);
  });

  it('discovers peers', async () => {
    const transport = new ScriptedTransport({ peers: ['b', 'a'] });
    const discovering = new Connector(transport).discover();
    await sleep(10);
    transport.completeDiscovery();
    expect(await discovering).toEqual(['a', 'b']);
  });

  it('performs a handshake', async () => {
    const transport = new ScriptedTransport({ readyAfterMs: 1, versionAfterMs: 5, discoveryAfterMs: 5, peers: ['a'] });
    const result = await new Connector(transport).handshake();
    expect(result.version).toBe('2.4.1');
    expect(result.peers).toEqual(['a']);
  });

  it('connects all transports', async () => {
    const connectors = await connectAll([new ScriptedTransport({ readyAfterMs: 5 }), new ScriptedTransport({ readyAfterMs: 5 })]);
    expect(connectors.every((connector) => connector.connected)).toBe(true);
  });
});
