/** Test doubles whose latency runs on the global setTimeout (fake or real), logging when each call starts and ends. */
export class ScriptedSource {
  constructor(name, { items = [name], latencyMs = 0, failures = 0, log = [] } = {}) {
    Object.assign(this, { name, items, latencyMs, failures, log });
    this.calls = 0;
  }

  fetch() {
    const call = ++this.calls;
    this.log.push(`${this.name}:start`);
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        this.log.push(`${this.name}:end`);
        if (call <= this.failures) reject(new Error(`${this.name} unavailable`));
        else resolve(this.items);
      }, this.latencyMs),
    );
  }
}

export class ScriptedHealth {
  constructor({ latencyMs = 0, log = [] } = {}) {
    Object.assign(this, { latencyMs, log });
  }

  check() {
    this.log.push('health:start');
    return new Promise((resolve) => setTimeout(() => resolve(true), this.latencyMs));
  }
}
