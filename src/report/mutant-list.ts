/** The mutant list both engines produce for `sleepmut list`: one record per mutant, with an id stable across runs and machines. */
import { createHash } from 'node:crypto';

export interface ListedMutant {
  id: string;
  operator: string;
  /** Relative to the current directory, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
  endLine: number;
  endColumn: number;
  original: string;
  replacement: string;
}

export type MutantWithoutId = Omit<ListedMutant, 'id'>;

/** The id hashes what the mutant is (file, operator, place, replacement), never the order it was found in. */
export function withStableId(mutant: MutantWithoutId): ListedMutant {
  const key = [mutant.file, mutant.operator, mutant.line, mutant.column, mutant.endLine, mutant.endColumn, mutant.replacement].join('\0');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), ...mutant };
}

export function compareMutants(a: ListedMutant, b: ListedMutant): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.operator.localeCompare(b.operator) || a.id.localeCompare(b.id);
}

/** Text of a 1-based-line/0-based-column range. */
export function sliceByLocation(content: string, start: { line: number; column: number }, end: { line: number; column: number }): string {
  const lines = content.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column, end.column);
  return [lines[start.line - 1].slice(start.column), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column)].join('\n');
}

/** The source with `mutant` applied; continuation lines of a multi-line replacement get the indentation of the mutated line. */
export function applyMutant(source: string, mutant: ListedMutant): string {
  const lineStart = source.split('\n').slice(0, mutant.line - 1).reduce((offset, line) => offset + line.length + 1, 0);
  const start = lineStart + mutant.column;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  return source.slice(0, start) + mutant.replacement.split('\n').join(`\n${indent}`) + source.slice(start + mutant.original.length);
}
