/** Instruments a Python source with mutant switches: every site becomes a runtime choice between its mutant(s) and the original. */
import type { Node } from 'web-tree-sitter';
import { lineStartOf } from './positions.js';

export interface SwitchSite {
  /** The numeric id the switch tests for. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  readonly level: 'expression' | 'statement';
  /** An import-time argument: the runtime decides per call of its value (or once, when the value is not a function). */
  readonly perCall: boolean;
}

/** Dunder on both sides: never name-mangled inside a class body. */
export const switchName = '__sleepmut_active__';
export const perCallSwitchName = '__sleepmut_callable__';
export const runtimeImport = `from sleepmut_runtime import ${switchName}, ${perCallSwitchName}\n`;

export function instrument(source: string, root: Node, sites: readonly SwitchSite[]): string {
  const insertAt = importOffset(root, source);
  const ordered = [...sites].sort(outerFirst);
  return source.slice(0, insertAt) + runtimeImport + render(source, insertAt, source.length, ordered);
}

/** Sites sorted so that every site comes after the sites containing it; on equal ranges statement switches wrap expression switches. */
function outerFirst(a: SwitchSite, b: SwitchSite): number {
  return a.start - b.start || b.end - a.end || levelRank(a) - levelRank(b) || a.index - b.index;
}

function levelRank(site: SwitchSite): number {
  return site.level === 'statement' ? 0 : 1;
}

/** Source text of [from, to) with the (sorted) sites inside it replaced by switches. */
function render(source: string, from: number, to: number, sites: readonly SwitchSite[]): string {
  let output = '';
  let cursor = from;
  let next = 0;
  while (next < sites.length) {
    const group = sameRangeStatements(sites, next);
    const outer = group[0];
    const inner = innerSites(sites, next + group.length, outer);
    output += source.slice(cursor, outer.start) + renderSwitch(source, group, render(source, outer.start, outer.end, inner));
    cursor = outer.end;
    next += group.length + inner.length;
  }
  return output + source.slice(cursor, to);
}

/** Statement sites with one range form one if/elif/else chain; any other site stands alone. */
function sameRangeStatements(sites: readonly SwitchSite[], first: number): SwitchSite[] {
  const head = sites[first];
  if (head.level === 'expression') return [head];
  let last = first + 1;
  while (last < sites.length && sites[last].level === 'statement' && sites[last].start === head.start && sites[last].end === head.end) last++;
  return sites.slice(first, last);
}

function innerSites(sites: readonly SwitchSite[], first: number, outer: SwitchSite): SwitchSite[] {
  let last = first;
  while (last < sites.length && sites[last].start >= outer.start && sites[last].end <= outer.end) last++;
  return sites.slice(first, last);
}

function renderSwitch(source: string, group: readonly SwitchSite[], original: string): string {
  const site = group[0];
  if (site.level === 'expression' && site.perCall) return `${perCallSwitchName}(${site.index}, (${original}), lambda: (${site.replacement}))`;
  if (site.level === 'expression') return `((${site.replacement}) if ${switchName}(${site.index}) else (${original}))`;
  const indent = source.slice(lineStartOf(source, site.start), site.start);
  const body = indent + (indent.includes('\t') ? '\t' : '    ');
  const branches = group.map((site, position) => `${position === 0 ? '' : `${indent}el`}if ${switchName}(${site.index}):\n${indentLines(site.replacement, body)}\n`);
  return `${branches.join('')}${indent}else:\n${body}${original}`;
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** The runtime import goes after the module docstring, comments and `from __future__` imports: at the start of the first other statement's line. */
function importOffset(root: Node, source: string): number {
  const statements = root.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  const first = statements.find((statement, position) => !(statement.type === 'future_import_statement' || (position === 0 && isDocstring(statement))));
  return first ? lineStartOf(source, first.startIndex) : source.length;
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && statement.namedChildCount === 1 && statement.namedChild(0)?.type === 'string';
}
