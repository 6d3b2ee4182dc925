/** The sandbox: a throwaway copy of the user's project where instrumented files are written and tests run; the user's tree is never written. */
import { lstatSync, readlinkSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readlink, realpath, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isInside } from '../files/inside.js';
import { onCleanup, removeDirectory } from './cleanup.js';

const skippedEverywhere = new Set(['.git', 'node_modules', '__pycache__', '.venv', '.pytest_cache', '.mypy_cache', '.tox']);
const skippedAtTop = new Set(['reports']);

export interface Sandbox {
  /** The project copy: tests run here. */
  readonly project: string;
  /** Scratch space for result files, outside the project copy. */
  readonly scratch: string;
  /** The user's project directory the copy was made from. */
  readonly original: string;
  /** Sandbox directories that go first on PYTHONPATH, so the tests import the instrumented copies (see import-roots.ts). */
  readonly importPaths: readonly string[];
}

export async function createSandbox(projectDirectory: string): Promise<Sandbox> {
  const container = await mkdtemp(path.join(os.tmpdir(), 'sleepmut-'));
  onCleanup(() => removeDirectory(container));
  const sandbox = { project: path.join(container, 'project'), scratch: path.join(container, 'scratch'), original: path.resolve(projectDirectory), importPaths: [] as string[] };
  const links: string[] = [];
  const filter = (source: string) => keep(projectDirectory, source) && (lstatSync(source).isSymbolicLink() ? links.push(source) > 0 : true);
  await cp(projectDirectory, sandbox.project, { recursive: true, verbatimSymlinks: true, filter });
  await Promise.all(links.map((link) => repoint(projectDirectory, sandbox.project, link)));
  await mkdir(sandbox.scratch);
  return sandbox;
}

function keep(projectDirectory: string, source: string): boolean {
  const name = path.basename(source);
  if (skippedEverywhere.has(name)) return false;
  return !(skippedAtTop.has(name) && path.dirname(source) === projectDirectory);
}

/**
 * Makes the sandbox copy of `link` point where the original points, as seen from the sandbox: a target inside the
 * copied project becomes a relative link inside the sandbox; any other target (a sibling directory, a skipped
 * directory such as .venv) becomes an absolute link to the original, so imports and data files resolve as in place.
 */
async function repoint(projectDirectory: string, sandboxProject: string, link: string): Promise<void> {
  const target = path.resolve(path.dirname(link), readlinkSync(link));
  const copy = path.join(sandboxProject, path.relative(projectDirectory, link));
  const copiedTarget = isInside(projectDirectory, target) && isCopied(projectDirectory, target);
  const repointed = copiedTarget ? path.relative(path.dirname(link), target) || '.' : target;
  if ((await readlink(copy)) === repointed) return;
  await unlink(copy);
  await symlink(repointed, copy);
}

function isCopied(projectDirectory: string, target: string): boolean {
  const parts = path.relative(projectDirectory, target).split(path.sep);
  return !parts.some((part) => skippedEverywhere.has(part)) && !skippedAtTop.has(parts[0]);
}

/** An empty pytest cache directory for one pytest process (`name`), outside the project copy; pytest creates it when it writes. */
export function cacheDirectoryOf(sandbox: Sandbox, name: string): string {
  return path.join(sandbox.scratch, 'pytest-cache', name);
}

/** Writes a file of the sandbox, never through a symlink and never outside the sandbox's project copy. */
export async function writeIntoSandbox(sandbox: Sandbox, relativePath: string, content: string | Uint8Array): Promise<void> {
  const file = path.resolve(sandbox.project, relativePath);
  const realDirectory = await realpath(path.dirname(file));
  if (!isInside(sandbox.project, file) || !isInside(await realpath(sandbox.project), realDirectory)) {
    throw new Error(`sleepmut: refusing to write ${relativePath} outside the sandbox`);
  }
  if ((await lstat(file).catch(() => undefined))?.isSymbolicLink()) await unlink(file);
  await writeFile(file, content);
}
