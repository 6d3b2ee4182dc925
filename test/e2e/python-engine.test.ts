/** The Python engine end to end on tiny fixture projects, with the real Debian pytest (/usr/bin/python3) and no mocks. */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { execa, type ResultPromise } from 'execa';
import { schema } from 'mutation-testing-report-schema';
import { describe, expect, it } from 'vitest';
import { copyFixture, debianPython, processesWorkingIn, repoRoot, sleepmut, snapshot, type Project } from './support/python-project.js';

function sleepmutRun(project: Project, args: string[] = [], python = debianPython, env: Record<string, string> = {}): ResultPromise<{ reject: false; all: true }> {
  return sleepmut(project, ['run', '--python', python, '--mutate', 'app/**/*.py', '--concurrency', '2', ...args, '--', 'tests'], env);
}

function mutationReport(project: Project) {
  return JSON.parse(readFileSync(path.join(project.directory, 'reports/mutation/mutation.json'), 'utf8'));
}

function statusesOf(report: { files: Record<string, { mutants: { mutatorName: string; status: string }[] }> }): string[] {
  return Object.values(report.files)
    .flatMap((file) => file.mutants.map((mutant) => `${mutant.mutatorName}:${mutant.status}`))
    .sort();
}

interface ReportedMutant {
  mutatorName: string;
  status: string;
  location: { start: { line: number } };
  killedBy?: string[];
  coveredBy?: string[];
  testsCompleted?: number;
}

function reportedMutants(project: Project): ReportedMutant[] {
  return Object.values(mutationReport(project).files as Record<string, { mutants: ReportedMutant[] }>).flatMap((file) => file.mutants);
}

describe('sleepmut run (Python engine)', () => {
  it('tests every mutant, writes a schema-valid JSON report and an HTML report, and leaves the project unchanged', async () => {
    const project = copyFixture('basic');
    const before = snapshot(project.directory);
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain(`using ${debianPython}`);
    expect(result.all).toMatch(/total\s+\|\s+5 \|\s+2 \|/);
    const report = mutationReport(project);
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(statusesOf(report)).toEqual(['BlockingSleep:Killed', 'BlockingSleep:Survived', 'EventWaitToSleep:Survived', 'PollInsteadOfEvent:Survived', 'SerializeConcurrency:Killed']);
    const html = readFileSync(path.join(project.directory, 'reports/mutation/mutation.html'), 'utf8');
    expect(html).toContain('<mutation-test-report-app');
    expect(html).toContain('"mutatorName":"SerializeConcurrency"');
    expect(snapshot(project.directory)).toEqual(before);
    expect(readdirSync(project.scratch)).toEqual([]);
  });

  it('collects the suite once per process: the baseline and one per worker, however many mutants run', async () => {
    const project = copyFixture('basic');
    const collections = path.join(project.scratch, '..', 'collections.txt');
    const result = await sleepmutRun(project, [], debianPython, { SLEEPMUT_E2E_COLLECTIONS: collections });
    expect(result.exitCode, result.all).toBe(0);
    expect(reportedMutants(project).filter((mutant) => mutant.status !== 'NoCoverage').length).toBeGreaterThan(3);
    expect(readFileSync(collections, 'utf8').trim().split('\n')).toHaveLength(1 + 2);
  });

  it('runs every mutant in a fresh process when the suite starts a thread at import, with the verdicts of fresh runs', async () => {
    const project = copyFixture('threads');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('the suite starts threads at import or collection (dispatcher)');
    expect(statusesOf(mutationReport(project))).toEqual(['EventWaitToSleep:Survived']);
  });

  it('runs a suite that calls os.setpgrp(): pytest leads its own process group, it is no session leader', async () => {
    const project = copyFixture('process-group');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    expect(statusesOf(mutationReport(project))).toEqual(['BlockingSleep:Survived']);
    expect(processesWorkingIn(project.directory)).toEqual([]);
  });

  it('finishes when the tests leave a detached process holding its pipes: sleepmut waits for its own processes, not for theirs', async () => {
    const project = copyFixture('orphan');
    const started = Date.now();
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    expect(statusesOf(mutationReport(project))).toEqual(['BlockingSleep:Survived']);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('runs covering tests fastest first and stops at the first failure, with the verdicts of a full run', async () => {
    const project = copyFixture('bail');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    const byOperator = new Map(reportedMutants(project).map((mutant) => [mutant.mutatorName, mutant]));
    expect(byOperator.get('SerializeConcurrency')).toMatchObject({ status: 'Killed', killedBy: ['tests/test_service.py::test_reads_overlap'], testsCompleted: 2 });
    expect(byOperator.get('BlockingSleep')).toMatchObject({ status: 'Survived', testsCompleted: 3 });
    expect(byOperator.get('NestedEventLoop')).toMatchObject({ status: 'Survived', testsCompleted: 3 });
  });

  it('kills tenacity and backoff decorator mutants through per-call switches, with only the tests that call them, and an import-time value in a fresh process', async () => {
    const project = copyFixture('decorated');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    const byLine = new Map(reportedMutants(project).map((mutant) => [mutant.location.start.line, mutant]));
    expect(byLine.get(10)).toMatchObject({ status: 'Killed', coveredBy: ['tests/test_readers.py::test_tenacity_backs_off_exponentially'] });
    expect(byLine.get(15)).toMatchObject({ status: 'Killed', killedBy: ['tests/test_readers.py::test_backoff_backs_off_exponentially'] });
    expect(byLine.get(15)?.coveredBy).toContain('tests/test_readers.py::test_backoff_backs_off_exponentially');
    expect(byLine.get(7)).toMatchObject({ status: 'Killed', coveredBy: [], killedBy: ['tests/test_readers.py::test_slowest_delay_is_the_last_doubling'] });
  });

  it('counts a mutant that makes a test hang as Timeout and completes the run', async () => {
    const project = copyFixture('hang');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    const serialized = Object.values(mutationReport(project).files as Record<string, { mutants: { mutatorName: string; status: string; statusReason?: string }[] }>)
      .flatMap((file) => file.mutants)
      .find((mutant) => mutant.mutatorName === 'SerializeConcurrency');
    expect(serialized?.status).toBe('Timeout');
    expect(serialized?.statusReason, 'proved hung in the run, no slow-or-hung re-run').toMatch(/^hung: /);
  });

  it("ends a hang that cannot be proved (a helper thread alive) at the hung test's own slow-or-hung budget, not the run's", async () => {
    const project = copyFixture('hang-helper-thread');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(project.directory, 'reports/sleepmut/summary.json'), 'utf8')) as { mutants: { operator: string; status: string; statusReason: string; runMs: number; timeoutMs: number }[] };
    const serialized = summary.mutants.find((mutant) => mutant.operator === 'SerializeConcurrency');
    expect(serialized?.status).toBe('Timeout');
    expect(serialized?.statusReason).toMatch(/^tests\/test_exchange\.py::test_exchange_beside_a_helper_thread still running at its slow-or-hung budget \(\d+ ms\)$/);
    // The run's own slow-or-hung budget (the five covering tests' 2.6 s, 4 x, + 8 s) is over 18 s; the hung test's is about 6 s.
    expect(serialized!.runMs).toBeLessThan(9000);
  });

  it('skips a file with a syntax error with a warning and mutates the rest', async () => {
    const project = copyFixture('syntax');
    const result = await sleepmutRun(project);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('warning: skipped app/broken.py: syntax error');
    expect(Object.keys(mutationReport(project).files)).toEqual(['app/service.py']);
  });

  it('lists the tests that fail before any mutant, runs no mutant, exits non-zero and changes nothing', async () => {
    const project = copyFixture('failing');
    const before = snapshot(project.directory);
    const result = await sleepmutRun(project);
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toContain('tests/test_service.py::test_already_broken');
    expect(result.all).not.toContain('mutants tested');
    expect(readdirSync(project.directory)).not.toContain('reports');
    expect(snapshot(project.directory)).toEqual(before);
    expect(readdirSync(project.scratch)).toEqual([]);
    expect(processesWorkingIn(project.scratch), 'workers started during the baseline are stopped').toEqual([]);
  });

  it('names the interpreter in one line when it has no pytest', async () => {
    const project = copyFixture('basic');
    const venv = path.join(project.scratch, '..', 'bare-venv');
    await execa(debianPython, ['-m', 'venv', '--without-pip', venv]);
    const result = await sleepmutRun(project, [], path.join(venv, 'bin/python'));
    expect(result.exitCode).not.toBe(0);
    expect(result.all?.trim().split('\n')).toHaveLength(1);
    expect(result.all).toMatch(/pytest is not installed for .*bare-venv\/bin\/python/);
  });

  it('rejects an unknown flag and an unknown config key with one line', async () => {
    const project = copyFixture('basic');
    const flag = await sleepmutRun(project, ['--bogus']);
    expect(flag.exitCode).toBe(2);
    expect(flag.all?.trim().split('\n')).toHaveLength(1);
    expect(flag.all).toContain("'--bogus'");
    cpSync(path.join(repoRoot, 'test/fixtures/python/config/pyproject.toml'), path.join(project.directory, 'pyproject.toml'));
    const key = await sleepmutRun(project);
    expect(key.exitCode).toBe(2);
    expect(key.all?.trim()).toBe("sleepmut: pyproject.toml [tool.sleepmut]: unknown key 'concurency' (known: mutate, testArgs, python, concurrency, delayMs, backoffDelayMs, operators, timeoutMs, timeoutFactor, baselineTimeoutMs, thresholds, reporters)");
  });

  it('on Ctrl-C stops the workers, removes the sandbox, exits 130 and leaves the project unchanged', async () => {
    const project = copyFixture('hang');
    const before = snapshot(project.directory);
    const run = sleepmutRun(project);
    let output = '';
    const interruptOnce = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('mutants tested') || !run.pid) return;
      run.all?.off('data', interruptOnce);
      process.kill(run.pid, 'SIGINT');
    };
    run.all?.on('data', interruptOnce);
    const result = await run;
    expect(result.exitCode, result.all).toBe(130);
    expect(result.all).toContain('interrupted');
    expect(snapshot(project.directory)).toEqual(before);
    expect(readdirSync(project.scratch)).toEqual([]);
    const leftovers = await execa('pgrep', ['-f', project.directory], { reject: false });
    expect(leftovers.stdout).toBe('');
  });
});
