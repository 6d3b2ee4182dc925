/**
 * The verdict rule end to end on the Python engine (Debian's pytest): tests that mock the async sleep let a
 * BlockingSleep mutant survive with a slowdown of seconds (it was a Timeout, "caught"); a constant-factor
 * FlattenBackoff injects nothing and is never "time passed unnoticed"; the table, summary.json and mutation.json show
 * one slowdown figure; and every core busy gives the same verdicts as a quiet machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { scratchDir } from '../support/scratch.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');

async function runMockedSleep() {
  const directory = path.join(scratchDir('sleepmut-verdicts'), 'mocked-sleep');
  cpSync(path.join(repoRoot, 'test/fixtures/python/mocked-sleep'), directory, { recursive: true });
  const result = await execa('node', [cli, 'run', '--python', '/usr/bin/python3', '--mutate', 'app/**/*.py', '--concurrency', '2'], { cwd: directory, reject: false, all: true });
  const summary = JSON.parse(readFileSync(path.join(directory, 'reports/sleepmut/summary.json'), 'utf8')) as Summary;
  const report = JSON.parse(readFileSync(path.join(directory, 'reports/mutation/mutation.json'), 'utf8'));
  const reasons = new Map<string, string>(Object.values(report.files as Record<string, { mutants: { id: string; statusReason: string }[] }>).flatMap((file) => file.mutants.map((mutant) => [mutant.id, mutant.statusReason])));
  const byOperator = new Map(summary.mutants.map((mutant) => [mutant.operator, { ...mutant, reportReason: reasons.get(mutant.id) }]));
  return { ...result, summary, byOperator, verdicts: summary.mutants.map((mutant) => `${mutant.operator}:${mutant.status}`).sort() };
}

/** One busy-loop process per core, for the duration of `work`. */
async function withEveryCoreBusy<T>(work: () => Promise<T>): Promise<T> {
  const loops: ChildProcess[] = Array.from({ length: os.availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  try {
    return await work();
  } finally {
    for (const loop of loops) loop.kill('SIGKILL');
  }
}

describe('one verdict rule (Python engine)', () => {
  it('tests that mock the sleep: BlockingSleep survives with seconds of slowdown, one figure everywhere; same verdicts with every core busy', { timeout: 120_000 }, async () => {
    const quiet = await runMockedSleep();
    expect(quiet.exitCode, quiet.all).toBe(0);
    expect(quiet.verdicts).toEqual(['BlockingSleep:Survived', 'EventWaitToSleep:Survived', 'FlattenBackoff:Survived']);
    const blocking = quiet.byOperator.get('BlockingSleep')!;
    // 2 s + 4 s of real blocking sleep: past the old budget (500 ms per hit + 3 s margin: Timeout, "caught").
    expect(blocking.slowdownMs).toBeGreaterThanOrEqual(5500);
    expect(blocking).toMatchObject({ slowedUnnoticed: true, injectedDelayMs: null });
    expect(blocking.runMs).toBeGreaterThanOrEqual(blocking.slowdownMs!);
    expect(blocking.timeoutMs).toBeGreaterThan(blocking.runMs!);
    const flattened = quiet.byOperator.get('FlattenBackoff')!;
    expect(flattened).toMatchObject({ injectedDelayMs: 0, slowedUnnoticed: false });
    expect(quiet.byOperator.get('EventWaitToSleep')).toMatchObject({ injectedDelayMs: 500, slowedUnnoticed: true });
    for (const mutant of quiet.byOperator.values()) {
      const figure = `tests ran ${Math.abs(mutant.slowdownMs!)} ms ${mutant.slowdownMs! < 0 ? 'faster' : 'slower'}`;
      expect(quiet.all).toContain(`${mutant.operator} (Survived): ${figure}`);
      expect(mutant.reportReason).toContain(figure);
    }

    const loaded = await withEveryCoreBusy(runMockedSleep);
    expect(loaded.exitCode, loaded.all).toBe(0);
    expect(loaded.verdicts).toEqual(quiet.verdicts);
  });
});
