/** Every JS/TS mutant sleepmut generates over the sample projects, against a committed snapshot: any change in generated mutants shows in review. */
import { readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { expect, it } from 'vitest';
import { compareMutants } from '../../src/report/mutant-list.js';
import { listJsMutants } from '../../src/stryker/list-mutants.js';
import { withDefaults } from '../../src/stryker/options.js';

/** Every JS/TS sample project (ts-timing and js-timing are the reporter's timeout/slowdown fixtures, test/e2e/reporter*.test.ts). */
const samples = ['ts-connector', 'ts-indexer', 'js-fanout', 'js-jest', 'ts-timing', 'js-timing'];

it('generates the snapshotted mutants for the sample projects', { timeout: 60_000 }, async () => {
  const names = await glob(samples.map((sample) => `sample-projects/${sample}/src/**/*.{ts,js}`));
  const files = names.sort().map((name) => ({ name, content: readFileSync(name, 'utf8') }));
  const mutants = (await listJsMutants(files, withDefaults({}))).sort(compareMutants);
  await expect(`${JSON.stringify(mutants, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/js-mutants.json');
});
