/** pytest's own words when a run fails before any mutant: the error lines of its output, with sandbox paths shown as the user's project. */
import type { Sandbox } from './sandbox.js';

const shownLines = 12;

/** Lines pytest printed about the error (usage errors, INTERNALERROR, `E` lines), else its last lines; indented, for a message. */
export function pytestErrorLines(output: string, sandbox: Sandbox): string {
  const lines = output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  const errorAt = lines.findIndex((line) => /^(ERROR|INTERNALERROR>|E {2,}|\S*Error\b|\S*Warning\b)/.test(line) || /\berror:/.test(line));
  const chosen = errorAt === -1 ? lines.slice(-shownLines) : lines.slice(errorAt).slice(-shownLines);
  if (chosen.length === 0) return '  (pytest printed nothing)';
  return chosen.map((line) => `  ${inProject(line, sandbox)}`).join('\n');
}

/** The sandbox is a copy of the user's project: its paths are reported as the project's. */
export function inProject(text: string, sandbox: Sandbox): string {
  return text.split(sandbox.project).join(sandbox.original);
}
