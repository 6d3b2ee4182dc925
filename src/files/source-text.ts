/** Source files as text without losing bytes: UTF-8 when the bytes are UTF-8, else Latin-1 (one character per byte), so text written back in the same encoding is byte-identical. */
import { readFile } from 'node:fs/promises';

export type SourceEncoding = 'utf8' | 'latin1';

export interface SourceText {
  readonly text: string;
  readonly encoding: SourceEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSource(bytes: Uint8Array): SourceText {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
  }
}

export async function readSource(file: string): Promise<SourceText> {
  return decodeSource(await readFile(file));
}
