/** Defect-injected variants as patches: one `git apply`-able unified diff per mutant, named by its stable id. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyMutant, type ListedMutant } from '../report/mutant-list.js';

/** Writes `<directory>/<id>.patch` for every mutant; `sources` maps each listed file to its text. */
export async function writePatches(directory: string, mutants: readonly ListedMutant[], sources: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(directory, { recursive: true });
  await Promise.all(mutants.map((mutant) => writeFile(path.join(directory, `${mutant.id}.patch`), mutantPatch(mutant, sources.get(mutant.file)!))));
}

export function mutantPatch(mutant: ListedMutant, source: string): string {
  const header = `${mutant.operator} at ${mutant.file}:${mutant.line}:${mutant.column + 1} (sleepmut mutant ${mutant.id})`;
  const diff = createTwoFilesPatch(`a/${mutant.file}`, `b/${mutant.file}`, source, applyMutant(source, mutant));
  return `${header}\n${diff.replace(/^=+\n/, '')}`;
}
