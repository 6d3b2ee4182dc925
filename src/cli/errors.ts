/** User-facing errors: one line, a non-zero exit code, no stack trace. */

export class UsageError extends Error {
  readonly exitCode = 2;
}

export class SleepmutError extends Error {
  readonly exitCode: number = 1;
}

/** Prints the error as one line and returns the exit code; unexpected errors keep their message but lose the stack. */
export function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${message.startsWith('sleepmut') ? '' : 'sleepmut: '}${message.split('\n')[0]}\n`);
  return error instanceof UsageError || error instanceof SleepmutError ? error.exitCode : 1;
}
