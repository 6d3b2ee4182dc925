/** The shared verdict rule (src/verdict/budget.ts) and the summary's one slowdown figure: edge cases. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../mutators/settings.js';
import { addsTime, firstBudget, injectedDelayMs, nextBudget, slowOrHungBudgetMs, testBudget } from '../../src/verdict/budget.js';
import { buildSummary, type MutantOutcome } from '../../src/report/summary.js';
import { slowdownPhrase } from '../../src/report/table.js';
import { afterSlowOrHungRun, type MutantOutcome as PyOutcome } from '../../src/python/outcome.js';

const settings = defaultSettings;
const budget = (operator: string, baselineMs: number, hits: number) => firstBudget({ operator, baselineMs, hits, timeoutFactor: 1.5, settings });

describe('what a mutant injects, from the catalog', () => {
  it.each([
    ['EventWaitToSleep', 500],
    ['PollInsteadOfEvent', 200],
    ['FlattenBackoff', 0],
    ['SerializeConcurrency', 0],
    ['DropOffload', 0],
    ['NestedEventLoop', 0],
    ['BlockingSleep', undefined],
    ['ConditionalExpression', 0],
  ])('%s injects %s ms per hit', (operator, expected) => {
    expect(injectedDelayMs(operator, settings)).toBe(expected);
  });

  it('follows the delayMs setting, never a replacement text', () => {
    expect(injectedDelayMs('EventWaitToSleep', { ...settings, delayMs: 750 })).toBe(750);
  });

  it('says which operators add time by themselves', () => {
    expect(['EventWaitToSleep', 'BlockingSleep', 'PollInsteadOfEvent', 'SerializeConcurrency'].every(addsTime)).toBe(true);
    expect(['FlattenBackoff', 'DropOffload', 'NestedEventLoop', 'ConditionalExpression'].some(addsTime)).toBe(false);
  });
});

describe('the time budget', () => {
  it('is baseline x factor + hits x (injected + timer slip) + margin, and not final', () => {
    expect(budget('EventWaitToSleep', 100, 3)).toEqual({ budgetMs: 150 + 3 * 550 + 1000, marginMs: 1000, final: false });
  });

  it('charges a constant-factor FlattenBackoff nothing per hit (was 2000 ms per hit: 41 s against a 0.7 s dry run)', () => {
    expect(budget('FlattenBackoff', 700, 10).budgetMs).toBe(1050 + 500 + 1000);
  });

  it('allows 2 s per hit where the added time is unknown (BlockingSleep: as long as the sleep it replaces)', () => {
    expect(budget('BlockingSleep', 100, 2).budgetMs).toBe(150 + 2 * 2050 + 1000);
  });

  it('re-runs once with 4 x the expected time + the margin + 5 s, and no more', () => {
    const first = budget('EventWaitToSleep', 0, 1);
    const second = nextBudget(first);
    expect(second).toEqual({ budgetMs: 1000 + 4 * 550 + 5000, marginMs: 1000, final: true });
    expect(slowOrHungBudgetMs(first)).toBe(second!.budgetMs);
    expect(nextBudget(second!)).toBeUndefined();
  });

  it('takes the engine margin when given', () => {
    expect(firstBudget({ operator: 'DropOffload', baselineMs: 0, hits: 0, timeoutFactor: 1.5, settings, marginMs: 3000 }).budgetMs).toBe(3000);
  });

  it('has no zero-baseline, zero-hit budget below the margin', () => {
    expect(budget('SerializeConcurrency', 0, 0).budgetMs).toBe(1000);
  });

  it("gives one test inside a running runner 500 ms + half its baseline as margin: a 3 ms test's hang ends after 1,057 ms (was 1,556)", () => {
    const ofTest = (baselineMs: number) => testBudget({ operator: 'EventWaitToSleep', baselineMs, hits: 1, timeoutFactor: 1.5, settings });
    expect(ofTest(3)).toEqual({ budgetMs: 5 + 550 + 500 + 2, marginMs: 502, final: false });
    // From a 1 s baseline on the margin is as large as a run's, and it grows with the baseline: a long test is stretched more.
    expect(ofTest(1000).budgetMs).toBe(budget('EventWaitToSleep', 1000, 1).budgetMs);
    expect(ofTest(4000).budgetMs).toBe(6000 + 550 + 500 + 2000);
  });
});

describe('the slow-or-hung re-run decides the verdict', () => {
  const first: PyOutcome = { status: 'Timeout', statusReason: 'pytest-timeout stopped t', killedBy: ['t'], testsCompleted: 0, durationMs: 2100, testMs: 0, timeoutMs: 2000 };
  const rerun = (status: PyOutcome['status'], statusReason: string): PyOutcome => ({ status, statusReason, killedBy: [], testsCompleted: 1, durationMs: 4600, testMs: 4500, timeoutMs: 18_000 });

  it('a run that passes given time is Survived: slow, not hung', () => {
    const outcome = afterSlowOrHungRun(first, rerun('Survived', '1 covering test(s) passed'));
    expect(outcome).toMatchObject({ status: 'Survived', durationMs: 4600, timeoutMs: 18_000 });
    expect(outcome.statusReason).toBe('ran out of its first budget (2000 ms); re-run with 18000 ms: 1 covering test(s) passed, so slow, not hung');
  });

  it('a run that times out again is Timeout: hung', () => {
    expect(afterSlowOrHungRun(first, rerun('Timeout', 'killed by the watchdog')).statusReason).toMatch(/still not done, so hung/);
  });

  it('a run that fails a test given time is Killed', () => {
    expect(afterSlowOrHungRun(first, rerun('Killed', 't: assert 1 == 2')).status).toBe('Killed');
  });
});

describe('one slowdown figure', () => {
  const outcome = (overrides: Partial<MutantOutcome>): MutantOutcome => ({
    id: '1',
    operator: 'EventWaitToSleep',
    file: 'a.py',
    location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    original: 'x',
    replacement: 'y',
    status: 'Survived',
    killedBy: [],
    coveredBy: ['t1'],
    injectedDelayMs: 500,
    ...overrides,
  });
  const summarize = (mutant: MutantOutcome, baselineMs = 40) =>
    buildSummary({ engine: { name: 'e', version: '1' }, testFramework: 'pytest', mutants: [mutant], baseline: [{ id: 't1', name: 't1', timeMs: baselineMs }] }).mutants[0];

  it('is the time in the covering tests minus their baseline when the engine measured it, whatever the run cost', () => {
    expect(summarize(outcome({ runMs: 900, testsMs: 495 })).slowdownMs).toBe(455);
  });

  it('flags a slowdown above the noise for an operator that adds time (455 ms for a 500 ms sleep was not flagged before)', () => {
    const mutant = summarize(outcome({ runMs: 900, testsMs: 495 }));
    expect(mutant.slowedUnnoticed).toBe(true);
    expect(slowdownPhrase(mutant)).toBe('tests ran 455 ms slower, tests noticed nothing although time passed');
  });

  it('never flags an operator that adds no time (runner overhead after a flattened backoff)', () => {
    expect(summarize(outcome({ operator: 'FlattenBackoff', injectedDelayMs: 0, runMs: 1000, testsMs: 433 })).slowedUnnoticed).toBe(false);
  });

  it('does not flag a slowdown within the noise: 100 ms, or a quarter of a long baseline', () => {
    expect(summarize(outcome({ testsMs: 130 })).slowedUnnoticed).toBe(false);
    expect(summarize(outcome({ testsMs: 2000 + 400 }), 2000).slowedUnnoticed).toBe(false);
    expect(summarize(outcome({ testsMs: 2000 + 600 }), 2000).slowedUnnoticed).toBe(true);
  });

  it('says "faster" for a negative slowdown', () => {
    expect(slowdownPhrase(summarize(outcome({ operator: 'FlattenBackoff', testsMs: 10 })))).toBe('tests ran 30 ms faster');
  });

  it('has no slowdown for a timeout, but keeps its run time and budget', () => {
    expect(summarize(outcome({ status: 'Timeout', runMs: 20_700, timeoutMs: 18_000 }))).toMatchObject({ slowdownMs: null, runMs: 20_700, timeoutMs: 18_000 });
  });
});

describe('hints by what the site is', () => {
  it.each([
    ['FlattenBackoff', 'self.ttl * random.random()', 'app/cache.py', 'TTL jitter', /same lifetime/],
    ['FlattenBackoff', 'base * 2 ** attempt', 'app/client.py', 'retry backoff', /delays the retry loop asks for/],
    ['EventWaitToSleep', 'await queue.join()', 'app/worker.py', 'drain wait', /waits for all the work/],
    ['EventWaitToSleep', 'await self.ready.wait()', 'app/client.py', 'readiness wait', /Hold the signal back/],
    ['DropOffload', 'await asyncio.to_thread(hashlib.sha256, data)', 'app/store.py', 'CPU offload', /input large enough/],
    ['BlockingSleep', 'await asyncio.sleep(delay)', 'app/retry.py', 'retry delay', /bypasses the stub/],
    ['SerializeConcurrency', 'await asyncio.gather(a(), b())', 'app/x.py', null, /overlap/],
  ])('%s at `%s` is a %s site', (operator, original, file, site, hint) => {
    const mutant = buildSummary({
      engine: { name: 'e', version: '1' },
      testFramework: 'pytest',
      baseline: [],
      mutants: [{ id: '1', operator, file, location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, original, replacement: 'x', status: 'Survived', killedBy: [], coveredBy: [], injectedDelayMs: 0 }],
    }).mutants[0];
    expect(mutant.site).toBe(site);
    expect(mutant.hint).toMatch(hint);
  });
});
