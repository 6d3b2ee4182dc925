/** `sleepmut list` on pinned published packages fetched from the npm registry, against a committed snapshot of every mutant's id, operator and location: a change in what sleepmut finds in real code shows in review (docs/precision-js.md has the verdicts). */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { repoRoot } from './support/stryker.js';
import type { ListedMutant } from '../../src/report/mutant-list.js';

/** Five of the libraries of the JS/TS evaluation whose published tarballs carry the evaluated code (source or its compiled twin); nano-spawn carries the evaluation's event waits (once, stored once, awaited exit promises). */
const packages = [
  { spec: 'cacache@21.0.1', paths: ['lib'] },
  { spec: 'fs-extra@11.3.6', paths: ['lib'] },
  { spec: 'nano-spawn@0.1.0', paths: ['source'] },
  { spec: 'reconnecting-websocket@4.4.0', paths: ['reconnecting-websocket.ts'] },
  { spec: 'rimraf@6.1.0', paths: ['dist/esm'] },
];

const cacheRoot = path.join(repoRoot, '.e2e', 'real-packages');
const cli = path.join(repoRoot, 'dist', 'src', 'cli', 'main.js');

/** Unpacks the registry tarball of `spec` once (`npm pack`: the tarball only, no dependencies, no install scripts) and returns its directory. */
async function unpacked(spec: string): Promise<string> {
  const dir = path.join(cacheRoot, spec.replace(/[@/]/g, '_'));
  const packageDir = path.join(dir, 'package');
  if (existsSync(packageDir)) return packageDir;
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const { stdout } = await execa('npm', ['pack', spec, '--json', '--pack-destination', staging], { cwd: staging });
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  await execa('tar', ['xzf', filename], { cwd: staging });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return packageDir;
}

it('lists the snapshotted mutants on pinned real packages', { timeout: 300_000 }, async () => {
  const roots = new Map<string, string>();
  for (const { spec } of packages) roots.set(spec, path.relative(cacheRoot, await unpacked(spec)));
  // One process for all packages: the instrumenter loads once.
  const paths = packages.flatMap(({ spec, paths }) => paths.map((p) => path.join(roots.get(spec)!, p)));
  const { stdout } = await execa('node', [cli, 'list', ...paths, '--json'], { cwd: cacheRoot });
  const { mutants } = JSON.parse(stdout) as { mutants: ListedMutant[] };
  const listed: Record<string, ListedMutant[]> = {};
  for (const { spec } of packages) {
    const prefix = `${roots.get(spec)!}/`;
    listed[spec] = mutants
      .filter((m) => m.file.startsWith(prefix))
      .map(({ id, operator, file, line, column, endLine, endColumn }) => ({ id, operator, file: file.slice(prefix.length), line, column, endLine, endColumn }));
  }
  expect(Object.values(listed).flat()).toHaveLength(mutants.length);
  await expect(`${JSON.stringify(listed, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/real-packages.json');
});
