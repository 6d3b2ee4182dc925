/** Per-mutant time limits: baseline time of the covering tests times a factor, plus the injected delay per hit, plus a margin. */
import type { PythonRunConfig } from './config.js';
import type { Interpreter } from './interpreter.js';

/** Extra time the Node watchdog allows past the limit, so pytest-timeout can end the test cleanly first. */
export const watchdogGraceMs = 2000;

export function mutantTimeoutMs(baselineMs: number, hits: number, config: Pick<PythonRunConfig, 'timeoutFactor' | 'delayMs' | 'timeoutMs'>): number {
  return Math.round(baselineMs * config.timeoutFactor + config.delayMs * hits + config.timeoutMs);
}

/** pytest-timeout (signal method: interrupts sleeps and hung awaits) per test, when the interpreter has it. */
export function pytestTimeoutArgs(interpreter: Interpreter, timeoutMs: number): string[] {
  return interpreter.hasPytestTimeout ? ['--timeout', String(Math.ceil(timeoutMs / 1000)), '--timeout-method', 'signal'] : [];
}
