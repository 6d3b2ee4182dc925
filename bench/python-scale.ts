/** Benchmark: the Python engine's per-mutant cost against the limit (its covering tests' own time) at 50-800 mutants and 40-2,000 tests, and against the naive loop at 50 mutants; sides alternate, verdicts must agree. */
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
  verdicts: Map<string, Verdict>;
}

async function engineRun(directory: string, concurrency: number): Promise<EngineRun> {
  rmSync(path.join(directory, 'reports'), { recursive: true, force: true });
  const started = performance.now();
  const run = await execa('node', [path.join(repoRoot, 'dist/src/cli/main.js'), 'run', '--cwd', directory, '--python', python, '--concurrency', String(concurrency), '--mutate', 'app/**/*.py', '--', 'tests'], { reject: false });
  const wallMs = performance.now() - started;
  const phase = /mutants (\d+(?:\.\d+)?) s;/.exec(run.stderr);
  const perRun = /per mutant run \d+ ms: (\d+) ms in tests/.exec(run.stderr);
  if (!phase || !perRun) throw new Error(`engine run failed (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`);
  return { wallMs, mutantPhaseMs: Number(phase[1]) * 1000, testMsPerMutant: Number(perRun[1]), verdicts: engineVerdicts(directory) };
}

async function measure(mutants: number, tests: number): Promise<void> {
  const directory = generateProject(mutants, tests);
  const rounds = mutants <= 50 ? 3 : 1;
  const engine: EngineRun[] = [];
  const naive: number[] = [];
  let naiveVerdicts: Map<string, Verdict> | undefined;
  const listed = mutants <= naiveUpTo ? await projectMutants(directory, loadConfig(directory, { python, mutate: ['app/**/*.py'] })) : [];
  for (let round = 0; round < rounds; round++) {
    engine.push(await engineRun(directory, 1));
    if (listed.length > 0) {
      const started = performance.now();
      naiveVerdicts = await naiveLoop(python, directory, listed, ['tests']);
      naive.push(performance.now() - started);
    }
  }
  rmSync(path.dirname(directory), { recursive: true, force: true });
  const phaseMs = median(engine.map((run) => run.mutantPhaseMs));
  const limitMs = median(engine.map((run) => run.testMsPerMutant)) * mutants;
  const overheadMs = (phaseMs - limitMs) / mutants;
  const naivePart = naive.length > 0 ? `, naive loop ${(median(naive) / 1000).toFixed(1)} s (engine wall ${(median(engine.map((run) => run.wallMs)) / 1000).toFixed(1)} s: ${(median(naive) / median(engine.map((run) => run.wallMs))).toFixed(1)}x faster)` : '';
  console.log(`${String(mutants).padStart(4)} mutants, ${String(tests).padStart(4)} tests: mutant phase ${(phaseMs / 1000).toFixed(1)} s vs limit ${(limitMs / 1000).toFixed(1)} s = ${(phaseMs / limitMs).toFixed(2)}x, overhead ${overheadMs.toFixed(0)} ms/mutant${naivePart}`);
  if (naiveVerdicts) {
    const differing = [...naiveVerdicts].filter(([id, verdict]) => engine.at(-1)!.verdicts.get(id) !== verdict);
    if (differing.length > 0) throw new Error(`verdicts differ from the naive loop on ${differing.length} mutants`);
  }
}

console.log(`python: ${python}; each covering test takes ${testSeconds * 1000} ms; 1 worker; medians of 3 rounds at 50 mutants, 1 round above`);
for (const tests of testCounts) for (const mutants of mutantCounts) await measure(mutants, Math.max(tests, mutants));
