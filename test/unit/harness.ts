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
