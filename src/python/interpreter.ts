/** The Python interpreter the run uses: resolving it, checking it has pytest, compiling sources with it, and the environment every Python process gets. */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { SleepmutError } from '../cli/errors.js';

export interface Interpreter {
  /** What the user named (resolved against the project when it is a relative path). */
  readonly command: string;
  readonly executable: string;
  readonly version: string;
  readonly hasPytestTimeout: boolean;
}

interface ProbeResult {
  executable: string;
  version: string;
  pytest: boolean;
  pytestTimeout: boolean;
  compileErrors: Record<string, string | null>;
}

/** The package's `python/` directory (runtime, pytest plugin, worker), found from this module whether it runs from `src` or `dist/src`. */
export const runtimeDirectory: string = findRuntimeDirectory(path.dirname(fileURLToPath(import.meta.url)));

function findRuntimeDirectory(from: string): string {
  const candidate = path.join(from, 'python', 'sleepmut_runtime.py');
  if (existsSync(candidate)) return path.dirname(candidate);
  if (path.dirname(from) === from) throw new Error('sleepmut: cannot find its python/ runtime directory');
  return findRuntimeDirectory(path.dirname(from));
}

/** `importPaths` go first on PYTHONPATH (the sandbox's copies of the mutated packages), then sleepmut's runtime, then the user's PYTHONPATH. */
export function pythonEnvironment(extra: Record<string, string> = {}, importPaths: readonly string[] = []): Record<string, string> {
  const inherited = process.env.PYTHONPATH ? [process.env.PYTHONPATH] : [];
  return { PYTHONPATH: [...importPaths, runtimeDirectory, ...inherited].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1', ...extra };
}

export async function findInterpreter(command: string, projectDirectory: string): Promise<Interpreter> {
  const resolved = command.includes('/') ? path.resolve(projectDirectory, command) : command;
  const probe = await runProbe(resolved, []);
  if (!probe.pytest) throw new SleepmutError(`sleepmut: pytest is not installed for ${probe.executable} (Python ${probe.version}); install it there or name another interpreter with --python PATH`);
  return { command: resolved, executable: probe.executable, version: probe.version, hasPytestTimeout: probe.pytestTimeout };
}

/** Compile errors per file (null when the file compiles), checked by the run's interpreter. */
export async function compileErrors(interpreter: Interpreter, files: readonly string[]): Promise<Record<string, string | null>> {
  return (await runProbe(interpreter.command, files)).compileErrors;
}

async function runProbe(command: string, files: readonly string[]): Promise<ProbeResult> {
  const result = await execa(command, [path.join(runtimeDirectory, 'sleepmut_probe.py'), ...files], { reject: false, env: pythonEnvironment() });
  if (result.failed && (result.code === 'ENOENT' || result.code === 'EACCES')) throw new SleepmutError(`sleepmut: Python interpreter '${command}' not found; set "python" in the config or pass --python PATH`);
  if (result.failed) throw new SleepmutError(`sleepmut: Python interpreter '${command}' failed to start (${exitOf(result)}): ${lastLine(result.stderr) ?? 'it printed nothing on stderr'}`);
  try {
    return JSON.parse(result.stdout) as ProbeResult;
  } catch {
    const printed = lastLine(result.stdout) ?? lastLine(result.stderr);
    throw new SleepmutError(`sleepmut: '${command}' does not behave like a Python interpreter: it ran sleepmut's probe script and ${printed ? `printed '${printed.slice(0, 200)}'` : 'printed nothing'} (${exitOf(result)}); pass a Python 3 executable with --python PATH`);
  }
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').at(-1)?.trim() || undefined;
}

function exitOf(result: { exitCode?: number; signal?: string }): string {
  return result.signal ? `signal ${result.signal}` : `exit status ${result.exitCode ?? 'unknown'}`;
}
