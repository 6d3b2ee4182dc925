/** The sandbox's import roots go first on PYTHONPATH: found from the mutated files and their packages' __init__.py. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRoots, sandboxImportPaths } from '../../src/python/import-roots.js';
import { scratchDir } from '../support/scratch.js';

function project(files: string[]): string {
  const root = scratchDir('sleepmut-roots');
  for (const file of files) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
  }
  return root;
}

describe('importRoots', () => {
  it('climbs packages to the directory above the top package: src/ for a src layout, the project for a flat one', () => {
    const root = project(['src/pkg/__init__.py', 'src/pkg/sub/__init__.py', 'src/pkg/sub/mod.py', 'app/__init__.py', 'app/service.py', 'script.py', 'lib/plain/loose.py']);
    expect(importRoots(root, ['src/pkg/sub/mod.py', 'app/service.py', 'script.py', 'lib/plain/loose.py'])).toEqual(['', 'lib/plain', 'src']);
  });

  it('puts only the sandbox copies of non-project roots on the path', () => {
    expect(sandboxImportPaths('/sb/project', ['', 'src'])).toEqual([path.join('/sb/project', 'src')]);
  });
});
