/**
 * Where the mutated modules are imported from. A project installed into its environment (`pip install -e .`, or a
 * src layout installed at all) makes the tests import the user's own tree instead of the instrumented copy in the
 * sandbox, and every mutant would be NoCoverage. The sandbox's import roots of the mutated files go first on
 * PYTHONPATH, before site-packages and the path entries an editable install adds.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The directories (relative to the project, '' for the project itself) from which the mutated files are imported as packages or modules. */
export function importRoots(projectDirectory: string, files: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const file of files) {
    let root = path.dirname(file);
    while (root !== '.' && existsSync(path.join(projectDirectory, root, '__init__.py'))) root = path.dirname(root);
    roots.add(root === '.' ? '' : root);
  }
  return [...roots].sort();
}

/** The sandbox's copies of those roots, for PYTHONPATH (the project root itself is on sys.path already: pytest runs there). */
export function sandboxImportPaths(sandboxProject: string, roots: readonly string[]): string[] {
  return roots.filter((root) => root !== '').map((root) => path.join(sandboxProject, root));
}
