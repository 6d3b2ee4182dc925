/** Runs pytest in a fresh interpreter process in its own process group (killed on timeout or Ctrl-C): the baseline and import-time mutants. */
import { type ChildProcessWithoutNullStreams } from 'node:child_process';
import { onCleanup, killGroup } from './cleanup.js';
import { pythonEnvironment, type Interpreter } from './interpreter.js';
import { readPluginResult, type PytestRun } from './plugin.js';
import { spawnInOwnGroup, whenExited } from './group-spawn.js';

export interface FreshRun {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly resultFile: string;
  readonly env: Record<string, string>;
  readonly timeoutMs?: number;
  /** First on PYTHONPATH: the sandbox's import roots. */
  readonly importPaths: readonly string[];
}

/** Runs `python -m pytest args`; `output` collects the last part of stdout and stderr for error messages. */
export async function runFreshPytest(interpreter: Interpreter, run: FreshRun): Promise<PytestRun & { output: string }> {
  const started = Date.now();
  const child = spawnInOwnGroup(interpreter, ['-m', 'pytest', ...run.args], {
    cwd: run.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...pythonEnvironment({ SLEEPMUT_OUT: run.resultFile, ...run.env }, run.importPaths) },
  }) as ChildProcessWithoutNullStreams;
  const unregister = onCleanup(() => killGroup(child.pid));
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let timedOut = false;
  const watchdog = run.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), killGroup(child.pid)), run.timeoutMs);
  const signal = await whenExited(child);
  clearTimeout(watchdog);
  unregister();
  return { timedOut, signal: signal ?? undefined, result: await readPluginResult(run.resultFile), durationMs: Date.now() - started, output };
}
