/**
 * End to end: Stryker 9.6 with `"checkers": ["typescript"]` (@stryker-mutator/typescript-checker, strict tsconfig) on
 * sample-projects/ts-strict, the timing shapes real libraries have: no sleepmut mutant is a CompileError. The test runner
 * is a command that always passes, so every mutant that compiles survives; the run stays lean (seconds per mutant batch).
 */
import { beforeAll, expect, it } from 'vitest';
import { outcomesByOperator, packSleepmut, prepareStrykerInstall, runStryker, type StrykerInstall } from './support/stryker.js';

/** The fixture's mutants per operator (the same 20 `sleepmut list` prints, checked by tsc in test/unit/typecheck-mutants.test.ts). */
const mutants = { SerializeConcurrency: 2, EventWaitToSleep: 4, BlockingSleep: 5, FlattenBackoff: 6, DropOffload: 3 };

let install: StrykerInstall;

beforeAll(async () => {
  install = await prepareStrykerInstall(9, await packSleepmut());
}, 600_000);

it('every sleepmut mutant of ts-strict passes the typescript checker', { timeout: 300_000 }, async () => {
  const run = await runStryker('ts-strict', 'stryker.conf.json', install);
  expect(run.report, run.output).toBeDefined();
  const compileErrors = Object.values(run.report!.files).flatMap((file) => file.mutants).filter((mutant) => mutant.status === 'CompileError');
  expect(compileErrors.map((mutant) => `${mutant.mutatorName}: ${mutant.statusReason}`), run.output).toEqual([]);
  expect(outcomesByOperator(run.report!)).toEqual(Object.fromEntries(Object.entries(mutants).map(([operator, count]) => [operator, { Survived: count }])));
});
