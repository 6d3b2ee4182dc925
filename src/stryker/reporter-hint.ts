/** The one-line hints printed when sleepmut's mutators run but its reporter is not in `reporters`, or its test-runner setup is not in use. */

export const missingReporterHint =
  "sleepmut: add \"sleepmut\" to \"reporters\" to see which timing defects your tests miss (per-operator table, slowdown of surviving mutants, hints how to catch them, reports/sleepmut/summary.json) and to give timing mutants honest timeouts (a slower mutant is not scored Timeout, a hang is caught in about 2 s).";

/** Per test runner with a sleepmut setup: the line the reporter prints when that setup did not run. */
export const missingSetupHints: Readonly<Record<string, string>> = {
  vitest: "sleepmut: add 'sleepmut/vitest-setup' to Vitest's \"setupFiles\" so a timing mutant that hangs a test costs about 2 s instead of a timeout plus a test-runner restart.",
  mocha: "sleepmut: add 'sleepmut/mocha-setup' to Mocha's \"require\" (.mocharc or \"mochaOptions\") so a timing mutant that hangs a test costs about 2 s instead of a timeout plus a test-runner restart.",
};

export function hintIfReporterMissing(options: { reporters?: readonly string[] }, operators: readonly string[], write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (operators.length > 0 && !options.reporters?.includes('sleepmut')) write(missingReporterHint);
}
