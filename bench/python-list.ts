/**
 * Benchmark: `sleepmut list` on Python (parse, project facts, every operator), in ms per 10k lines; target < 1 s.
 * Without arguments it lists a synthetic package of ~12k lines built from the repository's own Python samples (each
 * copy a module of one package, importing its neighbours, so the facts pass resolves names across modules).
 * With arguments it lists those directories instead (e.g. unpacked sdists): `node dist/bench/python-list.js DIR...`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { glob } from 'tinyglobby';
import { isPythonProject, projectPackages } from '../src/python/packages.js';
import { median } from './median.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');
const rounds = 5;

async function syntheticPackage(): Promise<string> {
  const samples = (await glob(['sample-projects/py-service/app/*.py', 'test/fixtures/python/*/app/*.py', 'test/fixtures/python/*/src/**/*.py'], { cwd: repoRoot, ignore: ['test/fixtures/python/syntax/**'] }))
    .filter((file) => !file.endsWith('__init__.py'))
    .sort()
    .map((file) => readFileSync(path.join(repoRoot, file), 'utf8'));
  const root = mkdtempSync(path.join(tmpdir(), 'sleepmut-bench-list-'));
  const directory = path.join(root, 'project');
  mkdirSync(path.join(directory, 'pkg'), { recursive: true });
  writeFileSync(path.join(directory, 'pyproject.toml'), '[project]\nname = "pkg"\n');
  writeFileSync(path.join(directory, 'pkg/__init__.py'), '');
  let lines = 0;
  for (let index = 0; lines < 12_000; index++) {
    const source = `from . import m${Math.max(0, index - 1)} as previous\n${samples[index % samples.length]}`;
    writeFileSync(path.join(directory, `pkg/m${index}.py`), source);
    lines += source.split('\n').length;
  }
  return directory;
}

/** Lines of the Python files `sleepmut list` reads: a project's packages, or every file of a plain directory. */
async function pythonLines(directories: readonly string[]): Promise<number> {
  let lines = 0;
  for (const directory of directories) {
    const patterns = isPythonProject(directory) ? projectPackages(directory).mutate : ['**/*.py'];
    for (const file of await glob(patterns, { cwd: directory, ignore: ['**/.venv/**', '**/node_modules/**'] })) {
      if (file.endsWith('.py')) lines += readFileSync(path.join(directory, file), 'utf8').split('\n').length;
    }
  }
  return lines;
}

/** Wall and CPU (user + system) seconds of one `sleepmut list` process, from bash's `time`. */
async function timedList(directories: readonly string[]): Promise<{ wallMs: number; cpuMs: number; mutants: number }> {
  const quoted = directories.map((directory) => `'${directory.replaceAll("'", "'\\''")}'`).join(' ');
  const run = await execa('bash', ['-c', `TIMEFORMAT='%R %U %S'; { time node '${cli}' list --json ${quoted} > "$OUT"; } 2>&1 | tail -1`], { env: { OUT: outputFile } });
  const [wall, user, system] = run.stdout.trim().split(/\s+/).map(Number);
  return { wallMs: wall * 1000, cpuMs: (user + system) * 1000, mutants: (JSON.parse(readFileSync(outputFile, 'utf8')) as { mutants: unknown[] }).mutants.length };
}

const outputFile = path.join(tmpdir(), `sleepmut-bench-list-${process.pid}.json`);

async function main(): Promise<void> {
  const given = process.argv.slice(2);
  const directories = given.length ? given : [await syntheticPackage()];
  const lines = await pythonLines(directories);
  const runs = [];
  for (let round = 0; round < rounds; round++) runs.push(await timedList(directories));
  rmSync(outputFile, { force: true });
  if (!given.length) rmSync(path.dirname(directories[0]), { recursive: true, force: true });
  const [wallMs, cpuMs] = [median(runs.map((run) => run.wallMs)), median(runs.map((run) => run.cpuMs))];
  const per10k = (ms: number) => ((ms / lines) * 10_000).toFixed(0);
  console.log(`${given.length ? directories.map((directory) => path.basename(directory)).join(' ') : 'synthetic package'}: ${lines} lines of Python listed, ${runs[0].mutants} mutants`);
  console.log(`sleepmut list (whole process, median of ${rounds}): wall ${wallMs.toFixed(0)} ms = ${per10k(wallMs)} ms per 10k lines; CPU ${cpuMs.toFixed(0)} ms = ${per10k(cpuMs)} ms per 10k lines`);
}

await main();
