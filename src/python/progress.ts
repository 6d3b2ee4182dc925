/** The progress line on stderr while mutants run: redrawn in place on a terminal, at most every few seconds otherwise. */
import type { MutantOutcome } from './outcome.js';

const quietIntervalMs = 3000;

export class ProgressLine {
  private tested = 0;
  private detected = 0;
  private survived = 0;
  private lastDrawn = 0;
  private readonly started = Date.now();
  private readonly interactive = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly enabled: boolean,
  ) {}

  record(outcome: MutantOutcome): void {
    this.tested++;
    if (outcome.status === 'Killed' || outcome.status === 'Timeout') this.detected++;
    if (outcome.status === 'Survived') this.survived++;
    if (this.enabled && (this.interactive || Date.now() - this.lastDrawn >= quietIntervalMs || this.tested === this.total)) this.draw();
  }

  finish(): void {
    if (this.enabled && this.interactive && this.tested > 0) process.stderr.write('\n');
  }

  private draw(): void {
    this.lastDrawn = Date.now();
    const elapsed = (Date.now() - this.started) / 1000;
    const remaining = this.tested === 0 ? 0 : (elapsed / this.tested) * (this.total - this.tested);
    const line = `sleepmut: ${this.tested}/${this.total} mutants tested (${this.detected} detected, ${this.survived} survived), ${elapsed.toFixed(0)} s elapsed, ~${remaining.toFixed(0)} s left`;
    process.stderr.write(this.interactive ? `\r${line}\x1b[K` : `${line}\n`);
  }
}

/** While a long step without per-mutant results runs (the baseline), a line every few seconds says it is alive and how long it may take. */
export async function reportWhileRunning<T>(work: Promise<T>, what: string, limitMs: number, enabled: boolean): Promise<T> {
  if (!enabled) return work;
  const started = Date.now();
  const everyMs = Math.min(10_000, Math.max(1000, Math.floor(limitMs / 3)));
  const timer = setInterval(() => process.stderr.write(`sleepmut: ${what} still running, ${Math.round((Date.now() - started) / 1000)} s elapsed (limit ${Math.round(limitMs / 1000)} s)\n`), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
