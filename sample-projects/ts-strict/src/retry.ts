/** Strict-TypeScript fixture: backoff math without a literal base, jitter, defaults, promisified fs calls. */
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { pauseFor } from './time.js';

const fsyncAsync = promisify(fs.fsync);

export interface RetryOptions {
  initialDelay: number;
  factor?: number;
  exponent: number;
}

export function* delays(options: RetryOptions): Generator<[number, number]> {
  for (let attempts = 0; ; attempts++) yield [options.initialDelay * 2 ** attempts, attempts + 1];
}

export async function retry<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  options.factor ??= 2;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt > 5) throw error;
      const delay = options.initialDelay * options.factor ** attempt;
      await pauseFor((delay + Math.random() * delay) / 2);
      await pauseFor(options.initialDelay * Math.pow(options.exponent, attempt) * (Math.random() + 1));
    }
  }
}

export async function flush(fd: number): Promise<void> {
  await fsyncAsync(fd);
  await promisify(fs.fsync)(fd);
}

export function readConfig(file: string): Promise<number> {
  return readFile(file, 'utf8').then((text) => text.length);
}
