/** Vitest global setup for the e2e project: builds and packs sleepmut once per run; every e2e file installs that tarball. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sleepmutTarball: string;
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Returns the teardown that removes the tarball's directory after the run. */
export default async function setup(project: TestProject): Promise<() => void> {
  await execa('npm', ['run', 'build'], { cwd: repoRoot });
  const destination = mkdtempSync(path.join(tmpdir(), 'sleepmut-pack-'));
  const { stdout } = await execa('npm', ['pack', '--json', '--pack-destination', destination], { cwd: repoRoot });
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  project.provide('sleepmutTarball', path.join(destination, filename));
  return () => rmSync(destination, { recursive: true, force: true });
}
