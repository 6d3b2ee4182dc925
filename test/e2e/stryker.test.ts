/** End to end: real `npx stryker run` on copies of the sample projects, Stryker 9.6 on Node 20 and 10.1 on Node 24, exact outcome per operator. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  directoryDigest,
  outcomesByOperator,
  packSleepmut,
  prepareStrykerInstall,
  runStryker,
  sampleProjectsDir,
  type OutcomeCounts,
  type StrykerInstall,
  type StrykerMajor,
} from './support/stryker.js';

const runTimeoutMs = 300_000;

/** Mutants per operator and sample (see each sample's src/); the strong suites kill all of them. */
const mutantsPerSample: Record<string, Record<string, number>> = {
  'ts-connector': { EventWaitToSleep: 3, SerializeConcurrency: 2, FlattenBackoff: 2, BlockingSleep: 1 },
  'ts-indexer': { DropOffload: 5, BlockingSleep: 1, EventWaitToSleep: 1, SerializeConcurrency: 1 },
  'js-fanout': { EventWaitToSleep: 1, SerializeConcurrency: 2, FlattenBackoff: 3, DropOffload: 1, BlockingSleep: 1 },
  'js-jest': { EventWaitToSleep: 1, SerializeConcurrency: 2, FlattenBackoff: 1, BlockingSleep: 1 },
};

/** The weak suites (real timers, sleep-synchronized, values only) notice none of the timing defects: every mutant survives. */
const weakSurvivors = mutantsPerSample;

function withStatus(counts: Record<string, number>, status: string): OutcomeCounts {
  return Object.fromEntries(Object.entries(counts).map(([operator, count]) => [operator, { [status]: count }]));
}

/** Timeouts count as killed, as Stryker scores them. */
function detectedAsKilled(outcomes: OutcomeCounts): OutcomeCounts {
  return Object.fromEntries(
    Object.entries(outcomes).map(([operator, { Timeout = 0, Killed = 0, ...rest }]) => [operator, { ...rest, Killed: Killed + Timeout }]),
  );
}

function configWith(sample: string, changes: object): string {
  const config = JSON.parse(readFileSync(path.join(sampleProjectsDir, sample, 'stryker.strong.conf.json'), 'utf8'));
  return JSON.stringify({ ...config, ...changes }, null, 2);
}

let tarball: string;
let sampleDigests: Record<string, string>;

/** Digests of the sample projects this file runs (others may add samples meanwhile). */
function digestSamples(): Record<string, string> {
  return Object.fromEntries(Object.keys(mutantsPerSample).map((sample) => [sample, directoryDigest(path.join(sampleProjectsDir, sample))]));
}

beforeAll(async () => {
  sampleDigests = digestSamples();
  tarball = await packSleepmut();
});

describe.each([9, 10] as StrykerMajor[])('Stryker %i', (major) => {
  let install: StrykerInstall;

  beforeAll(async () => {
    install = await prepareStrykerInstall(major, tarball);
  });

  describe.each(Object.keys(mutantsPerSample))('%s', (sample) => {
    it('strong suite kills every sleepmut mutant', { timeout: runTimeoutMs }, async () => {
      const run = await runStryker(sample, 'stryker.strong.conf.json', install);
      expect(run.report, run.output).toBeDefined();
      expect(detectedAsKilled(outcomesByOperator(run.report!))).toEqual(withStatus(mutantsPerSample[sample], 'Killed'));
    });

    it('weak suite lets the documented mutants survive', { timeout: runTimeoutMs }, async () => {
      const run = await runStryker(sample, 'stryker.weak.conf.json', install);
      expect(run.report, run.output).toBeDefined();
      expect(outcomesByOperator(run.report!)).toEqual(withStatus(weakSurvivors[sample], 'Survived'));
    });
  });

  it('delivers sleepmut options to the mutators', { timeout: runTimeoutMs }, async () => {
    const config = configWith('ts-connector', { mutate: ['src/session.ts'], sleepmut: { disableBuiltinMutators: true, delayMs: 750 } });
    const run = await runStryker('ts-connector', 'stryker.options.conf.json', install, { 'stryker.options.conf.json': config });
    const mutants = Object.values(run.report?.files ?? {}).flatMap((file) => file.mutants);
    expect(mutants.map((mutant) => [mutant.mutatorName, mutant.replacement]), run.output).toEqual([
      ['EventWaitToSleep', 'await new Promise(r => globalThis.setTimeout(r, 750))'],
    ]);
  });

  it('rejects an unknown sleepmut option with a validation error', { timeout: runTimeoutMs }, async () => {
    const config = configWith('ts-connector', { sleepmut: { disableBuiltinMutators: true, delayMS: 750 } });
    const run = await runStryker('ts-connector', 'stryker.invalid.conf.json', install, { 'stryker.invalid.conf.json': config });
    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/ERROR OptionsValidator.*"sleepmut" must NOT have additional properties/);
  });
});

it('leaves the sample projects untouched', () => {
  expect(digestSamples()).toEqual(sampleDigests);
});
