/** Benchmark: the Python engine's per-mutant cost against the limit (its covering tests' own time) at 50-800 mutants and 40-2,000 tests (suite sizes alternated in each round), and against the naive loop at 50 mutants; verdicts must agree. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { median } from './median.js';
import { engineVerdicts, naiveLoop, projectMutants, type Verdict } from './python-verdicts.js';
import { loadConfig } from '../src/python/config.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
/** How long each covering test takes: what a mutant run cannot go below. */
const testSeconds = Number(process.env.BENCH_TEST_SECONDS ?? 0.1);
const mutantCounts = (process.env.BENCH_MUTANTS ?? '50,200,800').split(',').map(Number);
const testCounts = (process.env.BENCH_TESTS ?? '40,2000').split(',').map(Number);
const naiveUpTo = Number(process.env.BENCH_NAIVE_UP_TO ?? 50);

/** A project with `mutants` SerializeConcurrency sites, each covered by one test of `testSeconds`, and trivial filler tests up to `tests` in all. */
function generateProject(mutants: number, tests: number): string {
  const directory = path.join(mkdtempSync(path.join(tmpdir(), 'sleepmut-scale-')), 'project');
  mkdirSync(path.join(directory, 'app'), { recursive: true });
  mkdirSync(path.join(directory, 'tests'));
  writeFileSync(path.join(directory, 'app/__init__.py'), '');
  writeFileSync(path.join(directory, 'pytest.ini'), '[pytest]\npythonpath = .\n');
  const perModule = 10;
  for (let start = 0; start < mutants; start += perModule) {
    const ids = Array.from({ length: Math.min(perModule, mutants - start) }, (_, offset) => start + offset);
    writeFileSync(path.join(directory, `app/pairs_${start}.py`), ['import asyncio', '', ...ids.map((id) => `async def pair_${id}(get):\n    return await asyncio.gather(get(${id}), get(${id + 1}))\n`)].join('\n'));
    writeFileSync(
      path.join(directory, `tests/test_pairs_${start}.py`),
      [
        'import asyncio',
        `from app.pairs_${start} import ${ids.map((id) => `pair_${id}`).join(', ')}`,
        '',
        `async def slow_get(value):\n    await asyncio.sleep(${testSeconds / 2})\n    return value\n`,
        ...ids.map((id) => `def test_pair_${id}():\n    assert asyncio.run(pair_${id}(slow_get)) == [${id}, ${id + 1}]\n`),
      ].join('\n'),
    );
  }
  const fillers = Math.max(0, tests - mutants);
  for (let start = 0; start < fillers; start += 50) {
    const count = Math.min(50, fillers - start);
    writeFileSync(path.join(directory, `tests/test_filler_${start}.py`), Array.from({ length: count }, (_, index) => `def test_filler_${start + index}():\n    assert ${index} + 1 > ${index}\n`).join('\n'));
  }
  return directory;
}

interface EngineRun {
  wallMs: number;
  mutantPhaseMs: number;
  /** Average time inside the covering tests per mutant run, as the engine measured it. */
  testMsPerMutant: number;
  /** Average time of a mutant run beyond its covering tests (fork, protocol, result file), as the engine measured it. */
  runOverheadMs: number;
  verdicts: Map<string, Verdict>;
}

async function engineRun(directory: string, concurrency: number): Promise<EngineRun> {
  rmSync(path.join(directory, 'reports'), { recursive: true, force: true });
  const started = performance.now();
  const run = await execa('node', [path.join(repoRoot, 'dist/src/cli/main.js'), 'run', '--cwd', directory, '--python', python, '--concurrency', String(concurrency), '--mutate', 'app/**/*.py', '--', 'tests'], { reject: false });
  const wallMs = performance.now() - started;
  const phase = /mutants (\d+(?:\.\d+)?) s;/.exec(run.stderr);
  const perRun = /per mutant run \d+ ms: (\d+) ms in tests, (-?\d+) ms overhead/.exec(run.stderr);
  if (!phase || !perRun) throw new Error(`engine run failed (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`);
  return { wallMs, mutantPhaseMs: Number(phase[1]) * 1000, testMsPerMutant: Number(perRun[1]), runOverheadMs: Number(perRun[2]), verdicts: engineVerdicts(directory) };
}

interface SuiteRow {
  tests: number;
  overheadMs: number;
  runOverheadMs: number;
}

/** One mutant count: a project per suite size, the sizes alternated inside every round, so load drift hits each size alike. */
async function measure(mutants: number): Promise<void> {
  const suites = testCounts.map((tests) => ({ tests: Math.max(tests, mutants), directory: generateProject(mutants, Math.max(tests, mutants)), runs: [] as EngineRun[], naive: [] as number[] }));
  const rounds = Number(process.env.BENCH_ROUNDS ?? (mutants <= 200 ? 3 : 1));
  let naiveVerdicts: Map<string, Verdict> | undefined;
  for (let round = 0; round < rounds; round++) {
    for (const suite of suites) {
      suite.runs.push(await engineRun(suite.directory, 1));
      if (suite === suites[0] && mutants <= naiveUpTo) {
        const listed = await projectMutants(suite.directory, loadConfig(suite.directory, { python, mutate: ['app/**/*.py'] }));
        const started = performance.now();
        naiveVerdicts = await naiveLoop(python, suite.directory, listed, ['tests']);
        suite.naive.push(performance.now() - started);
        const differing = [...naiveVerdicts].filter(([id, verdict]) => suite.runs.at(-1)!.verdicts.get(id) !== verdict);
        if (differing.length > 0) throw new Error(`verdicts differ from the naive loop on ${differing.length} mutants`);
      }
    }
  }
  const rows: SuiteRow[] = suites.map((suite) => {
    rmSync(path.dirname(suite.directory), { recursive: true, force: true });
    const phaseMs = median(suite.runs.map((run) => run.mutantPhaseMs));
    const limitMs = median(suite.runs.map((run) => run.testMsPerMutant)) * mutants;
    const overheadMs = (phaseMs - limitMs) / mutants;
    const runOverheadMs = median(suite.runs.map((run) => run.runOverheadMs));
    const engineWallMs = median(suite.runs.map((run) => run.wallMs));
    const naivePart = suite.naive.length > 0 ? `, naive loop ${(median(suite.naive) / 1000).toFixed(1)} s (engine wall ${(engineWallMs / 1000).toFixed(1)} s: ${(median(suite.naive) / engineWallMs).toFixed(1)}x faster)` : '';
    const perRound = suite.runs.map((run) => ((run.mutantPhaseMs - run.testMsPerMutant * mutants) / mutants).toFixed(0)).join('/');
    console.log(
      `${String(mutants).padStart(4)} mutants, ${String(suite.tests).padStart(4)} tests: mutant phase ${(phaseMs / 1000).toFixed(2)} s vs limit ${(limitMs / 1000).toFixed(2)} s = ${(phaseMs / limitMs).toFixed(2)}x, ` +
        `overhead ${overheadMs.toFixed(1)} ms/mutant (rounds ${perRound}), inside a run ${runOverheadMs.toFixed(0)} ms${naivePart}`,
    );
    return { tests: suite.tests, overheadMs, runOverheadMs };
  });
  const [smallest, largest] = [rows[0], rows.at(-1)!];
  if (rows.length > 1) console.log(`${String(mutants).padStart(4)} mutants: overhead at ${largest.tests} / ${smallest.tests} tests = ${(largest.overheadMs / smallest.overheadMs).toFixed(2)}x per mutant, ${(largest.runOverheadMs / smallest.runOverheadMs).toFixed(2)}x inside a run`);
}

console.log(`python: ${python}; each covering test takes ${testSeconds * 1000} ms; 1 worker; suite sizes alternated in every round; medians`);
for (const mutants of mutantCounts) await measure(mutants);
