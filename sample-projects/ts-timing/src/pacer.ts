/** Sends items with a pause between them, so a slow receiver is not flooded. */
import { setTimeout as sleep } from 'node:timers/promises';

export async function pacedSend(items: readonly string[], send: (item: string) => void, gapMs: number): Promise<void> {
  for (const item of items) {
    send(item);
    await sleep(gapMs);
  }
}

export async function pacedLog(lines: readonly string[], log: (line: string) => void): Promise<void> {
  for (const line of lines) {
    log(line);
    await sleep(20);
  }
}
