/** Runs one operator through Stryker's real instrumenter on a snippet: the table tests' single entry point. */
import { listJsMutants } from '../../src/stryker/list-mutants.js';
import { withDefaults, type SleepmutOptions } from '../../src/stryker/options.js';
import type { OperatorName } from '../../mutators/catalog.js';

export interface MutantText {
  original: string;
  replacement: string;
}

/** The mutants `operator` generates for `code`, as original/replacement text pairs in source order. */
export async function mutantsOf(operator: OperatorName, code: string, fileName = 'input.ts', options: Partial<SleepmutOptions> = {}): Promise<MutantText[]> {
  const mutants = await listJsMutants([{ name: fileName, content: code }], withDefaults({ ...options, operators: [operator] }));
  return mutants.map(({ original, replacement }) => ({ original, replacement }));
}

/**
 * The mutants `operator` generates in `target` of a small project written to disk (`files`: relative path -> code),
 * so the project facts can follow imports into the other modules.
 */
export async function projectMutantsOf(operator: OperatorName, files: Record<string, string>, target: string, root: string): Promise<MutantText[]> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), code);
  }
  const mutants = await listJsMutants([{ name: path.relative(process.cwd(), path.join(root, target)), content: files[target] }], withDefaults({ operators: [operator] }));
  return mutants.map(({ original, replacement }) => ({ original, replacement }));
}
