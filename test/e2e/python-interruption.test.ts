/** Interrupting the Python engine: each signal in the baseline and in the mutant phase, a closed output pipe, and a hanging baseline end the run cleanly. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, copyFixture, debianPython, processesWorkingIn, sleepmut, snapshot, type Project } from './support/python-project.js';

const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof exitCodes;

/** Starts a run and sends `signal` once its output contains `cue`. */
async function interrupt(project: Project, signal: Signal, cue: string) {
  const run = sleepmut(project, ['run', '--python', debianPython, '--mutate', 'app/**/*.py', '--concurrency', '2', '--', 'tests']);
  let output = '';
  const watch = (chunk: Buffer) => {
    output += chunk.toString();
    if (!output.includes(cue) || !run.pid) return;
    run.all?.off('data', watch);
    process.kill(run.pid, signal);
  };
  run.all?.on('data', watch);
  return run;
}

function expectCleanEnd(project: Project, before: Record<string, string>): void {
  expect(snapshot(project.directory)).toEqual(before);
  expect(readdirSync(project.scratch)).toEqual([]);
  expect(processesWorkingIn(project.scratch)).toEqual([]);
}

/** The hang fixture plus a test that sleeps 60 s: the baseline hangs. */
function hangingBaseline(): Project {
  const project = copyFixture('hang');
  writeFileSync(path.join(project.directory, 'tests', 'test_slow.py'), 'import time\n\n\ndef test_slow():\n    time.sleep(60)\n');
  return project;
}

describe('sleepmut run interrupted', () => {
  it.each(Object.keys(exitCodes) as Signal[])('by %s in the baseline: no process or sandbox left, one line, 128 + signal number', async (signal) => {
    const project = hangingBaseline();
    const before = snapshot(project.directory);
    const result = await interrupt(project, signal, 'running the baseline');
    expect(result.exitCode, result.all).toBe(exitCodes[signal]);
    expect(result.all.trim().split('\n').at(-1)).toBe(`sleepmut: interrupted by ${signal}; workers stopped and sandbox removed`);
    expect(existsSync(path.join(project.directory, 'reports'))).toBe(false);
    expectCleanEnd(project, before);
  });

  it.each(Object.keys(exitCodes) as Signal[])('by %s in the mutant phase: partial reports for the mutants that finished, the rest Pending', async (signal) => {
    const project = copyFixture('hang');
    const before = snapshot(project.directory);
    const result = await interrupt(project, signal, 'mutants tested');
    expect(result.exitCode, result.all).toBe(exitCodes[signal]);
    expect(result.all.trim().split('\n').at(-1)).toMatch(new RegExp(`^sleepmut: interrupted by ${signal}; workers stopped and sandbox removed; partial reports for [1-9]\\d* of \\d+ tested mutants written to reports$`));
    const report = JSON.parse(readFileSync(path.join(project.directory, 'reports/mutation/mutation.json'), 'utf8')) as { files: Record<string, { mutants: { status: string }[] }> };
    const statuses = Object.values(report.files).flatMap((file) => file.mutants.map((mutant) => mutant.status));
    expect(statuses).toContain('Pending');
    expect(statuses.some((status) => status !== 'Pending' && status !== 'NoCoverage')).toBe(true);
    const summary = JSON.parse(readFileSync(path.join(project.directory, 'reports/sleepmut/summary.json'), 'utf8')) as { mutants: unknown[] };
    expect(summary.mutants).toHaveLength(statuses.length);
    expect(readdirSync(path.join(project.directory, 'reports/mutation')).sort()).toEqual(['mutation.html', 'mutation.json']);
    expectCleanEnd(project, before);
  });

  it('ends cleanly with exit 141 when its output pipe closes (sleepmut run 2>&1 | head -1)', async () => {
    const project = copyFixture('hang');
    const before = snapshot(project.directory);
    const command = `node ${cli} run --python ${debianPython} --mutate 'app/**/*.py' -- tests 2>&1 | head -1; echo "status \${PIPESTATUS[0]}"`;
    const result = await execa('bash', ['-c', command], { cwd: project.directory, env: { TMPDIR: project.scratch }, reject: false });
    expect(result.stdout).toMatch(/^sleepmut: using .*\nstatus 141$/);
    expectCleanEnd(project, before);
  });

  it('reports progress during a hanging baseline and stops it at baselineTimeoutMs with pytest\'s last lines', async () => {
    const project = hangingBaseline();
    writeFileSync(path.join(project.directory, 'sleepmut.config.json'), '{"baselineTimeoutMs": 6000}');
    const before = snapshot(project.directory);
    const result = await sleepmut(project, ['run', '--python', debianPython, '--mutate', 'app/**/*.py', '--', 'tests', '-v']);
    expect(result.exitCode, result.all).toBe(1);
    expect(result.all).toMatch(/sleepmut: the baseline still running, \d+ s elapsed \(limit 6 s\)\n/);
    expect(result.all).toContain("sleepmut: the test suite did not finish within 6 s without any mutant (baselineTimeoutMs), so no mutant was run; pytest's last lines:");
    expect(result.all).toContain('tests/test_slow.py::test_slow');
    expectCleanEnd(project, before);
  });
});
