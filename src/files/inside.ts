/** Containment: which paths lie inside a directory, and file lists with each real file once (symlink loops and aliases collapse). */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** True when `target` is `root` itself or below it (both resolved, no symlinks followed). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(target));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** A glob pattern that can only match inside the directory it is resolved against (a leading `!` negates, so it cannot widen). */
export function patternStaysInside(pattern: string): boolean {
  if (pattern.startsWith('!')) return true;
  if (path.isAbsolute(pattern) || /^[a-zA-Z]:[\\/]/.test(pattern)) return false;
  return !path.posix.normalize(pattern.replace(/\\/g, '/')).split(/[/{},]/).includes('..');
}

export interface RealFiles {
  /** Paths relative to the root of the real files inside it, each once (the first name a file was found under wins). */
  readonly files: string[];
  /** Names (as given) whose real file lies outside the root. */
  readonly outside: string[];
}

/** Resolves every name against `root`, drops second names of one real file and sorts out the files that really live outside `root`. */
export function realFilesInside(root: string, names: readonly string[]): RealFiles {
  const realRoot = realpathSync(root);
  const seen = new Set<string>();
  const result: RealFiles = { files: [], outside: [] };
  for (const name of [...names].sort(byDepthThenName)) {
    const real = realpathSync(path.resolve(root, name));
    if (seen.has(real)) continue;
    seen.add(real);
    if (isInside(realRoot, real)) result.files.push(path.relative(realRoot, real));
    else result.outside.push(name);
  }
  return result;
}

/** `names` without second names of one real file (a symlink loop or an alias), in their original order. */
export function oneNamePerRealFile(names: readonly string[]): string[] {
  const firstName = new Map<string, string>();
  const reals = new Map(names.map((name) => [name, realpathSync(name)]));
  const realFirst = (a: string, b: string) => Number(reals.get(b) === path.resolve(b)) - Number(reals.get(a) === path.resolve(a));
  for (const name of [...names].sort((a, b) => realFirst(a, b) || byDepthThenName(a, b))) {
    const real = reals.get(name)!;
    if (!firstName.has(real)) firstName.set(real, name);
  }
  const kept = new Set(firstName.values());
  return names.filter((name) => kept.has(name));
}

/** Files reached through a symlink loop have longer names: shorter names first keeps the name a person would use. */
function byDepthThenName(a: string, b: string): number {
  return a.split(/[\\/]/).length - b.split(/[\\/]/).length || a.localeCompare(b);
}
