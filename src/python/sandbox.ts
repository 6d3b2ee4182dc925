/** The sandbox: a throwaway copy of the user's project where instrumented files are written and tests run; the user's tree is never written. */
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onCleanup, removeDirectory } from './cleanup.js';

const skippedEverywhere = new Set(['.git', 'node_modules', '__pycache__', '.venv', '.pytest_cache', '.mypy_cache', '.tox']);
const skippedAtTop = new Set(['reports']);

export interface Sandbox {
  /** The project copy: tests run here. */
  readonly project: string;
  /** Scratch space for result files, outside the project copy. */
  readonly scratch: string;
}

export async function createSandbox(projectDirectory: string): Promise<Sandbox> {
  const container = await mkdtemp(path.join(os.tmpdir(), 'sleepmut-'));
  onCleanup(() => removeDirectory(container));
  const sandbox = { project: path.join(container, 'project'), scratch: path.join(container, 'scratch') };
  await cp(projectDirectory, sandbox.project, { recursive: true, verbatimSymlinks: true, filter: (source) => keep(projectDirectory, source) });
  await mkdir(sandbox.scratch);
  return sandbox;
}

function keep(projectDirectory: string, source: string): boolean {
  const name = path.basename(source);
  if (skippedEverywhere.has(name)) return false;
  return !(skippedAtTop.has(name) && path.dirname(source) === projectDirectory);
}

export async function writeIntoSandbox(sandbox: Sandbox, relativePath: string, content: string): Promise<void> {
  await writeFile(path.join(sandbox.project, relativePath), content);
}
