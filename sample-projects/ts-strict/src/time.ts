/** Strict-TypeScript fixture: sleep helpers, one with a duration only its definition sees. */
export function pauseFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Delay {
  constructor(private readonly delay: number) {}
  apply(): Promise<unknown> {
    return new Promise((resolve) => setTimeout(resolve, this.delay));
  }
}
