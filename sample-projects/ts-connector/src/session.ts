/** A session queues nothing: every send waits until its connector is ready, then writes. */
import type { Connector } from './connector.js';

export class Session {
  private readonly ready: Promise<void>;

  constructor(private readonly connector: Connector) {
    this.ready = connector.connect();
  }

  async send(message: string): Promise<void> {
    await this.ready;
    await this.connector.transport.write(message);
  }
}
