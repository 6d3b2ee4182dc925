/** The Python engine's configuration: `[tool.sleepmut]` in pyproject.toml and/or sleepmut.config.json, validated by hand, with command-line overrides. */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { defaultOperatorsFor, operatorsFor } from '../../mutators/catalog.js';
import { defaultSettings } from '../../mutators/settings.js';
import { UsageError } from '../cli/errors.js';
import { describeRange, inRange, optionRanges, type RangedOption } from '../bounds.js';
import { projectPackages } from './packages.js';

export const reporterNames = ['html', 'json', 'clear-text', 'progress'] as const;
export type ReporterName = (typeof reporterNames)[number];

export interface Thresholds {
  high: number;
  low: number;
  break: number | null;
}

export interface PythonRunConfig {
  mutate: string[];
  testArgs: string[];
  python: string;
  concurrency: number;
  delayMs: number;
  backoffDelayMs: number;
  operators: string[];
  timeoutMs: number;
  timeoutFactor: number;
  /** The unmutated suite must finish within this; a hanging baseline ends the run with pytest's last lines. */
  baselineTimeoutMs: number;
  thresholds: Thresholds;
  reporters: ReporterName[];
}

export const pythonOperatorNames: readonly string[] = operatorsFor('python').map((operator) => operator.name);

export const defaultConfig: PythonRunConfig = {
  /** Empty here: loadConfig fills in the project's packages (packages.ts) unless a config source sets `mutate`. */
  mutate: [],
  testArgs: [],
  python: 'python3',
  concurrency: os.availableParallelism(),
  ...defaultSettings,
  operators: defaultOperatorsFor('python').map((operator) => operator.name),
  timeoutMs: 3000,
  timeoutFactor: 1.5,
  baselineTimeoutMs: 1_800_000,
  thresholds: { high: 80, low: 60, break: null },
  reporters: ['html', 'json', 'clear-text', 'progress'],
};

type Check = (value: unknown) => boolean;

const isStringList: Check = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');
const ranged = (option: RangedOption): [Check, string] => [(value) => inRange(value, optionRanges[option]), describeRange(optionRanges[option])];
const isPercentage: Check = (value) => typeof value === 'number' && value >= 0 && value <= 100;
const isSubsetOf =
  (allowed: readonly string[]): Check =>
  (value) =>
    isStringList(value) && (value as string[]).every((item) => allowed.includes(item));

const checks: Record<keyof PythonRunConfig, [Check, string]> = {
  mutate: [isStringList, 'a list of glob strings'],
  testArgs: [isStringList, 'a list of pytest argument strings'],
  python: [(value) => typeof value === 'string' && value !== '', 'an interpreter path'],
  concurrency: ranged('concurrency'),
  delayMs: ranged('delayMs'),
  backoffDelayMs: ranged('backoffDelayMs'),
  operators: [isSubsetOf(pythonOperatorNames), `a list of operator names (${pythonOperatorNames.join(', ')})`],
  timeoutMs: ranged('timeoutMs'),
  timeoutFactor: ranged('timeoutFactor'),
  baselineTimeoutMs: ranged('baselineTimeoutMs'),
  thresholds: [isThresholds, 'an object {high, low, break} of percentages (break may be null)'],
  reporters: [isSubsetOf(reporterNames), `a list of reporter names (${reporterNames.join(', ')})`],
};

function isThresholds(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.every(([key, item]) => ['high', 'low', 'break'].includes(key) && (isPercentage(item) || (key === 'break' && item === null)));
}

/** Reads both config sources in `directory` (JSON wins over pyproject.toml) and applies `overrides` from the command line. */
export function loadConfig(directory: string, overrides: Partial<PythonRunConfig>): PythonRunConfig {
  const configured = { ...readPyproject(directory), ...readJsonConfig(directory), ...overrides };
  const merged = { ...defaultConfig, mutate: configured.mutate ?? projectPackages(directory).mutate, ...configured };
  return { ...merged, thresholds: { ...defaultConfig.thresholds, ...merged.thresholds } };
}

function readPyproject(directory: string): Partial<PythonRunConfig> {
  const file = path.join(directory, 'pyproject.toml');
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  const toml = parseOrThrow('pyproject.toml', text, () => parseToml(text));
  const section = (toml.tool as Record<string, unknown> | undefined)?.sleepmut;
  return section === undefined ? {} : validated('pyproject.toml [tool.sleepmut]', section);
}

function readJsonConfig(directory: string): Partial<PythonRunConfig> {
  const file = path.join(directory, 'sleepmut.config.json');
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  return validated('sleepmut.config.json', parseOrThrow('sleepmut.config.json', text, () => JSON.parse(text)));
}

function parseOrThrow<T>(source: string, text: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/^Invalid TOML document: /, '').replace(/ in JSON at position \d+.*$/, '');
    throw new UsageError(`${source}: cannot parse at ${where(error as Error & { line?: number; column?: number }, text)}: ${message}`);
  }
}

/** "line 3, column 1" of a TOML error (smol-toml gives both) or a JSON error (Node gives the offset in its message). */
function where(error: Error & { line?: number; column?: number }, text: string): string {
  if (typeof error.line === 'number') return `line ${error.line}, column ${error.column}`;
  const offset = Number(/at position (\d+)/.exec(error.message)?.[1] ?? text.length);
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

export function validated(source: string, section: unknown): Partial<PythonRunConfig> {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) throw new UsageError(`${source}: must be a table/object of settings`);
  for (const [key, value] of Object.entries(section)) {
    if (!(key in checks)) throw new UsageError(`${source}: unknown key '${key}' (known: ${Object.keys(checks).join(', ')})`);
    const [check, expected] = checks[key as keyof PythonRunConfig];
    if (!check(value)) throw new UsageError(`${source}: '${key}' must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return section as Partial<PythonRunConfig>;
}
