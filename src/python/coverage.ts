/** The baseline run: the whole suite once, unmutated, recording per-test time and which mutants each test (or the import of the code) executes. */
import path from 'node:path';
import { SleepmutError } from '../cli/errors.js';
import { runFreshPytest } from './fresh.js';
import type { Interpreter } from './interpreter.js';
import { basePytestArgs } from './plugin.js';
import type { Sandbox } from './sandbox.js';

export interface Baseline {
  /** Milliseconds per test node id. */
  readonly testMs: Map<string, number>;
  /** Per mutant switch id: covering test -> times the switch was evaluated in it. */
  readonly coverage: Map<number, Map<string, number>>;
  /** Switch ids evaluated at import/collection time, with hit counts. */
  readonly staticHits: Map<number, number>;
  readonly totalMs: number;
}

export async function runBaseline(interpreter: Interpreter, sandbox: Sandbox, testArgs: readonly string[]): Promise<Baseline> {
  const run = await runFreshPytest(interpreter, {
    args: basePytestArgs(testArgs),
    cwd: sandbox.project,
    resultFile: path.join(sandbox.scratch, 'baseline.json'),
    env: { SLEEPMUT_COVERAGE: '1' },
  });
  const result = run.result;
  if (!result) throw new SleepmutError(`sleepmut: the test suite did not run: ${lastLine(run.output)}`);
  const failing = Object.keys(result.failed);
  if (failing.length > 0) throw new SleepmutError(`sleepmut: ${failing.length} test(s) fail without any mutant, so no mutant was run: ${failing.join(', ')}`);
  if (result.exitStatus === 5) throw new SleepmutError(`sleepmut: pytest collected no tests (pytest args: ${testArgs.join(' ') || 'none'})`);
  if (result.exitStatus !== 0) throw new SleepmutError(`sleepmut: the test suite ended with pytest exit status ${result.exitStatus}: ${lastLine(run.output)}`);
  return {
    testMs: new Map(Object.entries(result.durations).map(([test, seconds]) => [test, seconds * 1000])),
    coverage: invert(result.coverage),
    staticHits: new Map(Object.entries(result.staticHits).map(([id, hits]) => [Number(id), hits])),
    totalMs: run.durationMs,
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

function lastLine(output: string): string {
  return output.trim().split('\n').at(-1) ?? 'no output';
}
