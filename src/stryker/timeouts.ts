/**
 * The files through which the reporter hands per-test timeouts to `sleepmut/vitest-setup` and `sleepmut/mocha-setup`
 * (a test that runs out of its budget fails at once, without a test-runner restart). The budgets themselves are the
 * shared verdict rule's (src/verdict/budget.ts).
 */

/** Written into Stryker's sandbox by the reporter, read by the vitest and mocha setups: `{ [mutantId]: testTimeoutMs }`. */
export const testTimeoutsFileName = '.sleepmut-test-timeouts.json';

/** Written into Stryker's sandbox by the vitest or mocha setup during the dry run: per-test timeouts will be applied. */
export const setupMarkerFileName = '.sleepmut-setup';
