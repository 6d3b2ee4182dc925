/** File access for the indexer: fs/promises and the zlib thread pool, so the event loop stays free while the disk works. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export async function listTextFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((name) => name.endsWith('.txt')).sort();
}

export async function readText(file: string): Promise<string> {
  return await readFile(file, 'utf8');
}

export async function compressJson(value: unknown): Promise<Buffer> {
  return await gzipAsync(JSON.stringify(value));
}

export async function writeIndexFile(file: string, data: Buffer): Promise<void> {
  await writeFile(file, data);
}
