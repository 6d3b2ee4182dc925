/** The reports: mutation.json in mutation-testing-report-schema form, and mutation.html built like Stryker's HTML reporter (elements bundle and JSON inlined). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';
import type { MutantResult, MutationTestResult, TestFileDefinitionDictionary } from 'mutation-testing-report-schema';
import type { Thresholds } from './config.js';
import type { PyMutant } from './mutants.js';
import type { MutantOutcome } from './outcome.js';

export const reportDirectory = path.join('reports', 'mutation');

export interface ReportInput {
  readonly mutants: readonly PyMutant[];
  readonly outcomes: ReadonlyMap<number, MutantOutcome>;
  readonly coveredBy: (mutant: PyMutant) => readonly string[];
  readonly sources: ReadonlyMap<string, string>;
  readonly tests: readonly string[];
  readonly thresholds: Thresholds;
  readonly version: string;
}

export function buildReport(input: ReportInput): MutationTestResult {
  const files: MutationTestResult['files'] = {};
  for (const [file, source] of input.sources) files[file] = { language: 'python', source, mutants: [] };
  for (const mutant of input.mutants) files[mutant.file].mutants.push(mutantResult(mutant, input.outcomes.get(mutant.index)!, input.coveredBy(mutant)));
  return {
    schemaVersion: '2',
    thresholds: { high: Math.round(input.thresholds.high), low: Math.round(input.thresholds.low) },
    files,
    testFiles: testFiles(input.tests),
    framework: { name: 'sleepmut', version: input.version },
  };
}

/** The report schema's location: 1-based lines and 1-based columns. */
export function reportLocation(mutant: PyMutant): MutantResult['location'] {
  return { start: { line: mutant.line, column: mutant.column + 1 }, end: { line: mutant.endLine, column: mutant.endColumn + 1 } };
}

function mutantResult(mutant: PyMutant, outcome: MutantOutcome, coveredBy: readonly string[]): MutantResult {
  return {
    id: mutant.id,
    mutatorName: mutant.operator,
    replacement: mutant.replacement,
    location: reportLocation(mutant),
    status: outcome.status,
    statusReason: outcome.statusReason,
    coveredBy: [...coveredBy],
    killedBy: [...outcome.killedBy],
    testsCompleted: outcome.testsCompleted,
    duration: Math.round(outcome.durationMs),
  };
}

/** Tests grouped by the file part of their pytest node id; the node id is the test's id. */
function testFiles(tests: readonly string[]): TestFileDefinitionDictionary {
  const byFile: TestFileDefinitionDictionary = {};
  for (const test of tests) {
    const file = test.split('::')[0];
    (byFile[file] ??= { tests: [] }).tests.push({ id: test, name: test.slice(file.length + 2) || test });
  }
  return byFile;
}

export function writeJsonReport(projectDirectory: string, report: MutationTestResult): string {
  return writeReport(projectDirectory, 'mutation.json', JSON.stringify(report, null, 2));
}

export function writeHtmlReport(projectDirectory: string, report: MutationTestResult): string {
  const bundle = readFileSync(createRequire(import.meta.url).resolve('mutation-testing-elements/dist/mutation-test-elements.js'), 'utf8');
  return writeReport(projectDirectory, 'mutation.html', htmlPage(bundle, report));
}

function htmlPage(bundle: string, report: MutationTestResult): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sleepmut mutation report</title>
<script>
${bundle}
</script>
</head>
<body>
<mutation-test-report-app title-postfix="sleepmut">
Your browser does not support custom elements. Please use a modern browser.
</mutation-test-report-app>
<script>
const app = document.querySelector('mutation-test-report-app');
app.report = ${JSON.stringify(report).replace(/</g, '\\u003c')};
function updateTheme() { document.body.style.backgroundColor = app.themeBackgroundColor; }
app.addEventListener('theme-changed', updateTheme);
updateTheme();
</script>
</body>
</html>
`;
}

/** Synchronous and atomic: an interrupted run writes its partial reports from a signal handler. */
function writeReport(projectDirectory: string, name: string, content: string): string {
  writeFileAtomic(path.join(projectDirectory, reportDirectory, name), content);
  return path.join(reportDirectory, name);
}
