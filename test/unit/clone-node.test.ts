/** cloneNode gives what structuredClone gave (the replacements print the same): plain data, own keys, shared children shared once. */
import type * as t from '@babel/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneNode } from '../../mutators/js/ast.js';
import { parseSource } from '../../mutators/js/facts/parser.js';
import { loadInstrumenter } from '../../src/stryker/instrumenter.js';

// The instrumenter's own Babel parser, as the operators see its ASTs.
beforeAll(() => loadInstrumenter());
const parse = (source: string): t.File => parseSource(source, true)!;

const code = `// leading\nawait once(emitter, 'ready' /* inner */); // trailing\nfoo(1, [2, , 3], { a: 4n, b: /x/g });\n`;

describe('cloneNode', () => {
  it('copies a parsed subtree to the plain data structuredClone gives, sharing nothing with the original', () => {
    const ast = parse(code);
    for (const statement of ast.program.body) {
      const copy = cloneNode(statement);
      expect(copy).toStrictEqual(structuredClone(statement));
      expect(copy).not.toBe(statement);
      expect((copy as t.ExpressionStatement).expression).not.toBe((statement as t.ExpressionStatement).expression);
      expect(copy.loc).not.toBe(statement.loc);
    }
  });

  it('keeps a child that two nodes share (a comment before one and after the other) shared, once', () => {
    const ast = parse('a();\n// between\nb();\n');
    const shared = ast.program.body[0].trailingComments![0];
    expect(ast.program.body[1].leadingComments![0]).toBe(shared);
    const copy = cloneNode(ast.program);
    expect(copy.body[1].leadingComments![0]).toBe(copy.body[0].trailingComments![0]);
    expect(copy.body[0].trailingComments![0]).not.toBe(shared);
  });

  it('keeps the holes of sparse arrays', () => {
    const ast = parse('[1, , 3];');
    const copy = cloneNode(ast.program.body[0]) as t.ExpressionStatement;
    expect((copy.expression as t.ArrayExpression).elements).toHaveLength(3);
    expect((copy.expression as t.ArrayExpression).elements[1]).toBeNull();
  });
});
