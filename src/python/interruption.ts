/**
 * How a `sleepmut run` ends early: SIGINT, SIGTERM, SIGHUP, or a closed output pipe (EPIPE). Every child process
 * group is killed and the sandbox removed (cleanup.ts), results of the mutants that finished are saved, one line says
 * why, and the exit code is 128 + the signal number (EPIPE: 141, as SIGPIPE would).
 */
import { runCleanup } from './cleanup.js';

export const interruptionExitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, EPIPE: 141 } as const;
export type InterruptionReason = keyof typeof interruptionExitCodes;

/** Saves what the run has so far; returns what it wrote, for the one-line message, or undefined when it wrote nothing. */
type Saver = (reason: InterruptionReason) => string | undefined;

let saver: Saver | undefined;

/** Registers the partial-results writer of the running phase (one at a time) and returns the function that unregisters it. */
export function saveOnInterruption(save: Saver): () => void {
  saver = save;
  return () => {
    if (saver === save) saver = undefined;
  };
}

/** Installs the handlers for the signals and for EPIPE on stdout/stderr; returns the function that removes them. */
export function handleInterruptions(): () => void {
  let stopping = false;
  const stop = (reason: InterruptionReason) => {
    if (stopping) return;
    stopping = true;
    runCleanup();
    let saved: string | undefined;
    try {
      saved = saver?.(reason);
    } catch (error) {
      saved = `partial results not written: ${(error as Error).message.split('\n')[0]}`;
    }
    const cause = reason === 'EPIPE' ? 'its output was closed (EPIPE)' : reason;
    try {
      process.stderr.write(`sleepmut: interrupted by ${cause}; workers stopped and sandbox removed${saved ? `; ${saved}` : ''}\n`);
    } catch {
      // stderr is the closed pipe.
    }
    process.exit(interruptionExitCodes[reason]);
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal as InterruptionReason);
  const onStreamError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stop('EPIPE');
    else throw error;
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  signals.forEach((signal) => process.on(signal, onSignal));
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  return () => {
    signals.forEach((signal) => process.off(signal, onSignal));
    process.stdout.off('error', onStreamError);
    process.stderr.off('error', onStreamError);
  };
}
