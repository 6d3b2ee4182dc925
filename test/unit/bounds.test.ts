/** Every numeric option is checked against a sane range, with one line, wherever it is set: CLI flags, [tool.sleepmut]/sleepmut.config.json, the Stryker options schema. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { maxTimerMs, optionRanges } from '../../src/bounds.js';
import { validated } from '../../src/python/config.js';
import { strykerValidationSchema } from '../../src/stryker/options.js';
import { firstBudget, slowOrHungBudgetMs } from '../../src/verdict/budget.js';
import { scratchDir } from '../support/scratch.js';

const cli = (cwd: string, ...args: string[]) => execa('node', [path.resolve('dist/src/cli/main.js'), ...args], { cwd, reject: false });

describe('numeric option bounds', () => {
  it.each([
    ['timeoutMs', 2_200_000_000],
    ['timeoutMs', -1],
    ['delayMs', 3e9],
    ['delayMs', 0],
    ['backoffDelayMs', 1e300],
    ['timeoutFactor', Number.POSITIVE_INFINITY],
    ['timeoutFactor', 1e6],
    ['concurrency', 1e9],
    ['concurrency', 2.5],
  ])('refuses %s = %d in the config with one line naming the range', (key, value) => {
    expect(() => validated('pyproject.toml [tool.sleepmut]', { [key]: value })).toThrow(new RegExp(`^pyproject\\.toml \\[tool\\.sleepmut\\]: '${key}' must be (an integer|a number) from `));
  });

  it('accepts the limits of each range', () => {
    for (const [key, range] of Object.entries(optionRanges)) {
      expect(validated('sleepmut.config.json', { [key]: range.min })).toEqual({ [key]: range.min });
      expect(validated('sleepmut.config.json', { [key]: range.max })).toEqual({ [key]: range.max });
    }
  });

  it('refuses out-of-range delays in the Stryker options schema', () => {
    const validate = new Ajv({ strict: false }).compile(strykerValidationSchema);
    expect(validate({ sleepmut: { delayMs: 500, backoffDelayMs: 2000 } })).toBe(true);
    expect(validate({ sleepmut: { delayMs: 3e9 } })).toBe(false);
    expect(validate({ sleepmut: { backoffDelayMs: 1e300 } })).toBe(false);
  });

  it('keeps every computed timer below 2^31 ms, however many hits', () => {
    const hour = optionRanges.delayMs.max;
    const budget = firstBudget({ operator: 'EventWaitToSleep', baselineMs: hour, hits: 1e6, timeoutFactor: 100, settings: { delayMs: hour, backoffDelayMs: hour }, marginMs: hour });
    expect(budget.budgetMs).toBeLessThan(maxTimerMs - 7000);
    expect(slowOrHungBudgetMs(budget)).toBeLessThan(maxTimerMs - 7000);
  });

  it.each([
    [['list', '--delay-ms', '1e99'], "sleepmut list: --delay-ms must be an integer from 1 to 3600000 (milliseconds), got '1e99'"],
    [['list', '--delay-ms', '-5'], "sleepmut list: --delay-ms must be an integer from 1 to 3600000 (milliseconds), got '-5'"],
    [['list', '--backoff-delay-ms', '3e9'], "sleepmut list: --backoff-delay-ms must be an integer from 1 to 3600000 (milliseconds), got '3e9'"],
    [['run', '--concurrency', '1e9'], "sleepmut run: --concurrency must be an integer from 1 to 256, got '1e9'"],
    [['run', '--concurrency', '-2'], "sleepmut run: --concurrency must be an integer from 1 to 256, got '-2'"],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const { stderr, exitCode } = await cli(scratchDir('sleepmut-bounds'), ...args);
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe(message);
  });

  it('refuses timeoutMs = 2200000000 in [tool.sleepmut] before running anything', async () => {
    const project = scratchDir('sleepmut-bounds-toml');
    writeFileSync(path.join(project, 'pyproject.toml'), '[tool.sleepmut]\ntimeoutMs = 2200000000\n');
    const { stderr, exitCode } = await cli(project, 'run');
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe("sleepmut: pyproject.toml [tool.sleepmut]: 'timeoutMs' must be an integer from 0 to 3600000 (milliseconds), got 2200000000");
  });
});
