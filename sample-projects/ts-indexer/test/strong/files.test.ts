/** Every disk and compression step must leave the event loop free while it works (a heartbeat keeps beating). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressJson, listTextFiles, readText, writeIndexFile } from '../../src/files.js';
import { makeCorpus, sampleFiles } from '../support/corpus.js';
import { eventLoopTurnsDuring } from '../support/event-loop.js';
import { assertResponsive } from 'sleepmut/helpers';

const dir = makeCorpus(sampleFiles);

describe('file access stays off the event loop', () => {
  it('lists text files', async () => {
    const { result, turns } = await eventLoopTurnsDuring(() => listTextFiles(dir));
    expect(result).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(turns).toBeGreaterThan(0);
  });

  it('reads a file', async () => {
    const text = await assertResponsive(() => readText(path.join(dir, 'a.txt')), { minTurns: 1 });
    expect(text).toBe('one two three');
  });

  it('compresses on the thread pool', async () => {
    const { result, turns } = await eventLoopTurnsDuring(() => compressJson({ a: 1 }));
    expect(JSON.parse(gunzipSync(result).toString())).toEqual({ a: 1 });
    expect(turns).toBeGreaterThan(0);
  });

  it('writes a file', async () => {
    const file = path.join(dir, 'index.bin');
    const { turns } = await eventLoopTurnsDuring(() => writeIndexFile(file, Buffer.from('data')));
    expect(readFileSync(file, 'utf8')).toBe('data');
    expect(turns).toBeGreaterThan(0);
  });
});
