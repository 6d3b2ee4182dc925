/** What the Python benchmarks compare: the naive loop's verdicts (each mutant written into the file, a fresh `python -m pytest` of the whole suite, the file restored) and the engine's, read from its mutation.json. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { glob } from 'tinyglobby';
import { defaultSettings } from '../mutators/settings.js';
import type { PythonRunConfig } from '../src/python/config.js';
import { pythonEnvironment } from '../src/python/interpreter.js';
import { listPythonMutants } from '../src/python/list.js';
import { applyMutant, type ListedMutant } from '../src/report/mutant-list.js';

export type Verdict = 'detected' | 'undetected';

const naiveTimeoutMs = 30_000;

export async function projectMutants(directory: string, config: PythonRunConfig): Promise<ListedMutant[]> {
  const files = (await glob(config.mutate, { cwd: directory })).filter((file) => file.endsWith('.py')).sort();
  const sources = files.map((name) => ({ name, content: readFileSync(path.join(directory, name), 'utf8') }));
  return listPythonMutants(sources, { ...defaultSettings, delayMs: config.delayMs, backoffDelayMs: config.backoffDelayMs }, config.operators);
}

export async function naiveLoop(python: string, directory: string, mutants: readonly ListedMutant[], testArgs: string[]): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  for (const mutant of mutants) {
    const file = path.join(directory, mutant.file);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, applyMutant(original, mutant));
    const run = await execa(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...testArgs], { cwd: directory, reject: false, timeout: naiveTimeoutMs, env: pythonEnvironment() });
    writeFileSync(file, original);
    verdicts.set(mutant.id, run.exitCode === 0 ? 'undetected' : 'detected');
  }
  return verdicts;
}

export function engineVerdicts(directory: string): Map<string, Verdict> {
  const report = JSON.parse(readFileSync(path.join(directory, 'reports/mutation/mutation.json'), 'utf8')) as { files: Record<string, { mutants: { id: string; status: string }[] }> };
  const mutants = Object.values(report.files).flatMap((file) => file.mutants);
  return new Map(mutants.map((mutant) => [mutant.id, ['Killed', 'Timeout'].includes(mutant.status) ? 'detected' : 'undetected']));
}
