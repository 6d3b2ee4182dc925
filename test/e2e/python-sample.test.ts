/** The Python engine on the py-service sample with Debian's pytest: the exact verdict per mutant for the strong and the weak suite. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');
const sample = path.join(repoRoot, 'sample-projects/py-service');

/** Every mutant of the sample as `file:line Operator`, in the order of the README's table (NestedEventLoop is opt-in since issue 8, so fetch.py:26 is not mutated by default). */
const mutants = [
  'app/connector.py:16 EventWaitToSleep',
  'app/connector.py:19 EventWaitToSleep',
  'app/connector.py:19 PollInsteadOfEvent',
  'app/fetch.py:14 DropOffload',
  'app/fetch.py:18 SerializeConcurrency',
  'app/fetch.py:22 SerializeConcurrency',
  'app/heartbeat.py:23 EventWaitToSleep',
  'app/pacer.py:9 BlockingSleep',
  'app/retry.py:20 FlattenBackoff',
  'app/retry.py:21 FlattenBackoff',
  'app/retry.py:24 FlattenBackoff',
  'app/retry.py:33 FlattenBackoff',
];

/** The weak suite's one kill: its timeout test notices that wait_for became a sleep that never times out. */
const weakKills = new Set(['app/connector.py:16 EventWaitToSleep']);

interface ReportedMutant {
  mutatorName: string;
  status: string;
  location: { start: { line: number } };
}

interface SummaryFile {
  schemaVersion: number;
  engine: { name: string };
  testFramework: string;
  operators: { operator: string; mutants: number; killed: number; timedOut: number; survived: number }[];
  mutants: { operator: string; status: string; slowdownMs: number | null; hint: string | null }[];
}

interface SampleRun {
  /** `file:line Operator` -> status, from mutation.json. */
  statuses: Map<string, string>;
  summary: SummaryFile;
  stdout: string;
}

/** Runs `sleepmut run` on a fresh copy of the sample (its own TMPDIR for the sandbox) and collects its reports. */
async function runSample(pytestArgs: string[]): Promise<SampleRun> {
  const root = mkdtempSync(path.join(tmpdir(), 'sleepmut-py-sample-'));
  const directory = path.join(root, 'py-service');
  cpSync(sample, directory, { recursive: true, filter: (source) => !/__pycache__|[\\/]reports$/.test(source) });
  mkdirSync(path.join(root, 'tmp'));
  const separator = pytestArgs.length > 0 ? ['--', ...pytestArgs] : [];
  try {
    const result = await execa('node', [cli, 'run', '--concurrency', '2', ...separator], { cwd: directory, reject: false, all: true, env: { TMPDIR: path.join(root, 'tmp') } });
    expect(result.exitCode, result.all).toBe(0);
    const readReport = (file: string) => JSON.parse(readFileSync(path.join(directory, 'reports', file), 'utf8'));
    return { statuses: statusesIn(readReport('mutation/mutation.json')), summary: readReport('sleepmut/summary.json') as SummaryFile, stdout: result.stdout };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function statusesIn(report: { files: Record<string, { mutants: ReportedMutant[] }> }): Map<string, string> {
  return new Map(
    Object.entries(report.files).flatMap(([file, { mutants: reported }]) => reported.map((mutant) => [`${file}:${mutant.location.start.line} ${mutant.mutatorName}`, mutant.status] as const)),
  );
}

describe('sleepmut run on sample-projects/py-service', () => {
  it('the strong suite kills every mutant', { timeout: 180_000 }, async () => {
    const { statuses, summary, stdout } = await runSample([]);
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(mutants.map((mutant) => [mutant, 'Killed'])));
    expect(summary.operators.map(({ operator, mutants: count, killed, survived }) => [operator, count, killed, survived])).toEqual([
      ['EventWaitToSleep', 3, 3, 0],
      ['DropOffload', 1, 1, 0],
      ['BlockingSleep', 1, 1, 0],
      ['FlattenBackoff', 4, 4, 0],
      ['SerializeConcurrency', 2, 2, 0],
      ['PollInsteadOfEvent', 1, 1, 0],
    ]);
    expect(stdout).toMatch(/^total +\| +12 \| +12 \| +0 \| +0 \| +0 \| +0 \| 100\.00$/m);
  });

  it('the weak suite kills only the wait_for timeout mutant, and the summary says how to catch the rest', { timeout: 180_000 }, async () => {
    const { statuses, summary } = await runSample(['tests/weak']);
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries(mutants.map((mutant) => [mutant, weakKills.has(mutant) ? 'Killed' : 'Survived'])));
    expect(summary).toMatchObject({ schemaVersion: 1, engine: { name: 'sleepmut-python' }, testFramework: 'pytest' });
    const survivors = summary.mutants.filter((mutant) => mutant.status === 'Survived');
    expect(survivors).toHaveLength(11);
    for (const survivor of survivors) {
      expect(survivor.slowdownMs, survivor.operator).toEqual(expect.any(Number));
      expect(survivor.hint, survivor.operator).toMatch(/asyncio|assert_responsive|track_concurrency|monkeypatch|the event/);
    }
  });
});
