/** Converts UTF-16 offsets (what tree-sitter reports for JS strings) to 1-based lines and 0-based character columns, with one table per file. */

export interface Position {
  /** 1-based. */
  line: number;
  /** 0-based, in UTF-16 code units (JS string indices). */
  column: number;
}

export type PositionOf = (offset: number) => Position;

export function positionTable(source: string): PositionOf {
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] };
  };
}

/** Start offset of the line holding `offset`. */
export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** End offset (exclusive, before the newline) of the line holding `offset`. */
export function lineEndOf(source: string, offset: number): number {
  const newline = source.indexOf('\n', offset);
  return newline === -1 ? source.length : newline;
}
