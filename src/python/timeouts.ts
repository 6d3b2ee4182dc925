/** Per-mutant time limits: baseline time of the covering tests times a factor, plus the injected delay per hit, plus a margin. */
import { maxTimerMs } from '../bounds.js';
import type { PythonRunConfig } from './config.js';
import type { Interpreter } from './interpreter.js';

/** Extra time the Node watchdog allows past the limit, so pytest-timeout can end the test cleanly first. */
export const watchdogGraceMs = 2000;

/** The watchdog adds its grace and the worker's last resort to a limit: every timer stays below 2^31 ms, which Node would turn into 1 ms. */
const longestMutantTimeoutMs = maxTimerMs - 60_000;

export function mutantTimeoutMs(baselineMs: number, hits: number, config: Pick<PythonRunConfig, 'timeoutFactor' | 'delayMs' | 'timeoutMs'>): number {
  return Math.min(Math.round(baselineMs * config.timeoutFactor + config.delayMs * hits + config.timeoutMs), longestMutantTimeoutMs);
}

/** pytest-timeout (signal method: interrupts sleeps and hung awaits) per test, when the interpreter has it. */
export function pytestTimeoutArgs(interpreter: Interpreter, timeoutMs: number): string[] {
  return interpreter.hasPytestTimeout ? ['--timeout', String(Math.ceil(timeoutMs / 1000)), '--timeout-method', 'signal'] : [];
}
