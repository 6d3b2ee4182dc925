/** Temporary directories of text files for indexer tests: one per corpus and test process, removed after each test file. */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const created = new Set<string>();

// Best effort: a test runner that bails or is killed skips it, so directories are named to be reused, not piled up.
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
});

export function makeCorpus(files: Record<string, string>): string {
  const digest = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 12);
  const dir = path.join(tmpdir(), `ts-indexer-${process.pid}-${digest}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  created.add(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export const sampleFiles = { 'a.txt': 'one two three', 'b.txt': 'four five', 'c.txt': 'six', 'notes.md': 'not indexed' };
