/** The Python operator contract: like Stryker's NodeMutator, a named object that yields replacements for one syntax node. */
import type { Node } from 'web-tree-sitter';
import type { OperatorName } from '../catalog.js';

export interface PyMutation {
  /** The node whose source text is replaced (an expression, or an expression_statement for statement-level mutants). */
  readonly node: Node;
  /** Python source text that replaces `node`'s text: an expression, or one or more statements when `level` is 'statement'. */
  readonly replacement: string;
  readonly level: 'expression' | 'statement';
}

export interface PyMutator {
  readonly name: OperatorName;
  /** The node types `mutate` can yield for (a filter the engine applies before calling it); every node when absent. */
  readonly nodeTypes?: readonly string[];
  mutate(node: Node): Iterable<PyMutation>;
}
