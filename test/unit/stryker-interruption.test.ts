/** An interrupted Stryker `--inPlace` run leaves none of sleepmut's files in the project: the reporter removes them on Stryker's signal exit. */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { setupMarkerFileName, testTimeoutsFileName } from '../../src/stryker/timeouts.js';
import { scratchDir } from '../support/scratch.js';

const reporterModule = pathToFileURL(path.resolve('dist/src/stryker/reporter.js')).href;
/** Stryker's own handler, which turns SIGINT/SIGTERM/SIGHUP into process.exit(128 + n). */
const exitHandlerModule = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'dist/src/unexpected-exit-handler.js')).href;

describe('sleepmut reporter with --inPlace', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('removes %s-interrupted runs\' timeout and setup files from the project', async (signal) => {
    const project = scratchDir('sleepmut-inplace');
    const script = `
      import { writeFileSync } from 'node:fs';
      const { UnexpectedExitHandler } = await import(${JSON.stringify(exitHandlerModule)});
      const { SleepmutReporter } = await import(${JSON.stringify(reporterModule)});
      new UnexpectedExitHandler(process);
      new SleepmutReporter({ inPlace: true, timeoutFactor: 1.5, testRunner: 'vitest' });
      writeFileSync(${JSON.stringify(testTimeoutsFileName)}, '{}');
      writeFileSync(${JSON.stringify(setupMarkerFileName)}, '');
      process.stdout.write('running\\n');
      setTimeout(() => undefined, 20000);
    `;
    writeFileSync(path.join(project, 'run.mjs'), script);
    const run = execa('node', ['run.mjs'], { cwd: project, reject: false });
    run.stdout?.once('data', () => run.kill(signal));
    const result = await run;
    expect(result.exitCode, result.stderr).toBeGreaterThan(128);
    for (const file of [testTimeoutsFileName, setupMarkerFileName]) expect(existsSync(path.join(project, file)), file).toBe(false);
  });
});
