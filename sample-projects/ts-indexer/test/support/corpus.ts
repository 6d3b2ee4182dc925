/** Temporary directories of text files for indexer tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function makeCorpus(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-indexer-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export const sampleFiles = { 'a.txt': 'one two three', 'b.txt': 'four five', 'c.txt': 'six', 'notes.md': 'not indexed' };
