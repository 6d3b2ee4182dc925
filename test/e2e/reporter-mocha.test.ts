/**
 * `sleepmut/mocha-setup` on real Stryker (mocha-runner 9.6 on Node 20, 10.0 on Node 24) and sample-projects/js-timing:
 * with the setup a hung timing mutant fails by its per-test timeout, the whole run under 2 s; without it (the same config minus the
 * `require`) Stryker's own timeout and a runner restart end it, and the reporter says what is missing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packSleepmut, prepareStrykerInstall, runStryker, type StrykerMajor, type StrykerRun } from './support/stryker.js';
import type { Summary, SummaryMutant } from '../../src/report/summary.js';
import { missingSetupHints } from '../../src/stryker/reporter-hint.js';

const sample = 'js-timing';
const withoutSetupConfig = JSON.stringify({
  ...JSON.parse(readFileSync(path.join(import.meta.dirname, '../../sample-projects', sample, 'stryker.conf.json'), 'utf8')),
  mochaOptions: { require: [] },
});

interface MeasuredRun {
  run: StrykerRun;
  /** The one mutant of the sample: the event wait in passAt, replaced by a sleep the test's fake clock never advances. */
  hung: SummaryMutant;
  wallMs: number;
}

async function measure(configFile: string, install: Awaited<ReturnType<typeof prepareStrykerInstall>>, extraFiles: Record<string, string> = {}): Promise<MeasuredRun> {
  const started = performance.now();
  const run = await runStryker(sample, configFile, install, extraFiles);
  const wallMs = Math.round(performance.now() - started);
  const summaryFile = path.join(install.root, 'runs', `${sample}-${path.basename(configFile, '.json')}`, 'reports', 'sleepmut', 'summary.json');
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  return { run, hung: summary.mutants[0], wallMs };
}

let tarball: string;
beforeAll(async () => {
  tarball = await packSleepmut();
}, 600_000);

describe.each([9, 10] satisfies StrykerMajor[])('Stryker %i', (major) => {
  let withSetup: MeasuredRun;
  let withoutSetup: MeasuredRun;

  beforeAll(async () => {
    const install = await prepareStrykerInstall(major, tarball);
    withSetup = await measure('stryker.conf.json', install);
    withoutSetup = await measure('stryker.nosetup.conf.json', install, { 'stryker.nosetup.conf.json': withoutSetupConfig });
    console.log(
      `Stryker ${major} (mocha): hung mutant with setup ${withSetup.hung.status} in ${withSetup.hung.runMs} ms (${withSetup.hung.statusReason?.split('.')[0]}), Stryker run ${withSetup.wallMs} ms; ` +
        `without setup ${withoutSetup.hung.status} in ${withoutSetup.hung.runMs} ms, Stryker run ${withoutSetup.wallMs} ms`,
    );
  }, 900_000);

  it('runs Stryker to the end both ways, on the one timing mutant of the sample', () => {
    expect([withSetup.run.exitCode, withoutSetup.run.exitCode], withSetup.run.output + withoutSetup.run.output).toEqual([0, 0]);
    expect(withSetup.hung).toMatchObject({ operator: 'EventWaitToSleep', file: 'src/gate.js' });
  });

  it('with the setup, the hung mutant is a timeout of its test whose whole run costs under 2 s', () => {
    expect(withSetup.hung.status).toBe('Timeout');
    // The test's own budget (src/verdict/budget.ts testBudget): about 1.06 s for this 3 ms test and its one 500 ms sleep.
    expect(Number(/Timeout of (\d+)ms exceeded/.exec(withSetup.hung.statusReason ?? '')?.[1])).toBeLessThan(1_200);
    // The sample's only mutant is the hung one, so there is no normal run to subtract: the whole run time bounds the cost.
    expect(withSetup.hung.runMs).toBeLessThan(2_000);
  });

  it('without the setup, Stryker times the run out and the reporter prints the mocha hint', () => {
    expect(withoutSetup.hung.status).toBe('Timeout');
    expect(withoutSetup.hung.runMs).toBeGreaterThan(withSetup.hung.runMs);
    expect(withoutSetup.run.output).toContain(missingSetupHints.mocha);
    expect(withSetup.run.output).not.toContain(missingSetupHints.mocha);
  });
});
