/** The terminal report: per-operator counts (timeouts apart from kills), then every survivor with its slowdown and hint. */
import type { OperatorCounts, Summary, SummaryMutant } from './summary.js';

const headers = ['operator', 'mutants', 'killed', 'timed out', 'survived', 'no coverage', 'errors', 'score'];

export const unnoticedNote = 'tests noticed nothing although time passed';

export function renderSummary(summary: Summary): string {
  if (summary.mutants.length === 0) return 'sleepmut: no timing mutants were tested.\n';
  return [renderTable(summary), ...renderSurvivors(summary.mutants)].join('\n') + '\n';
}

export function renderTable(summary: Summary): string {
  const rows = [...summary.operators, summary.total].map(countCells);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return ['sleepmut: timing mutants', line(headers), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1])].join('\n');
}

function countCells(counts: OperatorCounts): string[] {
  const numbers = [counts.mutants, counts.killed, counts.timedOut, counts.survived, counts.noCoverage, counts.errors];
  return [counts.operator, ...numbers.map(String), counts.score === null ? 'n/a' : counts.score.toFixed(2)];
}

function renderSurvivors(mutants: readonly SummaryMutant[]): string[] {
  const survivors = mutants.filter((mutant) => mutant.hint !== null);
  if (survivors.length === 0) return [];
  return ['', 'Surviving timing mutants:', ...survivors.flatMap(renderSurvivor)];
}

function renderSurvivor(mutant: SummaryMutant): string[] {
  const place = `${mutant.file}:${mutant.location.start.line}:${mutant.location.start.column}`;
  return [`  ${place} ${mutant.operator} (${mutant.status})${slowdownText(mutant)}`, `    ${oneLine(mutant.original)}  ->  ${oneLine(mutant.replacement)}`, `    hint: ${mutant.hint}`];
}

function slowdownText(mutant: SummaryMutant): string {
  const phrase = slowdownPhrase(mutant);
  return phrase === undefined ? '' : `: ${phrase}`;
}

/** The summary's one slowdown figure in words, as the table and the Python engine's mutation.json show it. */
export function slowdownPhrase(mutant: Pick<SummaryMutant, 'slowdownMs' | 'slowedUnnoticed'>): string | undefined {
  if (mutant.slowdownMs === null) return undefined;
  const ran = `tests ran ${Math.abs(mutant.slowdownMs)} ms ${mutant.slowdownMs < 0 ? 'faster' : 'slower'}`;
  return mutant.slowedUnnoticed ? `${ran}, ${unnoticedNote}` : ran;
}

function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
