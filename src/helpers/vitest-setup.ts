/**
 * sleepmut/vitest-setup: add it to Vitest's `setupFiles`. In a Stryker run with the `sleepmut` reporter, each test
 * gets the timeout sleepmut computed for the active timing mutant (baseline time + injected delay x hits + margin):
 * a mutant that hangs a test fails it in about a second, with no worker restart; a mutant that is merely
 * slower gets the time it needs. Outside such a run it changes nothing.
 */
import { inject, vi } from 'vitest';
import { markSetupInUse, testTimeoutOf } from './mutant-timeouts.js';

// Stryker's vitest runner provides these to every test file; they are undefined outside Stryker.
const provided = inject as unknown as (key: string) => unknown;
const testTimeout = provided('mode') === 'mutant' ? testTimeoutOf(String(provided('activeMutant'))) : undefined;

if (provided('mode') === 'dry-run') markSetupInUse();

if (testTimeout) vi.setConfig({ testTimeout });
else vi.resetConfig();
