/**
 * Replacements that still compile under `noUnusedLocals` / `noUnusedParameters`: when a mutant removes the last use of an
 * import, a local or a parameter (`await once(em, 'x')` -> a sleep leaves `once` and `em` unread: TS6133), the
 * replacement keeps it read with `void name`. Only in TypeScript files whose tsconfig asks for the check.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { identifier, type JsMutator, type JsOperator } from './ast.js';
import { moduleOf } from './facts/sites.js';
import { unusedChecks, type UnusedChecks } from './facts/tsconfig.js';
import { isTypeScriptFile } from './facts/parser.js';

/**
 * What Stryker gets for a node with no mutant: it iterates every mutator's answer for every node (1.5 million times on
 * the bench tree), and an empty array costs it a fresh array iterator each time; this iterable hands out one shared
 * iterator that is already finished.
 */
const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };
const finishedIterator: Iterator<t.Node, undefined> = { next: () => finished };
const nothing: Iterable<t.Node> = { [Symbol.iterator]: () => finishedIterator };

export function keepingUses(mutator: JsOperator): JsMutator {
  return {
    name: mutator.name,
    // A plain function, not a generator, and without closures over its locals (those cost a context object per call): it
    // runs for every node of every file, and almost every node yields nothing.
    mutate(path) {
      if (!mutator.nodeTypes.has(path.node.type)) return nothing;
      const replacements = mutator.mutate(path);
      return replacements.length ? keepingUsesOf(path, replacements) : nothing;
    },
  };
}

/** The replacements, each keeping the names it would leave unread where the file's tsconfig checks them. */
function keepingUsesOf(path: NodePath, replacements: readonly t.Node[]): readonly t.Node[] {
  const file = moduleOf(path).file;
  const checks = isTypeScriptFile(file) ? unusedChecks(file) : undefined;
  return checks && (checks.locals || checks.parameters) ? replacements.map((replacement) => withUses(replacement, lastUses(path, replacement, checks))) : replacements;
}

/** Names read only inside `path` that the replacement no longer reads, and that the compiler checks. */
function lastUses(path: NodePath, replacement: t.Node, checks: UnusedChecks): string[] {
  const kept = namesIn(replacement);
  const removed = new Set<string>();
  const consider = (reference: NodePath): void => {
    const name = (reference.node as t.Identifier).name;
    if (kept.has(name) || removed.has(name)) return;
    const binding = reference.scope.getBinding(name);
    if (!binding || !(binding.kind === 'param' ? checks.parameters : checks.locals) || isExported(binding.path)) return;
    if (binding.referencePaths.every((other) => other === path || other.isDescendant(path))) removed.add(name);
  };
  if (path.isReferencedIdentifier()) consider(path);
  path.traverse({ ReferencedIdentifier: consider });
  return [...removed];
}

/** `(void a, void b, replacement)`; a replaced block keeps `void a;` statements. */
function withUses(replacement: t.Node, names: readonly string[]): t.Node {
  if (!names.length) return replacement;
  const uses = names.map((name) => ({ type: 'UnaryExpression', operator: 'void', prefix: true, argument: identifier(name) }) as t.UnaryExpression);
  if (replacement.type === 'BlockStatement') {
    return { ...replacement, body: [...uses.map((expression) => ({ type: 'ExpressionStatement', expression }) as t.ExpressionStatement), ...replacement.body] };
  }
  const sequence = { type: 'SequenceExpression', expressions: [...uses, replacement as t.Expression] } as t.SequenceExpression;
  return { type: 'ParenthesizedExpression', expression: sequence } as t.ParenthesizedExpression;
}

/** `export const x = ...`, `export function f() {}`: the export is a use. */
function isExported(declaration: NodePath): boolean {
  const statement = declaration.isVariableDeclarator() ? declaration.parentPath : declaration;
  const parent = statement?.parentPath;
  return parent?.isExportNamedDeclaration() === true || parent?.isExportDefaultDeclaration() === true;
}

/** Every identifier name in a replacement node (it has no scopes: a plain walk). */
function namesIn(node: t.Node): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      const child = value as t.Node;
      if (child.type === 'Identifier') names.add(child.name);
      for (const [key, nested] of Object.entries(child)) if (key !== 'loc' && key !== 'extra') visit(nested);
    }
  };
  visit(node);
  return names;
}
