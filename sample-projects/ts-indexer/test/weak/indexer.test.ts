/** Indexer tests as an assistant typically writes them: real files, real timers, a sleep before flushing, values only. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressJson, listTextFiles, readText, writeIndexFile } from '../../src/files.js';
import { IndexService } from '../../src/index-service.js';
import { indexDirectory } from '../../src/indexer.js';
import { countWords } from '../../src/words.js';
import { makeCorpus, sampleFiles } from '../support/corpus.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('files', () => {
  const dir = makeCorpus(sampleFiles);

  it('lists text files', async () => {
    expect(await listTextFiles(dir)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('reads a file', async () => {
    expect(await readText(path.join(dir, 'b.txt'))).toBe('four five');
  });

  it('writes a compressed index', async () => {
    const file = path.join(dir, 'index.gz');
    await writeIndexFile(file, await compressJson({ ok: true }));
    expect(JSON.parse(gunzipSync(readFileSync(file)).toString())).toEqual({ ok: true });
  });
});

describe('indexing', () => {
  it('counts words', async () => {
    expect(await countWords('a b\nc d e\n', 1)).toBe(5);
  });

  it('indexes a directory', async () => {
    const entries = await indexDirectory(makeCorpus(sampleFiles));
    expect(entries).toEqual([
      { file: 'a.txt', words: 3 },
      { file: 'b.txt', words: 2 },
      { file: 'c.txt', words: 1 },
    ]);
  });

  it('saves the index of scheduled directories', async () => {
    const dir = makeCorpus(sampleFiles);
    const output = path.join(makeCorpus({}), 'index.gz');
    const service = new IndexService({ output, pauseMs: 1 });
    await service.scheduleAll([dir]);
    await sleep(50);
    await service.flush();
    const saved = JSON.parse(gunzipSync(readFileSync(output)).toString());
    expect(saved[dir]).toHaveLength(3);
  });
});
