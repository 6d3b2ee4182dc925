/**
 * sleepmut/mocha-setup: add it to Mocha's `require` (`.mocharc`, or `mochaOptions.require` in Stryker's config). In a
 * Stryker run with the `sleepmut` reporter, each test gets the timeout sleepmut computed for the active timing mutant
 * (Stryker's mocha runner otherwise turns Mocha's timeouts off): a mutant that hangs a test fails it in about a
 * second, with no test-runner restart. Outside such a run it changes nothing.
 */
import { markSetupInUse, testTimeoutOf } from './mutant-timeouts.js';

interface MochaTest {
  timeout(): number;
  timeout(ms: number): unknown;
}

/** Stryker's instrumentation context (`INSTRUMENTER_CONSTANTS.NAMESPACE`): its mocha runner creates it before loading this file. */
interface StrykerContext {
  activeMutant?: string;
}

const strykerContext = (): StrykerContext | undefined => (globalThis as { __stryker__?: StrykerContext }).__stryker__;

/** Each test's own timeout: Stryker keeps Mocha's tests across runs, so a mutant's timeout is undone in the next run. */
const ownTimeouts = new WeakMap<MochaTest, number>();

/** Mocha's root hooks (it picks them up from a `require`d module); `beforeAll` runs once per run, so it marks Stryker's dry run. */
export const mochaHooks = {
  beforeAll(): void {
    const context = strykerContext();
    if (context && context.activeMutant === undefined) markSetupInUse();
  },
  beforeEach(this: { currentTest?: MochaTest }): void {
    const test = this.currentTest;
    if (!test) return;
    const own = ownTimeouts.get(test) ?? test.timeout();
    ownTimeouts.set(test, own);
    const activeMutant = strykerContext()?.activeMutant;
    test.timeout((activeMutant === undefined ? undefined : testTimeoutOf(activeMutant)) ?? own);
  },
};
