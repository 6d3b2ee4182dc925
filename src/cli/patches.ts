/**
 * Defect-injected variants as patches: one `git apply`-able unified diff per mutant, named by its stable id.
 * Each hunk is built from the mutant's own lines plus three lines of context (no whole-file diff per mutant), in the
 * source file's own encoding, with names quoted as git quotes them (tabs, quotes, control characters).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceEncoding } from '../files/source-text.js';
import type { ListedMutant } from '../report/mutant-list.js';

const contextLines = 3;

export interface PatchSource {
  readonly text: string;
  readonly encoding: SourceEncoding;
}

/** A file split once into lines, shared by all its mutants' patches. */
interface Lines {
  readonly lines: readonly string[];
  readonly finalNewline: boolean;
}

/** Writes `<directory>/<id>.patch` for every mutant; `sources` maps each listed file to its text and encoding. */
export async function writePatches(directory: string, mutants: readonly ListedMutant[], sources: ReadonlyMap<string, PatchSource>): Promise<void> {
  await mkdir(directory, { recursive: true });
  const split = new Map<string, Lines>();
  const patches = mutants.map((mutant) => {
    const source = sources.get(mutant.file)!;
    if (!split.has(mutant.file)) split.set(mutant.file, splitLines(source.text));
    return { file: path.join(directory, `${mutant.id}.patch`), bytes: Buffer.from(mutantPatch(mutant, split.get(mutant.file)!), source.encoding) };
  });
  for (let start = 0; start < patches.length; start += writesAtOnce) {
    await Promise.all(patches.slice(start, start + writesAtOnce).map((patch) => writeFile(patch.file, patch.bytes)));
  }
}

/** Enough writes in flight to keep the disk busy, few enough to stay far from the open-file limit. */
const writesAtOnce = 64;

export function splitLines(text: string): Lines {
  const lines = text.split('\n');
  const finalNewline = text.endsWith('\n');
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

export function mutantPatch(mutant: ListedMutant, { lines, finalNewline }: Lines): string {
  const first = mutant.line - 1;
  const last = mutant.endLine - 1;
  const region = lines.slice(first, last + 1).join('\n');
  const indent = /^[ \t]*/.exec(lines[first])![0];
  const mutated = region.slice(0, mutant.column) + mutant.replacement.split('\n').join(`\n${indent}`) + region.slice(mutant.column + mutant.original.length);
  const from = Math.max(0, first - contextLines);
  const to = Math.min(lines.length - 1, last + contextLines);
  const before = lines.slice(from, first).map((line) => ` ${line}`);
  const removed = lines.slice(first, last + 1).map((line) => `-${line}`);
  const mutatedLines = mutated.split('\n');
  const added = mutatedLines.map((line) => `+${line}`);
  const after = lines.slice(last + 1, to + 1).map((line) => ` ${line}`);
  const noNewline = '\\ No newline at end of file';
  if (!finalNewline && to === lines.length - 1) {
    if (after.length > 0) after.push(noNewline);
    else removed.push(noNewline), added.push(noNewline);
  }
  const oldCount = to - from + 1;
  const newCount = before.length + mutatedLines.length + (to - last);
  return [
    `${mutant.operator} at ${mutant.file}:${mutant.line}:${mutant.column + 1} (sleepmut mutant ${mutant.id})`,
    `--- ${gitQuoted(`a/${mutant.file}`)}`,
    `+++ ${gitQuoted(`b/${mutant.file}`)}`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...before,
    ...removed,
    ...added,
    ...after,
    '',
  ].join('\n');
}

const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/** A path as git writes it in a patch: C-quoted when it holds a tab, newline, quote, backslash or control character. */
export function gitQuoted(name: string): string {
  if (!/[\t\n\r"\\\x00-\x1f\x7f]/.test(name)) return name;
  const body = [...name].map((char) => escapes[char] ?? (char < ' ' || char === '\x7f' ? `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}` : char)).join('');
  return `"${body}"`;
}
