/**
 * The Python engine on projects configured as real ones are (addopts with --cache-clear, filterwarnings = error, a src
 * layout through `pythonpath`, --import-mode=importlib, asyncio_mode = auto, pytest-cov), on Debian's pytest 7 and on a
 * current pytest 9 with pytest-asyncio 1.x (the virtual environment .ci/run creates), and pytest's own words when a
 * suite cannot run.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');
const fixtures = path.join(repoRoot, 'test/fixtures/python');

/** .ci/run installs the modern generation (pinned versions) into this virtual environment. */
export const modernPython = process.env.SLEEPMUT_MODERN_PYTHON ?? path.join(repoRoot, '.e2e/pytest-modern/bin/python');
const interpreters = [
  { name: "Debian's pytest 7", python: '/usr/bin/python3' },
  { name: 'pytest 9 + pytest-asyncio 1.x', python: modernPython },
];

if (process.env.CI && !existsSync(modernPython)) throw new Error(`the modern pytest environment is missing: ${modernPython} (.ci/run creates it)`);

/** Fixtures that hold only the files in which they differ from another one. */
const overlays: Record<string, string> = { 'collect-error': 'basic', 'installed-src': 'pytest-src' };

async function run(fixture: string, python: string, mutate: string, pytestArgs: string[] = [], env: (directory: string) => Record<string, string> = () => ({})) {
  const directory = path.join(scratchDir('sleepmut-configs'), fixture);
  if (overlays[fixture]) cpSync(path.join(fixtures, overlays[fixture]), directory, { recursive: true });
  cpSync(path.join(fixtures, fixture), directory, { recursive: true });
  const result = await execa('node', [cli, 'run', '--python', python, '--mutate', mutate, '--concurrency', '2', '--', ...pytestArgs], { cwd: directory, reject: false, all: true, env: env(directory) });
  const summaryFile = path.join(directory, 'reports/sleepmut/summary.json');
  const verdicts = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')).mutants as { operator: string; status: string }[]).map((mutant) => `${mutant.operator}:${mutant.status}`).sort() : [];
  return { ...result, verdicts };
}

describe.each(interpreters)('real pytest configurations, $name', ({ python }) => {
  it.skipIf(!existsSync(python))('addopts with --cache-clear and --strict-markers, filterwarnings = error', async () => {
    const result = await run('pytest-strict', python, 'app/**/*.py');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.verdicts).toEqual(['EventWaitToSleep:Survived']);
  });

  it.skipIf(!existsSync(python))('a src layout on `pythonpath`, --import-mode=importlib, asyncio_mode = auto', async () => {
    const result = await run('pytest-src', python, 'src/**/*.py');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.verdicts).toEqual(['EventWaitToSleep:Killed', 'SerializeConcurrency:Killed']);
  });

  it.skipIf(!existsSync(python))('a src layout installed into the environment: the tests import the instrumented copy, not the project (was: every mutant NoCoverage)', async () => {
    const result = await run('installed-src', python, 'src/**/*.py', [], (directory) => ({ PYTHONPATH: path.join(directory, 'src') }));
    expect(result.exitCode, result.all).toBe(0);
    expect(result.verdicts).toEqual(['EventWaitToSleep:Killed', 'SerializeConcurrency:Killed']);
  });

  it.skipIf(!existsSync(python))('pytest-cov in addopts with a coverage floor', async () => {
    const result = await run('pytest-cov', python, 'app/**/*.py');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.verdicts).toEqual(['EventWaitToSleep:Survived']);
  });

  it.skipIf(!existsSync(python))("a module that cannot be collected, and a usage error: pytest's own error lines; no mutants: the suite is not run", async () => {
    const broken = await run('collect-error', python, 'app/**/*.py');
    expect(broken.exitCode).toBe(1);
    expect(broken.all).toContain('pytest could not collect tests/test_broken.py');
    expect(broken.all).toContain("ModuleNotFoundError: No module named 'app_helpers_that_do_not_exist'");
    const nothing = await run('collect-error', python, 'tests/**/*.py');
    expect([nothing.exitCode, nothing.verdicts], nothing.all).toEqual([0, []]);
    expect(nothing.all).toMatch(/no timing mutants in \d+ file\(s\): nothing to test, so the test suite was not run/);
    const usage = await run('pytest-strict', python, 'app/**/*.py', ['--no-such-flag']);
    expect(usage.exitCode).toBe(1);
    expect(usage.all).toContain('unrecognized arguments: --no-such-flag');
    expect(usage.all).not.toMatch(/sleepmut-\w+\/project/);
  });
});
