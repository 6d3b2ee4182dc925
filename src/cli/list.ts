/** `sleepmut list`: every mutant the operators would generate for the given paths, without running tests. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { defaultOperatorsFor, operatorNames, type OperatorName } from '../../mutators/catalog.js';
import { compareMutants, type ListedMutant } from '../report/mutant-list.js';
import { listJsMutants, loadListInstrumenter, type SourceFile } from '../stryker/list-mutants.js';
import { jsOperatorNames, withDefaults, type SleepmutOptions } from '../stryker/options.js';
import { listPythonMutants } from '../python/list.js';
import { isPythonProject, projectPackages } from '../python/packages.js';
import { oneNamePerRealFile } from '../files/inside.js';
import { readSource } from '../files/source-text.js';
import { SleepmutError, UsageError } from './errors.js';
import { joinNegativeValues, numberInRange } from './numbers.js';
import { optionRanges } from '../bounds.js';
import { writePatches } from './patches.js';

const jsExtensions = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
const sourceGlob = `**/*.{${[...jsExtensions, 'py'].join(',')}}`;
/** Directories expand to source files, minus what Stryker's default `mutate` leaves out (tests, builds, dependencies). */
const ignoredInDirectories = [
  '**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/reports/**', '**/.stryker-tmp/**',
  '**/__pycache__/**', '**/.venv/**', '**/venv/**', '**/*.d.ts', '**/*.{test,spec}.*', '**/{test,tests,__tests__}/**',
  '**/test_*.py', '**/*_test.py', '**/conftest.py', '**/*.config.*', '**/*.conf.*',
];

/** Far above any hand-written source; a bigger "source" is data or a device, and would not fit in a string. */
const largestSourceBytes = 50e6;

export const listUsage = `sleepmut list [paths...] [options]

  Prints every mutant sleepmut's operators would generate, without running tests.
  Paths are files or directories (default: .). Directories expand to JS/TS and Python
  sources, skipping tests, node_modules, build output and config files; in a Python
  project directory, Python files are its packages (as sleepmut run mutates them).

  --json                    one JSON document {"mutants": [...]} instead of a table
  --patches DIR             also write DIR/<id>.patch per mutant: a unified diff (git apply -p1)
  --operators A,B           only these operators (default: all but the opt-in NestedEventLoop)
  --delay-ms N              injected sleep in ms (default 500)
  --backoff-delay-ms N      fixed retry delay in ms for FlattenBackoff (default 2000)
`;

export async function listCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseListArgs(args);
  const settings = {
    delayMs: numberInRange(values['delay-ms'], '--delay-ms', optionRanges.delayMs, 'sleepmut list') ?? withDefaults({}).delayMs,
    backoffDelayMs: numberInRange(values['backoff-delay-ms'], '--backoff-delay-ms', optionRanges.backoffDelayMs, 'sleepmut list') ?? withDefaults({}).backoffDelayMs,
  };
  const operators = selectedOperators(values.operators);
  const files = await expandPaths(positionals.length ? positionals : ['.']);
  const read = await Promise.all(files.map(async (name) => ({ name: name.split(path.sep).join('/'), ...(await readSource(name)) })));
  const sources: SourceFile[] = read.map((file) => ({ name: file.name, content: file.text }));
  const mutants = await listMutants(sources, settings, operators);
  if (values.patches) await writePatches(values.patches, mutants, new Map(read.map((file) => [file.name, file])));
  process.stdout.write(values.json ? `${JSON.stringify({ mutants }, null, 2)}\n` : formatTable(mutants));
  return 0;
}

function parseListArgs(args: string[]) {
  try {
    return parseArgs({
      args: joinNegativeValues(args, ['--delay-ms', '--backoff-delay-ms']),
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        patches: { type: 'string' },
        operators: { type: 'string' },
        'delay-ms': { type: 'string' },
        'backoff-delay-ms': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`sleepmut list: ${(error as Error).message.split('\n')[0]} (see sleepmut list --help)`);
  }
}

function selectedOperators(value: string | undefined): OperatorName[] {
  const known = operatorNames;
  if (value === undefined) return [...new Set([...defaultOperatorsFor('js'), ...defaultOperatorsFor('python')].map((operator) => operator.name as OperatorName))];
  const requested = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = requested.filter((name) => !known.includes(name as OperatorName));
  if (unknown.length) throw new UsageError(`sleepmut list: unknown operator ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return requested as OperatorName[];
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files = await Promise.all(paths.map(async (entry) => {
    const info = await stat(entry).catch(() => {
      throw new UsageError(`sleepmut list: no such file or directory: ${entry}`);
    });
    if (!info.isDirectory() && !info.isFile()) throw new UsageError(`sleepmut list: not a regular file or directory: ${entry}`);
    if (info.isFile() && info.size > largestSourceBytes) throw new UsageError(`sleepmut list: ${entry} is ${Math.round(info.size / 1e6)} MB; sleepmut lists source files up to ${largestSourceBytes / 1e6} MB`);
    if (!info.isDirectory()) return [entry];
    const found = await glob(sourceGlob, { cwd: entry, ignore: ignoredInDirectories, dot: false });
    // In a Python project (pyproject.toml, setup.py or setup.cfg), Python files are its packages, as `sleepmut run` mutates them.
    const packages = isPythonProject(entry) ? new Set(await glob(projectPackages(entry).mutate, { cwd: entry, ignore: ignoredInDirectories })) : undefined;
    return found.filter((file) => !packages || !file.endsWith('.py') || packages.has(file)).map((file) => path.join(entry, file));
  }));
  return oneNamePerRealFile([...new Set(files.flat().map((file) => path.relative(process.cwd(), path.resolve(file))))]);
}

async function listMutants(sources: readonly SourceFile[], settings: { delayMs: number; backoffDelayMs: number }, operators: OperatorName[]): Promise<ListedMutant[]> {
  const python = sources.filter((file) => file.name.endsWith('.py'));
  const js = sources.filter((file) => !file.name.endsWith('.py'));
  const jsOperators = operators.filter((name) => jsOperatorNames.includes(name));
  const mutants = [
    ...(await listJsFiles(js, { ...settings, operators: jsOperators, disableBuiltinMutators: true })),
    ...(python.length ? await listPythonMutants(python, settings, operators) : []),
  ];
  return mutants.sort(compareMutants);
}

/** One file at a time, so a file that does not parse is skipped with a warning instead of failing the whole list. */
async function listJsFiles(files: readonly SourceFile[], options: SleepmutOptions): Promise<ListedMutant[]> {
  if (!files.length || !options.operators.length) return [];
  await loadListInstrumenter().catch((error: Error) => {
    throw new SleepmutError(error.message);
  });
  const mutants: ListedMutant[] = [];
  for (const file of files) {
    try {
      mutants.push(...(await listJsMutants([file], options)));
    } catch (error) {
      process.stderr.write(`sleepmut: skipped ${file.name}: it does not parse (${(error as Error).message.split('\n')[0]})\n`);
    }
  }
  return mutants;
}

function formatTable(mutants: readonly ListedMutant[]): string {
  const lines = mutants.map((m) => `${m.file}:${m.line}:${m.column + 1}  ${m.operator}  [${m.id}]\n    - ${oneLine(m.original)}\n    + ${oneLine(m.replacement)}`);
  const counts = new Map<string, number>();
  for (const m of mutants) counts.set(m.operator, (counts.get(m.operator) ?? 0) + 1);
  const perOperator = [...counts].map(([name, count]) => `${name} ${count}`);
  return `${lines.join('\n')}${lines.length ? '\n' : ''}${mutants.length} mutant(s)${perOperator.length ? `: ${perOperator.join(', ')}` : ''}\n`;
}

function oneLine(code: string): string {
  return code.replace(/\s*\n\s*/g, ' ');
}
