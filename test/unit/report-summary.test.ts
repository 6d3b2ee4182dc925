/** The engine-neutral summary: counts per operator with timeouts apart, slowdown of survivors, hints, and the JSON schema. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { buildSummary, type MutantOutcome, type SummaryInput } from '../../src/report/summary.js';
import { renderSummary, unnoticedNote } from '../../src/report/table.js';
import { detectTestFramework, hintFor } from '../../src/report/hints.js';

const schema = JSON.parse(readFileSync(new URL('../../src/report/summary.schema.json', import.meta.url), 'utf8'));

function outcome(overrides: Partial<MutantOutcome>): MutantOutcome {
  return {
    id: '1',
    operator: 'EventWaitToSleep',
    file: 'src/a.ts',
    location: { start: { line: 3, column: 5 }, end: { line: 3, column: 20 } },
    original: "await once(em, 'x')",
    replacement: 'await new Promise(r => globalThis.setTimeout(r, 500))',
    status: 'Survived',
    killedBy: [],
    coveredBy: ['t1'],
    injectedDelayMs: 500,
    ...overrides,
  };
}

const input: SummaryInput = {
  engine: { name: 'stryker', version: '9.6.1' },
  testFramework: 'vitest',
  baseline: [
    { id: 't1', name: 'waits for ready', timeMs: 40 },
    { id: 't2', name: 'retries', timeMs: 10 },
  ],
  mutants: [
    outcome({ id: '1', runMs: 5100 }),
    outcome({ id: '2', runMs: 100 }),
    outcome({ id: '3', status: 'Timeout', timeoutMs: 1600 }),
    outcome({ id: '4', operator: 'FlattenBackoff', status: 'Killed', killedBy: ['t2'], coveredBy: ['t2'], runMs: 30, injectedDelayMs: 2000 }),
    outcome({ id: '5', operator: 'BlockingSleep', status: 'NoCoverage', coveredBy: [] }),
    outcome({ id: '6', operator: 'ConditionalExpression', status: 'Survived', runMs: 90 }),
  ],
};

describe('buildSummary', () => {
  const summary = buildSummary(input);

  it('counts per sleepmut operator, timeouts apart from kills, built-in mutators left out', () => {
    expect(summary.operators.map(({ operator, mutants, killed, timedOut, survived, noCoverage, score }) => [operator, mutants, killed, timedOut, survived, noCoverage, score])).toEqual([
      ['EventWaitToSleep', 3, 0, 1, 2, 0, 33.33],
      ['BlockingSleep', 1, 0, 0, 0, 1, 0],
      ['FlattenBackoff', 1, 1, 0, 0, 0, 100],
    ]);
    expect(summary.total).toMatchObject({ mutants: 5, killed: 1, timedOut: 1, survived: 2, noCoverage: 1, errors: 0, score: 40 });
  });

  it('measures the slowdown against the covering tests, less the runner overhead, and flags survivors slowed beyond the noise', () => {
    const byId = new Map(summary.mutants.map((mutant) => [mutant.id, mutant]));
    expect(summary.runOverheadMs).toBe(20);
    expect([byId.get('1')?.slowdownMs, byId.get('1')?.slowedUnnoticed]).toEqual([5040, true]);
    expect([byId.get('2')?.slowdownMs, byId.get('2')?.slowedUnnoticed]).toEqual([40, false]);
    expect(byId.get('4')?.slowdownMs).toBe(-30);
    expect(byId.get('3')?.slowdownMs).toBeNull();
    expect(byId.get('4')?.killedBy).toEqual(['retries']);
  });

  it('gives hints to survivors and uncovered mutants only', () => {
    expect(summary.mutants.map((mutant) => mutant.hint !== null)).toEqual([true, true, false, false, true]);
    expect(summary.mutants[0].hint).toContain('vi.useFakeTimers()');
  });

  it('matches its JSON schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(summary))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('renders the table and calls out survivors that slowed unnoticed', () => {
    const text = renderSummary(summary);
    expect(text).toMatch(/operator\s+\| mutants \| killed \| timed out \| survived \| no coverage \| errors \|\s+score/);
    expect(text).toMatch(/EventWaitToSleep\s+\|\s+3 \|\s+0 \|\s+1 \|\s+2 \|\s+0 \|\s+0 \|\s+33.33/);
    expect(text).toMatch(/total\s+\|\s+5 \|/);
    expect(text).toContain(`src/a.ts:3:5 EventWaitToSleep (Survived): tests ran 5040 ms slower, ${unnoticedNote}`);
  });
});

describe('test-framework timeouts', () => {
  it('count a kill by the framework\'s own test timeout as a timeout', () => {
    const killedByTimeout = outcome({ status: 'Killed', statusReason: 'Test timed out in 1505ms.', runMs: 1700 });
    const summary = buildSummary({ ...input, mutants: [killedByTimeout] });
    expect([summary.mutants[0].status, summary.mutants[0].slowdownMs, summary.total.timedOut, summary.total.killed]).toEqual(['Timeout', null, 1, 0]);
  });
});

describe('hints', () => {
  it('detects the framework from the test runner name', () => {
    expect(['vitest', 'jest', 'mocha', 'command', undefined].map(detectTestFramework)).toEqual(['vitest', 'jest', 'mocha', 'unknown', 'unknown']);
  });

  it('speaks the framework of the user', () => {
    expect(hintFor('EventWaitToSleep', 'jest')).toContain('jest.advanceTimersByTimeAsync');
    expect(hintFor('EventWaitToSleep', 'mocha')).toContain('clock.tickAsync');
    expect(hintFor('DropOffload', 'pytest')).toContain('assert_responsive');
    expect(hintFor('BlockingSleep', 'vitest')).toContain('assertResponsive');
    expect(hintFor('FlattenBackoff', 'vitest')).toContain('delays grow');
    expect(hintFor('SerializeConcurrency', 'jest')).toContain('assertOverlap');
    expect(hintFor('SerializeConcurrency', 'pytest')).toContain('track_concurrency');
  });
});
