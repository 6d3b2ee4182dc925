/** Finds the mutants of the files to mutate and writes each file's instrumented version into the sandbox, skipping files that cannot be mutated. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PyMutator } from '../../mutators/python/types.js';
import type { ListedMutant } from '../report/mutant-list.js';
import { instrument } from './instrument.js';
import { compileErrors, type Interpreter } from './interpreter.js';
import { listedMutant } from './list.js';
import { parsePythonProject } from './parse.js';
import { positionTable } from './positions.js';
import { writeIntoSandbox, type Sandbox } from './sandbox.js';
import { readSource, type SourceEncoding } from '../files/source-text.js';

export interface PyMutant extends ListedMutant {
  /** The id its switch tests for in the instrumented code. */
  readonly index: number;
}

export interface PreparedMutants {
  readonly mutants: PyMutant[];
  /** Original source of every file that has mutants. */
  readonly sources: Map<string, string>;
  readonly warnings: string[];
}

/** `contextFiles`: further project files read for facts only (a helper module outside the mutate globs). */
export async function prepareMutants(projectDirectory: string, files: readonly string[], sandbox: Sandbox, interpreter: Interpreter, mutators: readonly PyMutator[], contextFiles: readonly string[] = []): Promise<PreparedMutants> {
  const prepared: PreparedMutants = { mutants: [], sources: new Map(), warnings: [] };
  const encodings = new Map<string, SourceEncoding>();
  const read = (names: readonly string[]) =>
    Promise.all(names.map(async (name) => {
      const { text, encoding } = await readSource(path.join(projectDirectory, name));
      encodings.set(name, encoding);
      return { name, source: text };
    }));
  const context = await read(contextFiles.filter((file) => !files.includes(file)));
  const parsedFiles = await parsePythonProject(await read(files), mutators, context);
  for (const [index, file] of files.entries()) {
    const parsed = parsedFiles[index];
    const source = parsed.source;
    if (parsed.hasSyntaxError) prepared.warnings.push(`skipped ${file}: syntax error`);
    if (parsed.sites.length === 0) continue;
    const positionOf = positionTable(source);
    const sites = parsed.sites.map((site, offset) => ({ ...site, index: prepared.mutants.length + offset + 1 }));
    prepared.mutants.push(...sites.map((site) => ({ ...listedMutant(file, source, site, positionOf), index: site.index })));
    prepared.sources.set(file, source);
    await writeIntoSandbox(sandbox, file, Buffer.from(instrument(source, parsed.root, sites), encodings.get(file)));
  }
  await dropUncompilable(prepared, projectDirectory, sandbox, interpreter);
  return prepared;
}

/** tree-sitter accepts some invalid Python: the interpreter compiles every instrumented file, and files that fail are restored and skipped. */
async function dropUncompilable(prepared: PreparedMutants, projectDirectory: string, sandbox: Sandbox, interpreter: Interpreter): Promise<void> {
  const files = [...prepared.sources.keys()];
  const instrumentedErrors = await compileErrors(interpreter, files.map((file) => path.join(sandbox.project, file)));
  const failing = files.filter((file) => instrumentedErrors[path.join(sandbox.project, file)]);
  if (failing.length === 0) return;
  const originalErrors = await compileErrors(interpreter, failing.map((file) => path.join(projectDirectory, file)));
  for (const file of failing) {
    const originalError = originalErrors[path.join(projectDirectory, file)];
    const reason = originalError ? `syntax error (${originalError})` : `does not compile once instrumented (${instrumentedErrors[path.join(sandbox.project, file)]})`;
    prepared.warnings.push(`skipped ${file}: ${reason}`);
    await writeIntoSandbox(sandbox, file, await readFile(path.join(projectDirectory, file)));
    prepared.sources.delete(file);
  }
  prepared.mutants.splice(0, prepared.mutants.length, ...prepared.mutants.filter((mutant) => prepared.sources.has(mutant.file)));
}
