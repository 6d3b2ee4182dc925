/** Lists the Python mutants sleepmut generates, with the same parse and walk as the engine. */
import path from 'node:path';
import type { MutatorSettings } from '../../mutators/settings.js';
import { configureMutators } from '../../mutators/settings.js';
import { withStableId, type ListedMutant } from '../report/mutant-list.js';
import type { SourceFile } from '../stryker/list-mutants.js';
import { enabledMutators, parsePythonProject, type PySite } from './parse.js';
import { positionTable, type PositionOf } from './positions.js';

export async function listPythonMutants(files: readonly SourceFile[], settings: MutatorSettings, operators: readonly string[]): Promise<ListedMutant[]> {
  configureMutators(settings);
  const mutators = enabledMutators(operators);
  const listed: ListedMutant[] = [];
  const parsedFiles = await parsePythonProject(files.map((file) => ({ name: file.name, source: file.content })), mutators);
  for (const [index, file] of files.entries()) {
    const parsed = parsedFiles[index];
    // Same wording as the JS side (src/cli/list.ts) and the same rule as the engine: a broken file is not mutated.
    if (parsed.hasSyntaxError) process.stderr.write(`sleepmut: skipped ${file.name}: it does not parse (syntax error)\n`);
    const positionOf = positionTable(file.content);
    listed.push(...parsed.sites.map((site) => listedMutant(file.name, file.content, site, positionOf)));
  }
  return listed;
}

export function listedMutant(fileName: string, source: string, site: PySite, positionOf: PositionOf): ListedMutant {
  const start = positionOf(site.start);
  const end = positionOf(site.end);
  return withStableId({
    operator: site.operator,
    file: fileName.split(path.sep).join('/'),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    original: source.slice(site.start, site.end),
    replacement: site.replacement,
  });
}
