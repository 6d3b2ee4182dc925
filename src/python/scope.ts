/** Which expression sites can be switched per call: argument values of calls run once at import, in the module's own scope (decorator arguments, say). */
import type { Node } from 'web-tree-sitter';

/** Scopes whose body runs later (functions) or sees names a lambda there could not (class bodies). */
const bodyScopes = new Set(['function_definition', 'lambda', 'class_definition']);

/**
 * True for a direct argument value (`f(VALUE)`, `f(key=VALUE)`) evaluated at import outside any function, lambda or class body.
 * Only direct arguments: a callable used in arithmetic (`wait_a + wait_b`) or bound to a name must keep its own type.
 */
export function switchablePerCall(node: Node): boolean {
  return isDirectArgument(node) && inModuleScope(node);
}

function isDirectArgument(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'argument_list') return true;
  return parent?.type === 'keyword_argument' && parent.childForFieldName('value')?.equals(node) === true;
}

function inModuleScope(node: Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (bodyScopes.has(parent.type) && parent.childForFieldName('body')?.equals(child)) return false;
  }
  return true;
}
