/** Indexes every text file of a directory, analysing all files concurrently. */
import path from 'node:path';
import { listTextFiles, readText } from './files.js';
import { countWords } from './words.js';

export interface IndexEntry {
  file: string;
  words: number;
}

export type Analyzer = (text: string) => Promise<number>;

export async function indexDirectory(dir: string, analyze: Analyzer = countWords): Promise<IndexEntry[]> {
  const files = await listTextFiles(dir);
  return Promise.all(files.map(async (file) => ({ file, words: await analyze(await readText(path.join(dir, file))) })));
}
