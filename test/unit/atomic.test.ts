/** Reports are replaced atomically: readers see the old file or the new one, never a truncated one. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic.js';
import { scratchDir } from '../support/scratch.js';

describe('writeFileAtomic', () => {
  it('replaces the file by rename (the old file is never truncated) and leaves no temporary file', () => {
    const directory = scratchDir('sleepmut-atomic');
    const file = path.join(directory, 'reports', 'mutation.html');
    writeFileAtomic(file, 'old report');
    const oldInode = statSync(file).ino;
    writeFileAtomic(file, 'new report');
    expect(readFileSync(file, 'utf8')).toBe('new report');
    expect(statSync(file).ino).not.toBe(oldInode);
    expect(readdirSync(path.dirname(file))).toEqual(['mutation.html']);
  });
});
