/** Every Python mutant sleepmut generates over the py-service sample, against a committed snapshot: any change in generated mutants shows in review. */
import { readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';
import { expect, it } from 'vitest';
import { defaultSettings } from '../../mutators/settings.js';
import { compareMutants } from '../../src/report/mutant-list.js';
import { pythonOperatorNames } from '../../src/python/config.js';
import { listPythonMutants } from '../../src/python/list.js';

it('generates the snapshotted mutants for the Python sample', async () => {
  const names = await glob('sample-projects/py-service/app/**/*.py');
  const files = names.sort().map((name) => ({ name, content: readFileSync(name, 'utf8') }));
  const mutants = (await listPythonMutants(files, defaultSettings, pythonOperatorNames)).sort(compareMutants);
  await expect(`${JSON.stringify(mutants, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/python-mutants.json');
});
