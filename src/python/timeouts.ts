/** How the Python engine enforces a mutant's time budget (the budget itself is src/verdict's): pytest-timeout per test, and a Node-side watchdog. */
import type { Interpreter } from './interpreter.js';

/** Extra time the Node watchdog allows past the limit, so pytest-timeout can end the test cleanly first. */
export const watchdogGraceMs = 2000;

/** pytest-timeout (signal method: interrupts sleeps and hung awaits) per test, when the interpreter has it. */
export function pytestTimeoutArgs(interpreter: Interpreter, timeoutMs: number): string[] {
  return interpreter.hasPytestTimeout ? ['--timeout', String(Math.ceil(timeoutMs / 1000)), '--timeout-method', 'signal'] : [];
}
