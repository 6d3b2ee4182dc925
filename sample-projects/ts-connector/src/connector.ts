/** Connects a transport: waits for it to report ready, discovers peers, and connects many transports at once. */
import { once } from 'node:events';
import type { Transport } from './transport.js';

export interface Handshake {
  version: string;
  peers: string[];
}

export class Connector {
  connected = false;

  constructor(readonly transport: Transport) {}

  async connect(): Promise<void> {
    this.transport.open();
    await once(this.transport, 'ready');
    this.connected = true;
  }

  async discover(): Promise<string[]> {
    const peers: string[] = [];
    const collect = (peer: string) => peers.push(peer);
    this.transport.on('peer', collect);
    this.transport.announce();
    await new Promise((resolve) => this.transport.once('discovery-complete', resolve));
    this.transport.off('peer', collect);
    return peers.sort();
  }

  async handshake(): Promise<Handshake> {
    await this.connect();
    const [version, peers] = await Promise.all([this.transport.fetchVersion(), this.discover()]);
    return { version, peers };
  }
}

export async function connectAll(transports: readonly Transport[]): Promise<Connector[]> {
  const connectors = transports.map((transport) => new Connector(transport));
  await Promise.all(connectors.map((connector) => connector.connect()));
  return connectors;
}
