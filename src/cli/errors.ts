/** User-facing errors: one line, a non-zero exit code, no stack trace. */

export class UsageError extends Error {
  readonly exitCode = 2;
}

export class SleepmutError extends Error {
  readonly exitCode: number = 1;

  /** `details`: lines quoted from another tool (pytest's own error lines), printed indented under the one-line message. */
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
}

/** Prints the error as one line (plus a SleepmutError's quoted details) and returns the exit code; unexpected errors keep their message but lose the stack. */
export function reportError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof SleepmutError && error.details ? `${error.details}\n` : '';
  process.stderr.write(`${/^sleepmut[: ]/.test(message) ? '' : 'sleepmut: '}${message.split('\n')[0]}\n${details}`);
  return error instanceof UsageError || error instanceof SleepmutError ? error.exitCode : 1;
}
