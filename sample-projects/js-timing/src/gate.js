/** A gate that callers wait on until it opens. */
import { EventEmitter, once } from 'node:events';

export class Gate extends EventEmitter {
  open() {
    this.emit('open');
  }
}

/** Waits for the gate and stamps the moment it passed. */
export async function passAt(gate) {
  await once(gate, 'open');
  return Date.now();
}
