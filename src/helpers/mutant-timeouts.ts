/** What the test-runner setups (`sleepmut/vitest-setup`, `sleepmut/mocha-setup`) share: the per-test timeout the reporter computed for the active mutant, and the marker that tells the reporter a setup is in use. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setupMarkerFileName, testTimeoutsFileName } from '../stryker/timeouts.js';

let timeoutsByMutant: Record<string, number> | undefined;

/**
 * The per-test timeout for a mutant's run, undefined without one (not a timing mutant, or no sleepmut reporter).
 * Read from Stryker's sandbox (the working directory) on first use, in a mutant run: the reporter writes the file before the first one.
 */
export function testTimeoutOf(mutantId: string): number | undefined {
  timeoutsByMutant ??= readTimeouts(path.resolve(testTimeoutsFileName));
  return timeoutsByMutant[mutantId];
}

function readTimeouts(file: string): Record<string, number> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
}

/** Call in Stryker's dry run: the reporter, which plans the timeouts after it, then counts on per-test timeouts. */
export function markSetupInUse(): void {
  writeFileSync(setupMarkerFileName, '');
}
