/** The baseline run: the whole suite once, unmutated, recording per-test time and which mutants each test (or the import of the code) executes. */
import path from 'node:path';
import { SleepmutError } from '../cli/errors.js';
import { runFreshPytest } from './fresh.js';
import type { Interpreter } from './interpreter.js';
import { basePytestArgs } from './plugin.js';
import { inProject, pytestErrorLines } from './pytest-output.js';
import { cacheDirectoryOf, type Sandbox } from './sandbox.js';

export interface Baseline {
  /** Milliseconds per test node id. */
  readonly testMs: Map<string, number>;
  /** Per mutant switch id: covering test -> times the switch was evaluated in it. */
  readonly coverage: Map<number, Map<string, number>>;
  /** Switch ids evaluated at import/collection time, with hit counts. */
  readonly staticHits: Map<number, number>;
  readonly totalMs: number;
  /** Milliseconds per test node id in setup and teardown: in a mutant run another test may pay a shared fixture. */
  readonly fixtureMs: Map<string, number>;
  /** The longest of those: a session fixture set up by whichever test ran first. */
  readonly longestFixtureMs: number;
}

export async function runBaseline(interpreter: Interpreter, sandbox: Sandbox, testArgs: readonly string[], timeoutMs: number): Promise<Baseline> {
  const run = await runFreshPytest(interpreter, {
    timeoutMs,
    args: basePytestArgs(testArgs, cacheDirectoryOf(sandbox, 'baseline')),
    cwd: sandbox.project,
    resultFile: path.join(sandbox.scratch, 'baseline.json'),
    env: { SLEEPMUT_COVERAGE: '1' },
    importPaths: sandbox.importPaths,
  });
  const result = run.result;
  if (run.timedOut) throw new SleepmutError(`sleepmut: the test suite did not finish within ${timeoutMs / 1000} s without any mutant (baselineTimeoutMs), so no mutant was run; pytest's last lines:`, pytestErrorLines(run.output, sandbox));
  if (!result) throw new SleepmutError('sleepmut: the test suite did not run; pytest said:', pytestErrorLines(run.output, sandbox));
  const collectErrors = Object.entries(result.collectErrors ?? {});
  if (collectErrors.length > 0) throw new SleepmutError(`sleepmut: pytest could not collect ${collectErrors.map(([module]) => module).join(', ')}, so no mutant was run; pytest said:`, indented(collectErrors[0][1], sandbox));
  const failing = Object.entries(result.failed);
  if (failing.length > 0) throw new SleepmutError(`sleepmut: ${failing.length} test(s) fail without any mutant, so no mutant was run: ${failing.map(([test]) => test).join(', ')}`, failing.slice(0, 3).map(([test, message]) => `  ${test}: ${inProject(message, sandbox)}`).join('\n'));
  if (result.exitStatus === 5) throw new SleepmutError(`sleepmut: pytest collected no tests (pytest args: ${testArgs.join(' ') || 'none'})`);
  if (result.exitStatus !== 0) throw new SleepmutError(`sleepmut: the test suite ended with pytest exit status ${result.exitStatus}; pytest said:`, pytestErrorLines(run.output, sandbox));
  const fixtureMs = new Map(Object.entries(result.fixtureDurations ?? {}).map(([test, seconds]) => [test, seconds * 1000]));
  return {
    testMs: new Map(Object.entries(result.durations).map(([test, seconds]) => [test, seconds * 1000])),
    coverage: invert(result.coverage),
    staticHits: new Map(Object.entries(result.staticHits).map(([id, hits]) => [Number(id), hits])),
    totalMs: run.durationMs,
    fixtureMs,
    longestFixtureMs: [...fixtureMs.values()].reduce((longest, ms) => Math.max(longest, ms), 0),
  };
}

function invert(coverage: Record<string, Record<string, number>>): Map<number, Map<string, number>> {
  const byMutant = new Map<number, Map<string, number>>();
  for (const [test, hits] of Object.entries(coverage)) {
    for (const [id, count] of Object.entries(hits)) {
      const tests = byMutant.get(Number(id)) ?? new Map<string, number>();
      byMutant.set(Number(id), tests.set(test, count));
    }
  }
  return byMutant;
}

function indented(text: string, sandbox: Sandbox): string {
  return inProject(text, sandbox)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
