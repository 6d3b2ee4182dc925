/** Lists the JS/TS mutants sleepmut generates by running Stryker's own instrumenter with only sleepmut's mutators. */
import path from 'node:path';
import { configureMutators } from '../../mutators/settings.js';
import { sliceByLocation, withStableId, type ListedMutant } from '../report/mutant-list.js';
import { createInstrumenter, instrumentOptions, loadInstrumenter, ownCorePackageJson, type InstrumenterInternals, type StrykerInstrumenter } from './instrumenter.js';
import { readingParser } from './reading-parser.js';
import { applySelection } from './register.js';
import type { SleepmutOptions } from './options.js';

export interface SourceFile {
  /** Path as it should appear in the list (relative to the current directory). */
  name: string;
  content: string;
}

/** Loaded once per process: `sleepmut list` instruments file by file. */
let loaded: Promise<{ internals: InstrumenterInternals; instrumenter: StrykerInstrumenter }> | undefined;

/** Stryker's instrumenter from sleepmut's own installation, with a parser that loads no project configuration; throws one line when Stryker is missing. */
export function loadListInstrumenter() {
  loaded ??= (async () => {
    const internals = await loadInstrumenter(ownCorePackageJson());
    return { internals, instrumenter: await createInstrumenter(internals, await readingParser(internals.directory)) };
  })();
  return loaded;
}

export async function listJsMutants(files: readonly SourceFile[], options: SleepmutOptions): Promise<ListedMutant[]> {
  const { internals, instrumenter } = await loadListInstrumenter();
  configureMutators(options);
  applySelection(internals.allMutators, { operators: options.operators, disableBuiltinMutators: true });
  const contentByName = new Map(files.map((file) => [path.resolve(file.name), file]));
  const { mutants } = await instrumenter.instrument(
    files.map((file) => ({ name: path.resolve(file.name), content: file.content, mutate: true })),
    instrumentOptions,
  );
  return mutants.map((mutant) => {
    const file = contentByName.get(mutant.fileName)!;
    const start = { line: mutant.location.start.line + 1, column: mutant.location.start.column };
    const end = { line: mutant.location.end.line + 1, column: mutant.location.end.column };
    return withStableId({
      operator: mutant.mutatorName,
      file: file.name.split(path.sep).join('/'),
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      original: sliceByLocation(file.content, start, end),
      replacement: mutant.replacement,
    });
  });
}
