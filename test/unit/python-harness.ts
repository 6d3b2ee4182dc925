/** Runs one Python operator over every node of a snippet: the Python table tests' single entry point. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { registerProject } from '../../mutators/python/facts/project.js';
import { parsePythonSource } from '../../mutators/python/parser.js';
import type { PyMutation, PyMutator } from '../../mutators/python/types.js';

export interface PyMutantText {
  original: string;
  replacement: string;
}

/** The mutations `mutator` yields for `source`, in tree order (the order the engine walks). */
export async function mutationsOf(mutator: PyMutator, source: string): Promise<PyMutation[]> {
  const tree = await parsePythonSource(source);
  return [...allNodes(tree.rootNode)].flatMap((node) => declared(mutator, node, [...mutator.mutate(node)]));
}

/** The engine only offers a mutator the node types it declares: a mutation from any other type would be lost there. */
function declared(mutator: PyMutator, node: Node, mutations: PyMutation[]): PyMutation[] {
  if (mutations.length && mutator.nodeTypes && !mutator.nodeTypes.includes(node.type)) throw new Error(`${mutator.name} mutates a ${node.type} node but does not declare that type`);
  return mutations;
}

/** The mutants as original/replacement text pairs. */
export async function mutantsOf(mutator: PyMutator, source: string): Promise<PyMutantText[]> {
  return (await mutationsOf(mutator, source)).map(({ node, replacement }) => ({ original: node.text, replacement }));
}

/** The mutations `mutator` yields over a project of several modules (path -> source), facts shared across them, file by file. */
export async function projectMutationsOf(mutator: PyMutator, files: Readonly<Record<string, string>>): Promise<{ file: string; source: string; mutation: PyMutation }[]> {
  const trees = await Promise.all(Object.entries(files).map(async ([name, source]) => ({ name, source, tree: await parsePythonSource(source) })));
  registerProject(trees);
  return trees.flatMap(({ name, source, tree }) => [...allNodes(tree.rootNode)].flatMap((node) => declared(mutator, node, [...mutator.mutate(node)]).map((mutation) => ({ file: name, source, mutation }))));
}

function* allNodes(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* allNodes(child);
}

const PYTHON = '/usr/bin/python3';

/** Checked in Python: the mutated node is exactly one `ast` node (same start and end), and the mutated file compiles. */
const CHECKER = `
import ast, json, sys
def ranges(tree):
    return {(n.lineno, n.col_offset, n.end_lineno, n.end_col_offset) for n in ast.walk(tree) if hasattr(n, "end_lineno")}
def compiles(source):
    try:
        compile(source, "mutant.py", "exec")
        return True
    except SyntaxError:
        return False
out = []
for case in json.load(sys.stdin):
    known = ranges(ast.parse(case["source"]))
    out.append([{"astNode": tuple(m["range"]) in known, "compiles": compiles(m["mutated"])} for m in case["mutants"]])
print(json.dumps(out))
`;

export interface PythonVerdict {
  /** Python's own parser has a node with exactly this range. */
  astNode: boolean;
  /** The source with the mutant switched in the way the engine does it compiles. */
  compiles: boolean;
}

/** Asks Python (one process for all sources) whether each mutation targets a real `ast` node and yields a compilable file. */
export async function pythonVerdicts(mutator: PyMutator, sources: readonly string[]): Promise<PythonVerdict[][]> {
  const cases = await Promise.all(sources.map(async (source) => ({ source, mutants: (await mutationsOf(mutator, source)).map((mutation) => checkedMutant(source, mutation)) })));
  const output = execFileSync(PYTHON, ['-c', CHECKER], { input: JSON.stringify(cases), encoding: 'utf8' });
  return JSON.parse(output) as PythonVerdict[][];
}

function checkedMutant(source: string, { node, replacement, level }: PyMutation) {
  const range = [node.startPosition.row + 1, node.startPosition.column, node.endPosition.row + 1, node.endPosition.column];
  return { range, mutated: source.slice(0, node.startIndex) + switched(source, node, replacement, level) + source.slice(node.endIndex) };
}

/** The mutant switched in the way the engine does it, with `True` standing for the activation check. */
function switched(source: string, node: Node, replacement: string, level: PyMutation['level']): string {
  if (level === 'expression') return `((${replacement}) if True else (${node.text}))`;
  const indent = ' '.repeat(node.startPosition.column);
  const block = (text: string) => text.split('\n').map((line) => `${indent}    ${line}`).join('\n');
  return `if True:\n${block(replacement)}\n${indent}else:\n${block(node.text)}`;
}

export type ProjectRow = readonly [description: string, files: Readonly<Record<string, string>>, expected: readonly (PyMutantText & { file: string })[]];

/** The table test of one operator over multi-module projects: exact mutants per file, and each mutated file targets real ast nodes and compiles. */
export function projectTable(mutator: PyMutator, rows: readonly ProjectRow[]): void {
  describe(`${mutator.name} across modules`, () => {
    it.each(rows)('%s', async (_description, files, expected) => {
      const found = await projectMutationsOf(mutator, files);
      expect(found.map(({ file, mutation }) => ({ file, original: mutation.node.text, replacement: mutation.replacement }))).toEqual(expected);
    });

    it('targets real ast nodes and compiles in Python', async () => {
      const cases = [];
      for (const [, files] of rows) {
        for (const { source, mutation } of await projectMutationsOf(mutator, files)) cases.push({ source, mutants: [checkedMutant(source, mutation)] });
      }
      const output = execFileSync(PYTHON, ['-c', CHECKER], { input: JSON.stringify(cases), encoding: 'utf8' });
      const verdicts = (JSON.parse(output) as PythonVerdict[][]).flat();
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((verdict) => !verdict.astNode || !verdict.compiles)).toEqual([]);
    });
  });
}

export type OperatorRow = readonly [description: string, source: string, expected: readonly PyMutantText[]];

/** The standard table test of one operator: each row's exact mutants, and Python's word that every mutant is well placed and compiles. */
export function operatorTable(mutator: PyMutator, rows: readonly OperatorRow[]): void {
  describe(mutator.name, () => {
    it.each(rows)('%s', async (_description, source, expected) => {
      expect(await mutantsOf(mutator, source)).toEqual(expected);
    });

    it('targets real ast nodes and compiles in Python', async () => {
      const verdicts = (await pythonVerdicts(mutator, rows.map(([, source]) => source))).flat();
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((verdict) => !verdict.astNode || !verdict.compiles)).toEqual([]);
    });
  });
}

/** A module with `imports` and an `async def run(...)` whose body is `body` (lines indented for you). */
export function inAsyncDef(imports: string, body: string, header = 'async def run(ev, cond, q, loop, xs, base, attempt, delay):'): string {
  return `${imports}\n\n${header}\n${body.split('\n').map((line) => `    ${line}`).join('\n')}\n`;
}
