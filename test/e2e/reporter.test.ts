/**
 * The `sleepmut` reporter on real Stryker (9.6 on Node 20, 10.1 on Node 24) and sample-projects/ts-timing: a merely
 * slower mutant survives with its slowdown instead of timing out, a hung mutant costs at most 2 s beyond a normal run, and the table,
 * summary.json and Stryker's own mutation.json agree. Each major runs the sample with and without the reporter.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { packSleepmut, prepareStrykerInstall, runStryker, type StrykerInstall, type StrykerMajor, type StrykerRun } from './support/stryker.js';
import type { Summary, SummaryMutant } from '../../src/report/summary.js';
import { missingReporterHint } from '../../src/stryker/reporter-hint.js';

const sample = 'ts-timing';
const schema = JSON.parse(readFileSync(new URL('../../src/report/summary.schema.json', import.meta.url), 'utf8'));

/** A reporter that only measures each mutant's wall-clock run (as the sleepmut reporter does) and changes nothing. */
const timingProbe = `
import { writeFileSync } from 'node:fs';
const started = new Map();
const runs = {};
class TimingProbe {
  onMutationTestingPlanReady({ mutantPlans }) {
    for (const plan of mutantPlans.filter((candidate) => candidate.runOptions)) {
      let timeout = plan.runOptions.timeout;
      const get = () => (started.set(plan.mutant.id, performance.now()), timeout);
      Object.defineProperty(plan.runOptions, 'timeout', { enumerable: true, configurable: true, get, set: (value) => (timeout = value) });
    }
  }
  onMutantTested(result) {
    runs[result.id] = { line: result.location.start.line, file: result.fileName, status: result.status, runMs: performance.now() - started.get(result.id) };
  }
  wrapUp() {
    writeFileSync('probe.json', JSON.stringify(runs));
  }
}
export const strykerPlugins = [{ kind: 'Reporter', name: 'timing-probe', injectableClass: TimingProbe }];
`;

const withoutReporterConfig = JSON.stringify({
  ...JSON.parse(readFileSync(path.join(import.meta.dirname, '../../sample-projects', sample, 'stryker.conf.json'), 'utf8')),
  plugins: ['@stryker-mutator/vitest-runner', 'sleepmut', './timing-probe.mjs'],
  reporters: ['json', 'clear-text', 'timing-probe'],
});

interface ProbedRun {
  line: number;
  file: string;
  status: string;
  runMs: number;
}

const runDir = (install: StrykerInstall, configFile: string) => path.join(install.root, 'runs', `${sample}-${path.basename(configFile, '.json')}`);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const at = (file: string, line: number) => (mutant: { file: string; location?: { start: { line: number } }; line?: number }) =>
  mutant.file.endsWith(file) && (mutant.location?.start.line ?? mutant.line) === line;

// The sites of sample-projects/ts-timing (see its tests): a wait hit 18 times, a wait under fake timers, a held-back signal.
const loopedWait = at('src/worker.ts', 18);
const waitUnderFakeTimers = at('src/gate.ts', 15);
const whenOpenKilled = at('src/gate.ts', 21);

let tarball: string;
beforeAll(async () => {
  tarball = await packSleepmut();
}, 600_000);

describe.each([9, 10] satisfies StrykerMajor[])('Stryker %i', (major) => {
  let install: StrykerInstall;
  let withReporter: StrykerRun;
  let summary: Summary;
  let withoutReporter: StrykerRun;
  let probed: ProbedRun[];

  beforeAll(async () => {
    install = await prepareStrykerInstall(major, tarball);
    withReporter = await runStryker(sample, 'stryker.conf.json', install);
    summary = readJson<Summary>(path.join(runDir(install, 'stryker.conf.json'), 'reports', 'sleepmut', 'summary.json'));
    withoutReporter = await runStryker(sample, 'stryker.plain.conf.json', install, { 'stryker.plain.conf.json': withoutReporterConfig, 'timing-probe.mjs': timingProbe });
    probed = Object.values(readJson<Record<string, ProbedRun>>(path.join(runDir(install, 'stryker.plain.conf.json'), 'probe.json')));
  }, 900_000);

  const summaryMutant = (where: (mutant: SummaryMutant) => boolean) => summary.mutants.find(where) as SummaryMutant;

  it('runs Stryker to the end both ways', () => {
    expect([withReporter.exitCode, withoutReporter.exitCode], withReporter.output + withoutReporter.output).toEqual([0, 0]);
  });

  it('false kill fixed: a mutant hit 18 times that only slows the tests survives with its slowdown (Timeout without the reporter)', () => {
    const slowed = summaryMutant(loopedWait);
    console.log(`Stryker ${major}: looped wait with reporter ${slowed.status} in ${slowed.runMs} ms (slowdown ${slowed.slowdownMs} ms, timeout ${slowed.timeoutMs} ms); without reporter ${probed.find(loopedWait)?.status} after ${Math.round(probed.find(loopedWait)?.runMs ?? 0)} ms`);
    expect(slowed).toMatchObject({ operator: 'EventWaitToSleep', status: 'Survived', slowedUnnoticed: true });
    expect(slowed.slowdownMs).toBeGreaterThanOrEqual(8_000);
    // Without the reporter Stryker's own timeout decides, and on a busy machine it goes either way (Timeout at 12-15 s in most runs, Survived at 9.5 s in one).
    expect(['Timeout', 'Survived']).toContain(probed.find(loopedWait)?.status);
  });

  it('hang fixed: a sleep under fake timers nobody advances is a Timeout that costs at most 2 s beyond a normal run, less than without the reporter', () => {
    const hung = summaryMutant(waitUnderFakeTimers);
    const before = probed.find(waitUnderFakeTimers) as ProbedRun;
    // A normal run: the other gate.ts mutant's, whose test takes as little time and fails too (the same bail path in the runner).
    const normal = summaryMutant(whenOpenKilled);
    const beyondNormalMs = (hung.runMs ?? Infinity) - (normal.runMs ?? 0);
    console.log(
      `Stryker ${major}: hung mutant with reporter ${hung.status} in ${hung.runMs} ms, ${beyondNormalMs} ms beyond a normal run (${normal.runMs} ms; runner's fixed cost ${summary.runOverheadMs} ms) ` +
        `(${hung.statusReason?.split('\n')[0]}); without reporter ${before.status} in ${Math.round(before.runMs)} ms`,
    );
    expect(hung.status).toBe('Timeout');
    // The test's own budget: 1.5 x 3 ms + 550 ms for the injected sleep + 500 ms + half the baseline (src/verdict/budget.ts testBudget).
    expect(Number(/Test timed out in (\d+) ?ms/.exec(hung.statusReason ?? '')?.[1])).toBeLessThan(1_200);
    expect(normal.status).toBe('Killed');
    expect(beyondNormalMs).toBeLessThanOrEqual(2_000);
    // The whole run has the slow-or-hung budget (docs/verdicts.md): each covering test that hangs costs its own budget.
    expect(hung.runMs).toBeLessThan(before.runMs);
    expect(before.runMs).toBeGreaterThan(4_500);
  });

  it('a stubbed sleep helper: the blocking wait bypasses the stub, costs 3 s and survives with its slowdown (was a Timeout at a 2 s budget); the flattened backoff injects nothing', () => {
    const blocking = summaryMutant((mutant) => at('src/retry.ts', 12)(mutant) && mutant.operator === 'BlockingSleep');
    const flattened = summaryMutant((mutant) => at('src/retry.ts', 12)(mutant) && mutant.operator === 'FlattenBackoff');
    console.log(`Stryker ${major}: stubbed-sleep BlockingSleep ${blocking.status} in ${blocking.runMs} ms (slowdown ${blocking.slowdownMs} ms, timeout ${blocking.timeoutMs} ms)`);
    expect(blocking).toMatchObject({ status: 'Survived', slowedUnnoticed: true, injectedDelayMs: null, site: 'retry delay' });
    expect(blocking.slowdownMs).toBeGreaterThanOrEqual(2_500);
    expect(blocking.hint).toContain('bypasses the stub');
    expect(flattened).toMatchObject({ status: 'Survived', slowedUnnoticed: false, injectedDelayMs: 0 });
  });

  it('prints the table with timeouts apart from kills and every survivor with slowdown and hint', () => {
    expect(withReporter.output).toMatch(/EventWaitToSleep\s+\|\s+3 \|\s+1 \|\s+1 \|\s+1 \|\s+0 \|\s+0 \|\s+66\.67/);
    expect(withReporter.output).toMatch(/BlockingSleep\s+\|\s+3 \|\s+1 \|\s+0 \|\s+2 \|\s+0 \|\s+0 \|\s+33\.33/);
    expect(withReporter.output).toMatch(/FlattenBackoff\s+\|\s+1 \|\s+0 \|\s+0 \|\s+1 \|\s+0 \|\s+0 \|\s+0\.00/);
    expect(withReporter.output).toMatch(/src\/worker\.ts:18:5 EventWaitToSleep \(Survived\): tests ran \d{4,} ms slower, tests noticed nothing although time passed/);
    // worker.ts:18 waits for 'done': a drain wait, with the hint for that kind of site.
    expect(withReporter.output).toContain('hint: Assert it waits for all the work');
    expect(withReporter.output).not.toContain(missingReporterHint);
  });

  it('writes summary.json by its schema, with counts, slowdowns and hints', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.operators.map(({ operator, killed, timedOut, survived }) => [operator, killed, timedOut, survived])).toEqual([
      ['EventWaitToSleep', 1, 1, 1],
      ['BlockingSleep', 1, 0, 2],
      ['FlattenBackoff', 0, 0, 1],
    ]);
    const survivors = summary.mutants.filter((mutant) => mutant.status === 'Survived');
    expect(survivors.every((mutant) => mutant.slowdownMs !== null && mutant.hint !== null)).toBe(true);
    expect(summaryMutant(at('src/pacer.ts', 14)).hint).toContain('assertResponsive');
  });

  it("keeps Stryker's own report: sleepmut's mutants with their names and replacements", () => {
    const mutants = Object.values(withReporter.report?.files ?? {}).flatMap((file) => file.mutants);
    expect(mutants.map((mutant) => mutant.mutatorName).sort()).toEqual(['BlockingSleep', 'BlockingSleep', 'BlockingSleep', 'EventWaitToSleep', 'EventWaitToSleep', 'EventWaitToSleep', 'FlattenBackoff']);
    expect(mutants.filter((mutant) => mutant.replacement?.includes('globalThis.setTimeout(r, 500)'))).toHaveLength(3);
  });

  it('tells users without the reporter what they miss', () => {
    expect(withoutReporter.output).toContain(missingReporterHint);
  });
});
