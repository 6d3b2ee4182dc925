/** Behavioural checks for operators: imports a snippet as an ES module before and after one mutant is applied to its text. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MutantText } from './harness.js';
import { scratchDir } from '../support/scratch.js';

/** A snippet's exports; snippets export async functions the tests call. */
export type LoadedModule = Record<string, (...args: any[]) => Promise<any>>;

/** `code` with the mutant's original text (which must occur exactly once) replaced. */
export function applyMutant(code: string, mutant: MutantText): string {
  const parts = code.split(mutant.original);
  if (parts.length !== 2) throw new Error(`expected exactly one occurrence of ${JSON.stringify(mutant.original)}`);
  return parts.join(mutant.replacement);
}

/** The original module and the mutated one, both imported from fresh files. */
export async function importOriginalAndMutant(code: string, mutant: MutantText): Promise<[LoadedModule, LoadedModule]> {
  return [await importCode(code), await importCode(applyMutant(code, mutant))];
}

async function importCode(code: string): Promise<LoadedModule> {
  const file = path.join(scratchDir('sleepmut-eval'), 'module.mjs');
  await writeFile(file, code);
  return import(/* @vite-ignore */ pathToFileURL(file).href);
}
