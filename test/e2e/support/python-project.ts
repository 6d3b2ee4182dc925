/** Python fixture projects for e2e tests: a scratch copy with its own TMPDIR, byte snapshots of a tree, and the processes left in a directory. */
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { scratchDir } from '../../support/scratch.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const cli = path.join(repoRoot, 'dist/src/cli/main.js');
export const debianPython = '/usr/bin/python3';

export interface Project {
  directory: string;
  /** TMPDIR of the run: the sandbox goes here, so it must be empty afterwards. */
  scratch: string;
}

/** Fixtures that hold only the files in which they differ from `basic` (a failing test, an extra broken module). */
const overlaysOnBasic = new Set(['failing', 'syntax']);

export function copyFixture(name: string): Project {
  const root = scratchDir('sleepmut-e2e');
  const directory = path.join(root, name);
  if (overlaysOnBasic.has(name)) cpSync(path.join(repoRoot, 'test/fixtures/python/basic'), directory, { recursive: true });
  cpSync(path.join(repoRoot, 'test/fixtures/python', name), directory, { recursive: true });
  const scratch = path.join(root, 'tmp');
  cpSync(directory, scratch, { recursive: true, filter: (source) => source === directory });
  return { directory, scratch };
}

/** `sleepmut <args>` in the project, with the project's TMPDIR; stdout and stderr interleaved in `all`. */
export function sleepmut(project: Project, args: readonly string[], env: Record<string, string> = {}): ResultPromise<{ reject: false; all: true }> {
  return execa('node', [cli, ...args], { cwd: project.directory, reject: false, all: true, env: { TMPDIR: project.scratch, ...env } });
}

/** Every file, directory and symlink under `directory` with a hash of its bytes (symlinks: their target, not followed), except the top-level `reports` a successful run writes. */
export function snapshot(directory: string, relative = ''): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(path.join(directory, relative)).sort()) {
    const item = path.join(relative, name);
    if (item === 'reports') continue;
    const full = path.join(directory, item);
    const info = lstatSync(full);
    if (info.isSymbolicLink()) entries[item] = `-> ${readlinkSync(full)}`;
    else if (info.isDirectory()) Object.assign(entries, { [`${item}/`]: 'dir' }, snapshot(directory, item));
    else entries[item] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return entries;
}

/** Pids of live processes whose working directory is under `directory` (the sandbox's workers run there). */
export function processesWorkingIn(directory: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`).startsWith(directory);
      } catch {
        return false;
      }
    });
}
