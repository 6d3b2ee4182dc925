/** A transport whose events fire on a script: after given delays (on whatever clock is installed), or only when the test emits them. */
import { EventEmitter } from 'node:events';
import type { Transport } from '../../src/transport.js';

export interface Script {
  /** Emit `ready` this long after `open()`; undefined: only when the test emits it. */
  readyAfterMs?: number;
  /** Emit the peers and `discovery-complete` this long after `announce()`; undefined: only when the test emits them. */
  discoveryAfterMs?: number;
  versionAfterMs?: number;
  peers?: string[];
}

export class ScriptedTransport extends EventEmitter implements Transport {
  readonly written: string[] = [];

  constructor(private readonly script: Script = {}) {
    super();
  }

  open(): void {
    const { readyAfterMs } = this.script;
    if (readyAfterMs !== undefined) setTimeout(() => this.emit('ready'), readyAfterMs);
  }

  announce(): void {
    const { discoveryAfterMs } = this.script;
    if (discoveryAfterMs !== undefined) setTimeout(() => this.completeDiscovery(), discoveryAfterMs);
  }

  completeDiscovery(): void {
    for (const peer of this.script.peers ?? []) this.emit('peer', peer);
    this.emit('discovery-complete');
  }

  fetchVersion(): Promise<string> {
    return new Promise((resolve) => setTimeout(() => resolve('2.4.1'), this.script.versionAfterMs ?? 0));
  }

  async write(message: string): Promise<void> {
    this.written.push(message);
  }
}
