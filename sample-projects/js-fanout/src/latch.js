/** A one-shot readiness latch: `wait()` resolves once `open()` was called. */
export class ReadinessLatch {
  #open;
  #opened = new Promise((resolve) => (this.#open = resolve));

  open() {
    this.#open();
  }

  wait() {
    return this.#opened;
  }
}
