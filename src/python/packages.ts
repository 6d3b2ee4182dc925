/**
 * The default files to mutate: the project's own packages, never its tests, examples, docs or build scripts.
 * In order: the packages pyproject.toml declares (setuptools `packages` / `packages.find` / `package-dir` /
 * `py-modules`, poetry `packages`, hatch wheel `packages`, flit `module`); else a src layout (`src/<pkg>/__init__.py`);
 * else top-level packages (directories with `__init__.py`) that are not tests/examples/docs/scripts; else top-level
 * modules that are not build or test scripts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** Never the project's code, wherever they sit. */
export const notPackageCode = ['!**/tests/**', '!**/test/**', '!**/test_*.py', '!**/*_test.py', '!**/conftest.py', '!**/docs/**', '!**/examples/**'];

/** Directories at the top that hold no package code. */
const NOT_PACKAGES = new Set(['tests', 'test', 'testing', 'examples', 'example', 'docs', 'doc', 'docs_src', 'benchmarks', 'bench', 'scripts', 'tools', 'build', 'dist', 'site-packages', 'node_modules', 'venv', 'reports']);
/** Top-level modules that build, test or document the project. */
const BUILD_SCRIPTS = new Set(['setup.py', 'noxfile.py', 'dodo.py', 'conftest.py', 'fabfile.py', 'tasks.py', 'pavement.py', 'conf.py', 'manage.py', 'runtests.py']);

export interface PackageSelection {
  /** Globs relative to the project (with `notPackageCode` exclusions appended). */
  readonly mutate: string[];
  /** Where they came from, for messages: `pyproject.toml [tool.poetry] packages`, `src layout`, ... */
  readonly source: string;
}

/** A directory that declares a Python project. */
export function isPythonProject(directory: string): boolean {
  return ['pyproject.toml', 'setup.py', 'setup.cfg'].some((name) => existsSync(path.join(directory, name)));
}

export function projectPackages(directory: string): PackageSelection {
  const declared = declaredPackages(directory);
  const found = declared ?? srcLayout(directory) ?? topLevelPackages(directory) ?? topLevelModules(directory);
  if (!found) return { mutate: ['**/*.py', ...notPackageCode, ...[...BUILD_SCRIPTS].map((name) => `!${name}`)], source: 'every Python file (no package found)' };
  return { mutate: [...found.mutate, ...notPackageCode], source: found.source };
}

type Found = PackageSelection | undefined;

function asGlobs(paths: readonly string[]): string[] {
  return paths.map((entry) => entry.replace(/\\/g, '/').replace(/\/$/, '')).map((entry) => (entry.endsWith('.py') ? entry : `${entry}/**/*.py`));
}

function declaredPackages(directory: string): Found {
  const file = path.join(directory, 'pyproject.toml');
  if (!existsSync(file)) return undefined;
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined; // the config loader reports a broken pyproject.toml
  }
  const tool = (toml.tool ?? {}) as Record<string, any>;
  return setuptoolsPackages(directory, tool.setuptools) ?? poetryPackages(tool.poetry) ?? hatchPackages(tool.hatch) ?? flitModule(directory, tool.flit);
}

function setuptoolsPackages(directory: string, setuptools: Record<string, any> | undefined): Found {
  if (!setuptools) return undefined;
  const root = typeof setuptools['package-dir']?.[''] === 'string' ? setuptools['package-dir'][''] : '';
  const under = (entry: string) => path.posix.join(root, entry);
  const modules = Array.isArray(setuptools['py-modules']) ? setuptools['py-modules'].map((name: string) => under(`${name}.py`)) : [];
  if (Array.isArray(setuptools.packages)) {
    // Listed packages name their subpackages too: the top-level ones are enough for the globs.
    const listed = (setuptools.packages as string[]).filter((name) => !(setuptools.packages as string[]).some((other) => name.startsWith(`${other}.`)));
    return { mutate: asGlobs([...listed.map((name) => under(name.replaceAll('.', '/'))), ...modules]), source: 'pyproject.toml [tool.setuptools] packages' };
  }
  const find = setuptools.packages?.find;
  if (find) {
    const wheres: string[] = Array.isArray(find.where) ? find.where : ['.'];
    const found = wheres.flatMap((where) => packageDirectories(path.join(directory, where)).map((name) => path.posix.join(where, name)));
    const include: string[] = Array.isArray(find.include) ? find.include : [];
    const included = include.length ? found.filter((entry) => include.some((pattern) => globMatch(pattern, path.posix.basename(entry)))) : found;
    if (included.length) return { mutate: asGlobs([...included, ...modules]), source: 'pyproject.toml [tool.setuptools.packages.find]' };
  }
  return modules.length ? { mutate: asGlobs(modules), source: 'pyproject.toml [tool.setuptools] py-modules' } : undefined;
}

function poetryPackages(poetry: Record<string, any> | undefined): Found {
  const packages = poetry?.packages;
  if (!Array.isArray(packages) || packages.length === 0) return undefined;
  const paths = packages.filter((entry) => typeof entry?.include === 'string').map((entry) => path.posix.join(typeof entry.from === 'string' ? entry.from : '', entry.include));
  return paths.length ? { mutate: asGlobs(paths.map((entry) => entry.replace(/\/\*\*.*$/, ''))), source: 'pyproject.toml [tool.poetry] packages' } : undefined;
}

function hatchPackages(hatch: Record<string, any> | undefined): Found {
  const packages = hatch?.build?.targets?.wheel?.packages ?? hatch?.build?.packages;
  return Array.isArray(packages) && packages.length ? { mutate: asGlobs(packages), source: 'pyproject.toml [tool.hatch] wheel packages' } : undefined;
}

function flitModule(directory: string, flit: Record<string, any> | undefined): Found {
  const name = flit?.module?.name;
  if (typeof name !== 'string') return undefined;
  const candidates = [name, `src/${name}`, `${name}.py`, `src/${name}.py`].filter((entry) => existsSync(path.join(directory, entry)));
  return candidates.length ? { mutate: asGlobs(candidates.slice(0, 1)), source: 'pyproject.toml [tool.flit.module]' } : undefined;
}

function srcLayout(directory: string): Found {
  const packages = packageDirectories(path.join(directory, 'src')).map((name) => `src/${name}`);
  return packages.length ? { mutate: asGlobs(packages), source: 'src layout' } : undefined;
}

function topLevelPackages(directory: string): Found {
  const packages = packageDirectories(directory).filter((name) => !NOT_PACKAGES.has(name.toLowerCase()));
  return packages.length ? { mutate: asGlobs(packages), source: 'top-level packages' } : undefined;
}

function topLevelModules(directory: string): Found {
  const modules = entries(directory).filter((name) => name.endsWith('.py') && !BUILD_SCRIPTS.has(name) && !/^test_|_test\.py$/.test(name));
  return modules.length ? { mutate: modules, source: 'top-level modules' } : undefined;
}

/** Directories directly in `directory` that hold an `__init__.py`. */
function packageDirectories(directory: string): string[] {
  return entries(directory).filter((name) => !name.startsWith('.') && isDirectory(path.join(directory, name)) && existsSync(path.join(directory, name, '__init__.py')));
}

function entries(directory: string): string[] {
  try {
    return readdirSync(directory).sort();
  } catch {
    return [];
  }
}

function isDirectory(entry: string): boolean {
  try {
    return statSync(entry).isDirectory();
  } catch {
    return false;
  }
}

/** setuptools' `include` patterns: fnmatch-style `*` and `?` on the package name. */
function globMatch(pattern: string, name: string): boolean {
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${expression}$`).test(name);
}
