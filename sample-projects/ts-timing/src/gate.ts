/** A gate that callers wait on until it opens. */
import { EventEmitter, once } from 'node:events';

export class Gate extends EventEmitter {
  isOpen = false;

  open(): void {
    this.isOpen = true;
    this.emit('open');
  }
}

/** Waits for the gate and stamps the moment it passed. */
export async function passAt(gate: Gate): Promise<number> {
  await once(gate, 'open');
  return Date.now();
}

/** Waits for the gate, then runs `action`. */
export async function whenOpen<T>(gate: Gate, action: () => T): Promise<T> {
  await once(gate, 'open');
  return action();
}
