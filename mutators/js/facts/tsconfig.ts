/** The nearest tsconfig.json of a file and the compiler flags a replacement must satisfy (`noUnusedLocals`, `noUnusedParameters`), read once per tsconfig, `extends` followed. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const nearest = new Map<string, string | null>();

/** The tsconfig.json that governs `dir`: the nearest one, not above the package root; looked up once per directory. */
export function nearestTsconfig(dir: string): string | undefined {
  if (!nearest.has(dir)) nearest.set(dir, findTsconfig(dir) ?? null);
  return nearest.get(dir) ?? undefined;
}

function findTsconfig(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (existsSync(path.join(current, 'package.json')) || current === path.dirname(current)) return undefined;
  }
}

export interface UnusedChecks {
  locals: boolean;
  parameters: boolean;
}

const none: UnusedChecks = { locals: false, parameters: false };
const checks = new Map<string, UnusedChecks>();

/** Whether the compiler reports unused locals / parameters in `file` (a file under no tsconfig: neither). */
export function unusedChecks(file: string): UnusedChecks {
  let known = byFile.get(file);
  if (!known) byFile.set(file, (known = readUnusedChecks(file)));
  return known;
}

const byFile = new Map<string, UnusedChecks>();

function readUnusedChecks(file: string): UnusedChecks {
  const tsconfig = nearestTsconfig(path.dirname(path.resolve(file)));
  if (!tsconfig) return none;
  if (!checks.has(tsconfig)) {
    const options = compilerOptions(tsconfig, 0);
    checks.set(tsconfig, { locals: options.noUnusedLocals === true, parameters: options.noUnusedParameters === true });
  }
  return checks.get(tsconfig)!;
}

/** The compiler options of a tsconfig file, its `extends` chain applied; empty when it cannot be read. */
function compilerOptions(file: string, depth: number): Record<string, unknown> {
  const config = readJsonc(file);
  if (!config || depth > 8) return {};
  const bases = (Array.isArray(config.extends) ? config.extends : [config.extends]).filter((base): base is string => typeof base === 'string');
  const inherited = bases.map((base) => resolveBase(file, base)).filter((base): base is string => base !== undefined).map((base) => compilerOptions(base, depth + 1));
  const own = typeof config.compilerOptions === 'object' && config.compilerOptions !== null ? (config.compilerOptions as Record<string, unknown>) : {};
  return Object.assign({}, ...inherited, own) as Record<string, unknown>;
}

function resolveBase(from: string, base: string): string | undefined {
  if (base.startsWith('.') || path.isAbsolute(base)) {
    const resolved = path.resolve(path.dirname(from), base);
    return [resolved, `${resolved}.json`].find((candidate) => existsSync(candidate));
  }
  const require = createRequire(from);
  for (const specifier of [base, `${base}/tsconfig.json`]) {
    try {
      return require.resolve(specifier);
    } catch {
      // not this spelling
    }
  }
  return undefined;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function readJsonc(file: string): Record<string, unknown> | undefined {
  try {
    const text = readFileSync(file, 'utf8')
      .replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_match, string: string | undefined) => string ?? '')
      .replace(/,(\s*[}\]])/g, '$1');
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
