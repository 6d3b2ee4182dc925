/** Lists the JS/TS mutants sleepmut generates by running Stryker's own instrumenter with only sleepmut's mutators. */
import path from 'node:path';
import { configureMutators } from '../../mutators/settings.js';
import { sliceByLocation, withStableId, type ListedMutant } from '../report/mutant-list.js';
import { importInternal, loadInstrumenter } from './instrumenter.js';
import { applySelection } from './register.js';
import type { SleepmutOptions } from './options.js';

export interface SourceFile {
  /** Path as it should appear in the list (relative to the current directory). */
  name: string;
  content: string;
}

interface ApiMutant {
  fileName: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

interface StrykerInstrumenter {
  instrument(files: { name: string; content: string; mutate: boolean }[], options: object): Promise<{ mutants: ApiMutant[] }>;
}

const silentLogger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
};

export async function listJsMutants(files: readonly SourceFile[], options: SleepmutOptions): Promise<ListedMutant[]> {
  const internals = await loadInstrumenter();
  configureMutators(options);
  applySelection(internals.allMutators, { operators: options.operators, disableBuiltinMutators: true });
  const { Instrumenter } = await importInternal<{ Instrumenter: new (logger: object) => StrykerInstrumenter }>(internals.directory, 'dist/src/index.js');
  const contentByName = new Map(files.map((file) => [path.resolve(file.name), file]));
  const { mutants } = await new Instrumenter(silentLogger).instrument(
    files.map((file) => ({ name: path.resolve(file.name), content: file.content, mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [], noHeader: true },
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
