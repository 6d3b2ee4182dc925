/** `sleepmut run`: parses flags (everything after `--` goes to pytest), runs the Python engine, and turns signals and a closed pipe into a clean exit (interruption.ts). */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type PythonRunConfig } from '../python/config.js';
import { runCleanup } from '../python/cleanup.js';
import { runEngine } from '../python/engine.js';
import { handleInterruptions } from '../python/interruption.js';
import { reportError, UsageError } from './errors.js';
import { joinNegativeValues, numberInRange } from './numbers.js';
import { optionRanges } from '../bounds.js';

export const runUsage = `Usage: sleepmut run [--cwd DIR] [--mutate GLOB]... [--python PATH] [--concurrency N] [-- pytest args...]

Mutates the Python files matched by --mutate (or "mutate" in [tool.sleepmut] of pyproject.toml
or sleepmut.config.json), runs the covering pytest tests against each mutant in a sandbox copy,
and writes reports/mutation/mutation.json, mutation.html and reports/sleepmut/summary.json.

Config keys: mutate, testArgs, python, concurrency, delayMs, backoffDelayMs, operators,
timeoutMs, timeoutFactor, baselineTimeoutMs, thresholds {high, low, break}, reporters (html, json, clear-text, progress).

Exit codes: 0 done; 1 the run failed or the score is under thresholds.break; 2 bad usage or config;
129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM, 141 output closed (partial reports when mutants ran).
`;

interface RunArguments {
  directory: string;
  overrides: Partial<PythonRunConfig>;
}

export async function runCommand(args: string[]): Promise<number> {
  const stopHandling = handleInterruptions();
  try {
    const { directory, overrides } = parseRunArguments(args);
    return await runEngine(directory, loadConfig(directory, overrides));
  } catch (error) {
    return reportError(error);
  } finally {
    runCleanup();
    stopHandling();
  }
}

export function parseRunArguments(args: readonly string[]): RunArguments {
  const separator = args.indexOf('--');
  const flags = separator === -1 ? args : args.slice(0, separator);
  const values = parseFlags(flags);
  const overrides: Partial<PythonRunConfig> = {};
  if (values.mutate) overrides.mutate = values.mutate;
  if (values.python) overrides.python = values.python;
  if (values.concurrency !== undefined) overrides.concurrency = numberInRange(values.concurrency, '--concurrency', optionRanges.concurrency, 'sleepmut run');
  if (separator !== -1) overrides.testArgs = args.slice(separator + 1);
  return { directory: existingDirectory(path.resolve(values.cwd ?? '.'), values.cwd), overrides };
}

function parseFlags(flags: readonly string[]) {
  try {
    return parseArgs({
      args: joinNegativeValues(flags, ['--concurrency']),
      strict: true,
      allowPositionals: false,
      options: {
        mutate: { type: 'string', multiple: true },
        python: { type: 'string' },
        concurrency: { type: 'string' },
        cwd: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`sleepmut run: ${(error as Error).message.split('. ')[0]} (flags: --mutate GLOB, --python PATH, --concurrency N, --cwd DIR, -- PYTEST_ARGS)`);
  }
}

function existingDirectory(directory: string, given: string | undefined): string {
  const info = statSync(directory, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`sleepmut run: ${given === undefined ? 'the current directory' : `--cwd ${given}`}: the directory does not exist`);
  if (!info.isDirectory()) throw new UsageError(`sleepmut run: --cwd ${given}: not a directory`);
  return directory;
}
