/** Benchmark: `sleepmut list --patches` against `sleepmut list` alone on generated 20,000-line files (Python and TypeScript); patches must cost at most 1.5x. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { median } from './median.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/src/cli/main.js');
const lines = Number(process.env.BENCH_LINES ?? 20_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** Functions of 4 lines (Python) or 5 lines (TypeScript), each with one timing site. */
function pythonSource(): string {
  const functions = Array.from({ length: Math.floor((lines - 2) / 4) }, (_, index) => `async def nap_${index}():\n    await asyncio.sleep(0.1)\n    return ${index}\n\n`);
  return `import asyncio\n\n${functions.join('')}`;
}

function typescriptSource(): string {
  const functions = Array.from({ length: Math.floor((lines - 2) / 5) }, (_, index) => `export async function connect${index}(socket: EventEmitter) {\n  await once(socket, 'connect');\n  return ${index};\n}\n\n`);
  return `import { once, type EventEmitter } from 'node:events';\n\n${functions.join('')}`;
}

async function medianMs(args: string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await execa('node', [cli, 'list', ...args], { cwd, stdout: 'ignore' });
    times.push(performance.now() - started);
    rmSync(path.join(cwd, 'patches'), { recursive: true, force: true });
  }
  return median(times);
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'sleepmut-bench-patches-'));
  try {
    console.log(`| file | lines | mutants | list (ms) | list --patches (ms) | ratio |`);
    console.log(`|---|---|---|---|---|---|`);
    for (const [name, source] of [['generated.py', pythonSource()], ['generated.ts', typescriptSource()]] as const) {
      writeFileSync(path.join(directory, name), source);
      const { stdout } = await execa('node', [cli, 'list', name, '--json'], { cwd: directory });
      const mutants = (JSON.parse(stdout) as { mutants: unknown[] }).mutants.length;
      const alone = await medianMs([name, '--json'], directory);
      const withPatches = await medianMs([name, '--json', '--patches', 'patches'], directory);
      console.log(`| ${name} | ${source.split('\n').length - 1} | ${mutants} | ${alone.toFixed(0)} | ${withPatches.toFixed(0)} | ${(withPatches / alone).toFixed(2)} |`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
