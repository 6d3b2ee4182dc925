/** Benchmark: wall time of `sleepmut list` (the CLI, one process) on the generated >= 50k-line tree written to disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { writeBenchTree } from './tree.js';
import { median } from './median.js';

const modules = Number(process.env.BENCH_MODULES ?? 200);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** BENCH_CLI: another build's dist/src/cli/main.js (e.g. an older commit's), to compare `sleepmut list` before and after on the same tree. */
const cli = process.env.BENCH_CLI ?? fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
/** The machine is shared: CPU time (user + system, reported by the child on exit) is the figure to compare, wall time is noisy. */
const reportCpu = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('cpu-ms '+((c.user+c.system)/1000)+'\\n')})`;

const root = mkdtempSync(path.join(os.tmpdir(), 'sleepmut-bench-list-'));
writeBenchTree(modules, root);
try {
  const wall: number[] = [];
  const cpu: number[] = [];
  let summary = '';
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    const { stdout, stderr } = await execa(process.execPath, ['--import', reportCpu, cli, 'list', 'src'], { cwd: root });
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push(Number(/cpu-ms ([\d.]+)/.exec(stderr)?.[1]));
    summary = stdout.trim().split('\n').at(-1) ?? '';
  }
  console.log(`sleepmut list on ${modules + 1} files, ${rounds} runs (medians): wall ${median(wall).toFixed(0)} ms, cpu ${median(cpu).toFixed(0)} ms; ${summary}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
