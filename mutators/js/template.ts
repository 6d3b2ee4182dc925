/** Replacement code written as source text and parsed once with the instrumenter's own Babel (TypeScript syntax included), cloned per use. */
import type * as t from '@babel/types';
import { cloneNode } from './ast.js';
import { parseSource } from './facts/parser.js';

const parsed = new Map<string, t.Expression | null>();

/** The expression `code` stands for, or undefined when no parser is available (then the caller builds plain JS). */
export function expressionFrom(code: string): t.Expression | undefined {
  if (!parsed.has(code)) {
    const statement = parseSource(code, true)?.program.body[0];
    parsed.set(code, statement?.type === 'ExpressionStatement' ? stripPositions(statement.expression) : null);
  }
  const expression = parsed.get(code);
  return expression ? cloneNode(expression) : undefined;
}

/** Positions from the template's own text would point into the wrong file. */
function stripPositions<T extends t.Node>(node: T): T {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (['start', 'end', 'loc', 'range', 'extra', 'leadingComments', 'trailingComments'].includes(key) ? undefined : value))) as T;
}
