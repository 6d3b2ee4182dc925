/** Hints: for a surviving timing mutant, the kind of test that kills it, phrased for the user's test framework. */

export type TestFramework = 'vitest' | 'jest' | 'mocha' | 'pytest' | 'unknown';

/** Maps a Stryker `testRunner` name (or the Python engine's runner) to the framework the hints speak of. */
export function detectTestFramework(testRunner: string | undefined): TestFramework {
  const known: readonly TestFramework[] = ['vitest', 'jest', 'mocha', 'pytest'];
  return known.find((framework) => testRunner?.toLowerCase().includes(framework)) ?? 'unknown';
}

/** How each JS framework spells the fake-timer calls the hints use. */
interface TimerApi {
  install: string;
  advance: string;
  spySetTimeout: string;
}

const timerApis: Record<Exclude<TestFramework, 'pytest'>, TimerApi> = {
  vitest: { install: 'vi.useFakeTimers()', advance: 'await vi.advanceTimersByTimeAsync(ms)', spySetTimeout: "vi.spyOn(globalThis, 'setTimeout')" },
  jest: { install: 'jest.useFakeTimers()', advance: 'await jest.advanceTimersByTimeAsync(ms)', spySetTimeout: "jest.spyOn(globalThis, 'setTimeout')" },
  mocha: {
    install: "const clock = FakeTimers.install() (@sinonjs/fake-timers)",
    advance: 'await clock.tickAsync(ms)',
    spySetTimeout: "sinon.spy(globalThis, 'setTimeout') after installing the fake clock",
  },
  unknown: { install: 'install fake timers', advance: 'advance them asynchronously by ms', spySetTimeout: 'spy on setTimeout' },
};

type HintWriter = (framework: TestFramework) => string;

const jsResponsive =
  "wrap the call in `await assertResponsive(() => op(), { maxBlockMs: 100 })` from 'sleepmut/helpers' (its heartbeat uses the real timers, so fake timers do not hide a block)";
const pyResponsive =
  'run the call inside `async with assert_responsive(max_block=0.1):` (or the `responsive` fixture) from sleepmut_pytest_helpers: a ticker task notices when the event loop is blocked';

const hintWriters: Record<string, HintWriter> = {
  EventWaitToSleep: (framework) =>
    framework === 'pytest'
      ? 'Hold the signal back: start the waiter as a task, let more than the injected delay pass without setting the event (await asyncio.sleep, or a fake clock), assert the task is not done; then set the event and assert it finishes.'
      : `Control time and hold the signal back: ${timerApis[framework].install}, start the waiting code, ${timerApis[framework].advance} past the injected delay without emitting the event, and assert the code has not proceeded; then emit it and assert it does.`,
  DropOffload: (framework) =>
    framework === 'pytest'
      ? `Assert the event loop stays responsive while the offloaded work runs: ${pyResponsive}. The mutant runs the work on the loop and blocks it.`
      : "Assert the event loop keeps running while the offloaded work runs: `await assertResponsive(() => op(), { minTurns: 1 })` from 'sleepmut/helpers' fails when the work ran synchronously, however fast (add `maxBlockMs` for heavy work). The mutant runs the work on the loop.",
  BlockingSleep: (framework) =>
    framework === 'pytest'
      ? `Assert the event loop stays responsive during the sleep: ${pyResponsive}; or start two sleepers with asyncio.gather and assert they interleave.`
      : `Assert the event loop stays responsive during the sleep: ${jsResponsive}; or, with ${timerApis[framework].install}, assert the call finishes only after ${timerApis[framework].advance} (a blocking wait ignores fake time).`,
  FlattenBackoff: (framework) =>
    framework === 'pytest'
      ? 'Record the delays the retry loop asks for: make the dependency fail a few times, monkeypatch the sleep it calls (asyncio.sleep, time.sleep, or an injected sleep) with a recorder, and assert the delays grow (e.g. [0.1, 0.2, 0.4]).'
      : `Record the delays the retry loop asks for: make the dependency fail a few times, ${timerApis[framework].install} and ${timerApis[framework].spySetTimeout} (or inject the sleep), and assert the recorded delays grow (e.g. [100, 200, 400]).`,
  SerializeConcurrency: (framework) =>
    framework === 'pytest'
      ? 'Assert that the operations overlap: wrap the awaited callables with `track_concurrency()` from sleepmut_pytest_helpers and assert `max_in_flight >= 2` (or that the total time is below the sum of the delays).'
      : "Assert that the operations overlap: hand the code tracked operations, e.g. `await assertOverlap((track) => loadAll(track(fetchOne)))` from 'sleepmut/helpers' (it fails unless at least 2 ran at once), or `trackConcurrency()` and check `maxInFlight`; under fake timers, assert that all finish after one delay.",
  PollInsteadOfEvent: () =>
    'Assert wake-up latency: set the event and assert the waiter resumes within a few milliseconds (e.g. `await asyncio.wait_for(task, 0.02)`); polling adds a latency floor.',
  NestedEventLoop: () =>
    `Call the code from inside a running event loop (an async test) and ${pyResponsive}; asyncio.run inside a loop either raises or blocks the outer loop.`,
};

/** Hints for a kind of site (catalog `siteKinds`), keyed `operator/kind`: they replace the operator's general hint. */
const siteHintWriters: Record<string, HintWriter> = {
  'FlattenBackoff/TTL jitter': (framework) =>
    `The mutant gives every entry the same lifetime, so they all expire (and refresh) at once. ${framework === 'pytest' ? 'Seed or monkeypatch the random source' : 'Stub Math.random'}, create several entries, and assert their expiry times differ and stay within base .. base + jitter.`,
  'FlattenBackoff/poll interval': (framework) =>
    `Record the intervals between polls (${framework === 'pytest' ? 'monkeypatch the sleep with a recorder' : `${timerApis[framework].install} and ${timerApis[framework].spySetTimeout}`}) while the condition stays false, and assert they grow.`,
  'EventWaitToSleep/drain wait': (framework) =>
    `Assert it waits for all the work: add work that finishes later than the injected delay (${framework === 'pytest' ? 'an asyncio.Event the test sets' : 'a promise the test resolves'}), assert the wait has not returned yet, then finish the work and assert it returns.`,
  'DropOffload/cooperative yield': (framework) =>
    framework === 'pytest'
      ? 'Assert other tasks progress during the loop: run a ticker task beside it and assert it ticked before the loop ended; without the yield nothing else runs until the end.'
      : "Assert other work progresses during the loop: `await assertResponsive(() => op(), { minTurns: 1 })` from 'sleepmut/helpers' fails when the loop never yields.",
  'DropOffload/CPU offload': (framework) =>
    `Give it an input large enough to take tens of milliseconds and ${framework === 'pytest' ? pyResponsive : jsResponsive}: the mutant computes on the event loop.`,
  'BlockingSleep/retry delay': (framework) =>
    framework === 'pytest'
      ? `Tests that stub asyncio.sleep do not see a blocking sleep (it bypasses the stub): assert the stub received the expected delays, and ${pyResponsive} while the retry waits.`
      : `Tests that stub the sleep helper do not see a blocking wait (it bypasses the stub): assert the stub received the expected delays, and ${jsResponsive} while the retry waits.`,
};

/** The hint for a surviving mutant of `operator` at a site of `kind` (catalog `siteKindOf`); the operator's general hint, or a generic one. */
export function hintFor(operator: string, framework: TestFramework, kind?: string): string {
  const writer = (kind && siteHintWriters[`${operator}/${kind}`]) || hintWriters[operator];
  return writer ? writer(framework) : 'Add a test that fails when this code takes longer or blocks the event loop.';
}
