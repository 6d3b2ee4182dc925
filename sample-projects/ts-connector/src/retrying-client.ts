/** A client that retries failed requests with capped exponential backoff plus random jitter. */

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  jitterMs: number;
}

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

export class RetryingClient<Request, Response> {
  constructor(
    private readonly send: (request: Request) => Promise<Response>,
    private readonly policy: RetryPolicy,
    private readonly pause: Sleep = sleep,
  ) {}

  async request(request: Request): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(request);
      } catch (error) {
        if (attempt + 1 >= this.policy.attempts) throw error;
        const delayMs = backoffDelay(attempt, this.policy) + Math.random() * this.policy.jitterMs;
        await this.pause(delayMs);
      }
    }
  }
}
