/** The files a run mutates: the mutate globs, refused when a pattern reaches outside the project, each real file once and only real files inside the project. */
import { glob } from 'tinyglobby';
import { SleepmutError, UsageError } from '../cli/errors.js';
import { patternStaysInside, realFilesInside } from '../files/inside.js';

const neverMutated = ['**/.venv/**', '**/node_modules/**', '**/.git/**', '**/__pycache__/**', 'reports/**'];

export interface Selection {
  /** Real paths relative to the project, sorted. */
  readonly files: string[];
  readonly warnings: string[];
}

/** Throws before anything is read or written when a pattern names files outside `projectDirectory` (absolute, `../`). */
export function assertPatternsInside(patterns: readonly string[], projectDirectory: string): void {
  const outside = patterns.find((pattern) => !patternStaysInside(pattern));
  if (outside !== undefined) {
    throw new UsageError(`sleepmut: mutate pattern '${outside}' reaches outside the project directory ${projectDirectory}; sleepmut only mutates files inside it`);
  }
}

export async function selectFiles(patterns: readonly string[], projectDirectory: string): Promise<Selection> {
  assertPatternsInside(patterns, projectDirectory);
  const matched = (await glob([...patterns], { cwd: projectDirectory, ignore: neverMutated })).filter((file) => file.endsWith('.py'));
  const { files, outside } = realFilesInside(projectDirectory, matched);
  if (files.length === 0) throw new SleepmutError(`sleepmut: no Python files match the mutate globs (${patterns.join(', ')})`);
  return { files: files.sort(), warnings: outside.map((file) => `skipped ${file}: a symlink to a file outside the project (not mutated)`) };
}
