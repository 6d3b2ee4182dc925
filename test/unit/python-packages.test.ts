/** Table tests for the Python engine's default files: the project's packages, never tests, examples, docs or build scripts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/python/config.js';
import { projectPackages } from '../../src/python/packages.js';
import { scratchDir } from '../support/scratch.js';

const noise = ['tests/test_a.py', 'tests/conftest.py', 'examples/demo.py', 'docs/conf.py', 'setup.py', 'noxfile.py', 'dodo.py', 'conftest.py'];

/** Writes the files (empty, or the given text) into a fresh project and returns the Python files the default selection mutates. */
async function selected(files: readonly string[], pyproject?: string): Promise<{ files: string[]; source: string }> {
  const directory = scratchDir('sleepmut-packages-');
  for (const file of [...files, ...noise]) {
    mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    writeFileSync(path.join(directory, file), '');
  }
  if (pyproject !== undefined) writeFileSync(path.join(directory, 'pyproject.toml'), pyproject);
  const selection = projectPackages(directory);
  return { files: (await glob(selection.mutate, { cwd: directory })).filter((file) => file.endsWith('.py')).sort(), source: selection.source };
}

describe('default files to mutate', () => {
  it.each([
    ['top-level packages, not tests/examples/docs', ['pkg/__init__.py', 'pkg/core.py', 'pkg/tests/test_core.py', 'examples/__init__.py', 'scripts/__init__.py'], undefined, ['pkg/__init__.py', 'pkg/core.py'], 'top-level packages'],
    ['a src layout', ['src/pkg/__init__.py', 'src/pkg/sub/mod.py', 'tools/gen.py'], undefined, ['src/pkg/__init__.py', 'src/pkg/sub/mod.py'], 'src layout'],
    ['[tool.setuptools] packages with package-dir', ['lib/pkg/__init__.py', 'lib/pkg/a.py', 'other/__init__.py'], '[tool.setuptools]\npackages = ["pkg", "pkg.sub"]\npackage-dir = {"" = "lib"}\n', ['lib/pkg/__init__.py', 'lib/pkg/a.py'], 'pyproject.toml [tool.setuptools] packages'],
    ['[tool.setuptools.packages.find] where/include', ['src/keep/__init__.py', 'src/skip/__init__.py'], '[tool.setuptools.packages.find]\nwhere = ["src"]\ninclude = ["keep*"]\n', ['src/keep/__init__.py'], 'pyproject.toml [tool.setuptools.packages.find]'],
    ['[tool.setuptools] py-modules', ['single.py', 'other.py'], '[tool.setuptools]\npy-modules = ["single"]\n', ['single.py'], 'pyproject.toml [tool.setuptools] py-modules'],
    ['[tool.poetry] packages with from', ['src/app/__init__.py', 'src/app/x.py', 'app2/__init__.py'], '[tool.poetry]\npackages = [{ include = "app", from = "src" }]\n', ['src/app/__init__.py', 'src/app/x.py'], 'pyproject.toml [tool.poetry] packages'],
    ['[tool.hatch] wheel packages', ['src/h/__init__.py', 'extra/__init__.py'], '[tool.hatch.build.targets.wheel]\npackages = ["src/h"]\n', ['src/h/__init__.py'], 'pyproject.toml [tool.hatch] wheel packages'],
    ['[tool.flit.module]', ['fmod/__init__.py', 'other/__init__.py'], '[tool.flit.module]\nname = "fmod"\n', ['fmod/__init__.py'], 'pyproject.toml [tool.flit.module]'],
    ['top-level modules, not build scripts', ['mylib.py', 'test_mylib.py'], undefined, ['mylib.py'], 'top-level modules'],
  ] as const)('%s', async (_name, files, pyproject, expected, source) => {
    expect(await selected(files, pyproject)).toEqual({ files: expected, source });
  });

  it('is the engine default unless mutate is configured', () => {
    const directory = scratchDir('sleepmut-packages-');
    mkdirSync(path.join(directory, 'pkg'));
    writeFileSync(path.join(directory, 'pkg/__init__.py'), '');
    expect(loadConfig(directory, {}).mutate[0]).toBe('pkg/**/*.py');
    expect(loadConfig(directory, { mutate: ['examples/*.py'] }).mutate).toEqual(['examples/*.py']);
  });
});
