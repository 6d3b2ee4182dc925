/** Every disk and compression step must leave the event loop free while it works (a heartbeat keeps beating). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressJson, listTextFiles, readText, writeIndexFile } from '../../src/files.js';
import { makeCorpus, sampleFiles } from '../support/corpus.js';
import { assertResponsive } from 'sleepmut/helpers';

const dir = makeCorpus(sampleFiles);

describe('file access stays off the event loop', () => {
  it('lists text files', async () => {
    const files = await assertResponsive(() => listTextFiles(dir), { minTurns: 1 });
    expect(files).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('reads a file', async () => {
    const text = await assertResponsive(() => readText(path.join(dir, 'a.txt')), { minTurns: 1 });
    expect(text).toBe('one two three');
  });

  it('compresses on the thread pool', async () => {
    const compressed = await assertResponsive(() => compressJson({ a: 1 }), { minTurns: 1 });
    expect(JSON.parse(gunzipSync(compressed).toString())).toEqual({ a: 1 });
  });

  it('writes a file', async () => {
    const file = path.join(dir, 'index.bin');
    await assertResponsive(() => writeIndexFile(file, Buffer.from('data')), { minTurns: 1 });
    expect(readFileSync(file, 'utf8')).toBe('data');
  });
});
