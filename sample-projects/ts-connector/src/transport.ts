/** The transport a connector drives: it emits `ready` once open, `peer` per discovered peer, then `discovery-complete`. */
import type { EventEmitter } from 'node:events';

export interface Transport extends EventEmitter {
  open(): void;
  announce(): void;
  fetchVersion(): Promise<string>;
  write(message: string): Promise<void>;
}
