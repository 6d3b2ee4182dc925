/** Locates the Stryker instrumenter that `@stryker-mutator/core` itself loads, and guards its version and layout. */
import { createRequire } from 'node:module';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsMutator } from '../../mutators/js/ast.js';
import { setModuleParser } from '../../mutators/js/facts/parser.js';

export const supportedStrykerRange = '9.x or 10.x';
const supportedMajors = [9, 10];

export class UnsupportedStrykerError extends Error {}

export interface InstrumenterInternals {
  readonly version: string;
  readonly directory: string;
  /** The array the instrumenter iterates for every AST node; pushing into it registers a mutator. */
  readonly allMutators: JsMutator[];
}

/** Finds core's package.json: the copy running this process if there is one, else the one resolvable from `fromDirectory`. */
export function findCorePackageJson(fromDirectory = process.cwd()): string {
  const running = runningCorePackageJson();
  if (running) return running;
  for (const base of [path.join(fromDirectory, 'noop.js'), import.meta.url]) {
    try {
      return createRequire(base).resolve('@stryker-mutator/core/package.json');
    } catch {
      // try the next base
    }
  }
  throw new UnsupportedStrykerError(
    `sleepmut: cannot find @stryker-mutator/core from ${fromDirectory}; install it (npm i -D @stryker-mutator/core, ${supportedStrykerRange})`,
  );
}

/** Stryker's CLI and its worker processes run scripts inside core's own directory. */
function runningCorePackageJson(): string | undefined {
  const script = process.argv[1];
  if (!script) return undefined;
  // `npx stryker` starts node_modules/.bin/stryker, a symlink into core: follow it.
  const real = existsSync(script) ? realpathSync(script) : path.resolve(script);
  for (let dir = path.dirname(real); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      return readPackage(candidate).name === '@stryker-mutator/core' ? candidate : undefined;
    }
  }
  return undefined;
}

function readPackage(file: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
}

export function instrumenterDirectory(corePackageJson: string): string {
  return path.dirname(createRequire(corePackageJson).resolve('@stryker-mutator/instrumenter/package.json'));
}

/** Loads the instrumenter internals or throws an UnsupportedStrykerError whose message is one line naming the supported range. */
export async function loadInstrumenter(corePackageJson = findCorePackageJson()): Promise<InstrumenterInternals> {
  const directory = instrumenterDirectory(corePackageJson);
  const version = readPackage(path.join(directory, 'package.json')).version ?? 'unknown';
  const major = Number(version.split('.')[0]);
  if (!supportedMajors.includes(major)) {
    throw new UnsupportedStrykerError(
      `sleepmut: Stryker instrumenter ${version} is not supported (supported: ${supportedStrykerRange}); install a supported @stryker-mutator/core`,
    );
  }
  const allMutators = await importInternal<{ allMutators?: unknown }>(directory, 'dist/src/mutators/mutate.js')
    .then((module) => module.allMutators)
    .catch(() => undefined);
  if (!Array.isArray(allMutators)) {
    throw new UnsupportedStrykerError(
      `sleepmut: Stryker instrumenter ${version} has an unknown layout (no allMutators in dist/src/mutators/mutate.js); supported: ${supportedStrykerRange}`,
    );
  }
  useInstrumenterBabel(directory);
  return { version, directory, allMutators: allMutators as JsMutator[] };
}

/** The project facts pass parses imported modules with the instrumenter's own Babel parser, so their ASTs match the mutated file's. */
function useInstrumenterBabel(directory: string): void {
  try {
    const babelCore = createRequire(path.join(directory, 'package.json')).resolve('@babel/core');
    const parser = createRequire(babelCore)('@babel/parser') as { parse: Parameters<typeof setModuleParser>[0] };
    setModuleParser(parser.parse);
  } catch {
    // Without a parser the facts stay file-local; the operators still work on what they see.
  }
}

/** Deep import past the package's `exports` map, which only exposes `.` and `./package.json`. */
export function importInternal<T>(instrumenterDir: string, file: string): Promise<T> {
  return import(pathToFileURL(path.join(instrumenterDir, file)).href) as Promise<T>;
}

export interface ApiMutant {
  fileName: string;
  mutatorName: string;
  replacement: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface StrykerInstrumenter {
  instrument(files: { name: string; content: string; mutate: boolean }[], options: object): Promise<{ mutants: ApiMutant[] }>;
}

/** What Stryker passes by default, minus the header comment (irrelevant outside a sandbox). */
export const instrumentOptions = { plugins: null, excludedMutations: [], ignorers: [], noHeader: true };

const silentLogger = Object.fromEntries([
  ...['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((level) => [level, () => undefined]),
  ...['Trace', 'Debug', 'Info', 'Warn', 'Error', 'Fatal'].map((level) => [`is${level}Enabled`, () => false]),
]);

/** An instance of the instrumenter's own class, outside Stryker's dependency injection; `createParser` replaces its parser factory. */
export async function createInstrumenter(internals: InstrumenterInternals, createParser?: (options: object) => unknown): Promise<StrykerInstrumenter> {
  const { Instrumenter } = await importInternal<{ Instrumenter: new (logger: object, createParser?: unknown) => StrykerInstrumenter }>(internals.directory, 'dist/src/index.js');
  return new Instrumenter(silentLogger, createParser);
}

/**
 * Core's package.json as resolved from sleepmut's own installation, never from the project: code under the project's
 * node_modules is the project's code. Throws one line saying what to install.
 */
export function ownCorePackageJson(from: string = import.meta.url): string {
  try {
    return createRequire(from).resolve('@stryker-mutator/core/package.json');
  } catch {
    throw new UnsupportedStrykerError(
      `sleepmut: listing JavaScript/TypeScript mutants needs Stryker next to sleepmut; install it (npm i -D @stryker-mutator/core, ${supportedStrykerRange}) or list only Python files`,
    );
  }
}
