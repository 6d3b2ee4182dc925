/** Parses Python sources with tree-sitter (once per file), registers them as one project for the facts pass, and collects every mutation the enabled operators produce. */
import type { Node, Tree } from 'web-tree-sitter';
import { registerProject } from '../../mutators/python/facts/project.js';
import { parsePythonSource } from '../../mutators/python/parser.js';
import { pyMutators } from '../../mutators/python/index.js';
import type { PyMutator } from '../../mutators/python/types.js';
import { lineEndOf, lineStartOf } from './positions.js';
import { switchablePerCall } from './scope.js';

export interface PySite {
  readonly operator: string;
  /** UTF-16 offsets into the source. */
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly level: 'expression' | 'statement';
  /** Evaluated once at import as a call's argument: switched per call of its value when that value is a function (see sleepmut_runtime). */
  readonly perCall: boolean;
}

export interface ParsedFile {
  readonly source: string;
  readonly root: Node;
  /** True when tree-sitter found a syntax error: the file is not mutated. */
  readonly hasSyntaxError: boolean;
  readonly sites: readonly PySite[];
}

export function enabledMutators(operators: readonly string[]): readonly PyMutator[] {
  return pyMutators.filter((mutator) => operators.includes(mutator.name));
}

/** One file on its own (a project of one module). */
export async function parsePython(source: string, mutators: readonly PyMutator[]): Promise<ParsedFile> {
  const [parsed] = await parsePythonProject([{ name: '', source }], mutators);
  return parsed;
}

export interface PythonSource {
  /** Path relative to the project root: it names the module (`pkg/mod.py` -> `pkg.mod`) for imports across files. */
  readonly name: string;
  readonly source: string;
}

/**
 * Parses every file once, registers them as one project (so operators see facts across modules: a helper's delay,
 * a field's type in a base class), then collects each file's sites. `context` files are parsed for facts only.
 */
export async function parsePythonProject(files: readonly PythonSource[], mutators: readonly PyMutator[], context: readonly PythonSource[] = []): Promise<ParsedFile[]> {
  const parsed: { file: PythonSource; tree: Tree }[] = [];
  for (const file of [...files, ...context]) parsed.push({ file, tree: await parsePythonSource(file.source) });
  registerProject(parsed.filter(({ tree }) => !tree.rootNode.hasError).map(({ file, tree }) => ({ name: file.name, tree })));
  return parsed.slice(0, files.length).map(({ file: { source }, tree }) => {
    const root = tree.rootNode;
    if (root.hasError) return { source, root, hasSyntaxError: true, sites: [] };
    return { source, root, hasSyntaxError: false, sites: collectSites(source, root, mutators) };
  });
}

function collectSites(source: string, root: Node, mutators: readonly PyMutator[]): PySite[] {
  const sites: PySite[] = [];
  for (const [node, interested] of nodesFor(root, mutators)) {
    for (const mutator of interested) {
      for (const mutation of mutator.mutate(node)) {
        const perCall = mutation.level === 'expression' && switchablePerCall(mutation.node);
        const site = { operator: mutator.name, start: mutation.node.startIndex, end: mutation.node.endIndex, replacement: mutation.replacement, level: mutation.level, perCall };
        if (site.level === 'expression' || standsAlone(source, site)) sites.push(site);
      }
    }
  }
  return sites;
}

/** Every node (tree order) with the mutators that look at its type: the cursor reads types without building a node for the rest. */
function* nodesFor(root: Node, mutators: readonly PyMutator[]): Generator<[Node, readonly PyMutator[]]> {
  // Each type's mutators (in their order) are listed once per file, not filtered again at every node of that type.
  const anyType = mutators.filter((mutator) => !mutator.nodeTypes);
  const types = new Set(mutators.flatMap((mutator) => mutator.nodeTypes ?? []));
  const byType = new Map([...types].map((type) => [type, mutators.filter((mutator) => !mutator.nodeTypes || mutator.nodeTypes.includes(type))] as const));
  const cursor = root.walk();
  for (;;) {
    const interested = byType.get(cursor.nodeType) ?? anyType;
    if (interested.length) yield [cursor.currentNode, interested];
    if (cursor.gotoFirstChild() || cursor.gotoNextSibling()) continue;
    do {
      if (!cursor.gotoParent()) return;
    } while (!cursor.gotoNextSibling());
  }
}

/** A statement-level mutant needs its statement alone on its line (no `if x: stmt`, no `stmt; other`): only then can it become an if/else block. */
function standsAlone(source: string, site: Pick<PySite, 'start' | 'end'>): boolean {
  const before = source.slice(lineStartOf(source, site.start), site.start);
  const after = source.slice(site.end, lineEndOf(source, site.end));
  return before.trim() === '' && (after.trim() === '' || after.trim().startsWith('#'));
}
