/** End to end on real Stryker: its excludedMutations, disable comments and --incremental act on sleepmut's operators by name; sleepmut stops with one line on Stryker 8 and on options it cannot receive. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingReporterHint } from '../../src/stryker/reporter-hint.js';
import { packSleepmut, prepareStrykerInstall, runStryker, sampleProjectsDir, type StrykerInstall, type StrykerMajor, type StrykerRun } from './support/stryker.js';

const sample = 'ts-connector';
const runTimeoutMs = 300_000;
const disableReason = 'the caller injects the pause';
const incrementalFile = 'reports/stryker-incremental.json';

function sampleFile(relative: string): string {
  return readFileSync(path.join(sampleProjectsDir, sample, relative), 'utf8');
}

/** The sample's strong config with `changes` applied; `undefined` values drop a key. */
function configWith(changes: object): string {
  return JSON.stringify({ ...JSON.parse(sampleFile('stryker.strong.conf.json')), ...changes }, null, 2);
}

/** src/retrying-client.ts with a disable comment above its only BlockingSleep site. */
function retryingClientWithDisableComment(): string {
  const site = '        await this.pause(delayMs);\n';
  const source = sampleFile('src/retrying-client.ts');
  if (!source.includes(site)) throw new Error(`the BlockingSleep site moved: ${site.trim()} not found`);
  return source.replace(site, `        // Stryker disable next-line BlockingSleep: ${disableReason}\n${site}`);
}

const pipelineFiles = {
  'stryker.pipeline.conf.json': configWith({ mutator: { excludedMutations: ['FlattenBackoff'] } }),
  'src/retrying-client.ts': retryingClientWithDisableComment(),
};

const plainLines = (run: StrykerRun) => stripVTControlCharacters(run.output).split('\n');
const sleepmutLines = (run: StrykerRun) => plainLines(run).filter((line) => line.startsWith('sleepmut:'));
const stackTraceLines = (run: StrykerRun) => plainLines(run).filter((line) => /^\s+at /.test(line));
const mutantsOf = (run: StrykerRun) => Object.values(run.report?.files ?? {}).flatMap((file) => file.mutants);

/** `[status, statusReason]` of every mutant of `operator`. */
function verdicts(run: StrykerRun, operator: string): [string, string | undefined][] {
  return mutantsOf(run)
    .filter((mutant) => mutant.mutatorName === operator)
    .map((mutant) => [mutant.status, mutant.statusReason]);
}

/** Every mutant as `mutator replacement status reason`, independent of mutant ids and report order. */
function allVerdicts(run: StrykerRun): string[] {
  return mutantsOf(run)
    .map((mutant) => `${mutant.mutatorName} ${mutant.replacement} ${mutant.status} ${mutant.statusReason}`)
    .sort();
}

let tarball: string;

beforeAll(async () => {
  tarball = await packSleepmut();
});

describe.each([9, 10] satisfies StrykerMajor[])('Stryker %i', (major) => {
  let install: StrykerInstall;
  let firstRun: StrykerRun;
  let secondRun: StrykerRun;

  beforeAll(async () => {
    install = await prepareStrykerInstall(major, tarball);
    firstRun = await runStryker(sample, 'stryker.pipeline.conf.json', install, pipelineFiles, ['--incremental']);
    const previousResults = readFileSync(path.join(firstRun.runDir, incrementalFile), 'utf8');
    secondRun = await runStryker(sample, 'stryker.pipeline.conf.json', install, { ...pipelineFiles, [incrementalFile]: previousResults }, ['--incremental']);
  });

  it('excludedMutations: ["FlattenBackoff"] reports both FlattenBackoff mutants as Ignored, untested', () => {
    expect(verdicts(firstRun, 'FlattenBackoff'), firstRun.output).toEqual([
      ['Ignored', 'Ignored because of excluded mutation "FlattenBackoff"'],
      ['Ignored', 'Ignored because of excluded mutation "FlattenBackoff"'],
    ]);
  });

  it('a "// Stryker disable next-line BlockingSleep: reason" comment ignores that mutant with the reason', () => {
    expect(verdicts(firstRun, 'BlockingSleep'), firstRun.output).toEqual([['Ignored', disableReason]]);
  });

  it('the other sleepmut mutants are still tested and killed', () => {
    const tested = mutantsOf(firstRun).filter((mutant) => mutant.status !== 'Ignored');
    expect(tested.map((mutant) => mutant.mutatorName).sort(), firstRun.output).toEqual([
      ...Array(3).fill('EventWaitToSleep'),
      ...Array(2).fill('SerializeConcurrency'),
    ]);
    expect(tested.filter((mutant) => !['Killed', 'Timeout'].includes(mutant.status)), firstRun.output).toEqual([]);
  });

  it('--incremental: the second run reuses the 5 tested results and reports the same verdicts', () => {
    expect(plainLines(firstRun).join('\n')).toContain(`No incremental result file found at ${incrementalFile}`);
    expect(plainLines(secondRun).join('\n'), secondRun.output).toMatch(/Mutants:\s+0 files changed[\s\S]*Result:\s+5 of 8 mutant result\(s\) are reused\./);
    expect(allVerdicts(secondRun)).toEqual(allVerdicts(firstRun));
  });

  it('without the ignorer and without the reporter, says in one line what the reporter would add', { timeout: runTimeoutMs }, async () => {
    // No sleepmut options means Stryker's built-in mutators run too: one small file keeps the run short.
    const config = configWith({ ignorers: undefined, sleepmut: undefined, reporters: ['json'], mutate: ['src/session.ts'] });
    const run = await runStryker(sample, 'stryker.plugin-only.conf.json', install, { 'stryker.plugin-only.conf.json': config });
    expect(run.exitCode, run.output).toBe(0);
    expect(sleepmutLines(run), run.output).toEqual([missingReporterHint]);
  });

  it('"sleepmut" options without "ignorers": ["sleepmut"] stop the run with one line, no stack trace', { timeout: runTimeoutMs }, async () => {
    const config = configWith({ ignorers: undefined, sleepmut: { delayMs: 750 } });
    const run = await runStryker(sample, 'stryker.no-ignorer.conf.json', install, { 'stryker.no-ignorer.conf.json': config });
    expect(run.exitCode, run.output).not.toBe(0);
    expect(sleepmutLines(run), run.output).toEqual([
      'sleepmut: stryker.no-ignorer.conf.json sets "sleepmut" options, but Stryker only delivers them to sleepmut with "ignorers": ["sleepmut"] in the same config; add it and run again',
    ]);
    expect(stackTraceLines(run), run.output).toEqual([]);
  });
});

describe('Stryker 8 (unsupported)', () => {
  let install: StrykerInstall;

  beforeAll(async () => {
    install = await prepareStrykerInstall(8, tarball);
  });

  it('stops with the one line naming the supported range, non-zero exit, no stack trace', { timeout: runTimeoutMs }, async () => {
    const run = await runStryker(sample, 'stryker.strong.conf.json', install);
    expect(run.exitCode, run.output).not.toBe(0);
    expect(sleepmutLines(run), run.output).toEqual([
      'sleepmut: Stryker instrumenter 8.7.1 is not supported (supported: 9.x or 10.x); install a supported @stryker-mutator/core',
    ]);
    expect(stackTraceLines(run), run.output).toEqual([]);
  });
});
