/**
 * sleepmut/vitest-setup: add it to Vitest's `setupFiles`. In a Stryker run with the `sleepmut` reporter, each test
 * gets the timeout sleepmut computed for the active timing mutant (baseline time + injected delay x hits + margin):
 * a mutant that hangs a test fails it in about a second and a half, with no worker restart; a mutant that is merely
 * slower gets the time it needs. Outside such a run it changes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject, vi } from 'vitest';
import { setupMarkerFileName, testTimeoutsFileName } from '../stryker/timeouts.js';

// Stryker's vitest runner provides these to every test file; they are undefined outside Stryker.
const provided = inject as unknown as (key: string) => unknown;
const timeoutsFile = path.resolve(testTimeoutsFileName);
const testTimeout = provided('mode') === 'mutant' && existsSync(timeoutsFile) ? (JSON.parse(readFileSync(timeoutsFile, 'utf8')) as Record<string, number>)[String(provided('activeMutant'))] : undefined;

// Tells the sleepmut reporter, which plans the timeouts after the dry run, that this file is in use.
if (provided('mode') === 'dry-run') writeFileSync(setupMarkerFileName, '');

if (testTimeout) vi.setConfig({ testTimeout });
else vi.resetConfig();
