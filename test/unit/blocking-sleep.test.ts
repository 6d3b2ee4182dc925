/** Table tests for BlockingSleep: which discarded awaited sleeps become a synchronous Atomics.wait, and which shapes are left alone. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInstrumenter, instrumentOptions, loadInstrumenter } from '../../src/stryker/instrumenter.js';
import { applySelection } from '../../src/stryker/register.js';
import { mutantsOf, type MutantText } from './harness.js';

const blockFor = (ms: string): string => `(globalThis as any).Atomics.wait(new globalThis.Int32Array(new (globalThis as any).SharedArrayBuffer(4)), 0, 0, ${ms})`;
const blocking = (original: string, ms: string): MutantText => ({ original, replacement: blockFor(ms) });
/** In a JS file the globals are reached without the TypeScript cast. */
const blockingJs = (original: string, ms: string): MutantText => ({ original, replacement: blockFor(ms).replaceAll('(globalThis as any)', 'globalThis') });
const inAsync = (body: string): string => `async function run(ms, attempt, utils, latch, mutex) {\n  ${body}\n}`;
const fromTimers = (body: string, specifiers = '{ setTimeout }', source = 'timers/promises'): string =>
  `import ${specifiers} from '${source}';\n${inAsync(body)}`;

describe('BlockingSleep mutates', () => {
  it.each<[string, string, MutantText[], string?]>([
    ['setTimeout from timers/promises', fromTimers('await setTimeout(100);'), [blocking('setTimeout(100)', '100')]],
    ['renamed from node:timers/promises', fromTimers('await sleep(250);', '{ setTimeout as sleep }', 'node:timers/promises'), [blocking('sleep(250)', '250')]],
    ['namespace timers.setTimeout', fromTimers('await timers.setTimeout(ms);', '* as timers'), [blocking('timers.setTimeout(ms)', 'globalThis.Number(ms) || 0')]],
    ['setTimeout with a discarded value', fromTimers(`await setTimeout(10, 'x');`), [blocking(`setTimeout(10, 'x')`, '10')]],
    ['a timer promise', inAsync('await new Promise(r => setTimeout(r, 100));'), [blocking('new Promise(r => setTimeout(r, 100))', '100')]],
    [
      'a globalThis.setTimeout promise',
      inAsync('await new Promise(r => globalThis.setTimeout(r, ms));'),
      [blocking('new Promise(r => globalThis.setTimeout(r, ms))', 'globalThis.Number(ms) || 0')],
    ],
    ['a block executor', inAsync('await new Promise(resolve => { setTimeout(resolve, 50); });'), [blocking('new Promise(resolve => { setTimeout(resolve, 50); })', '50')]],
    ['a () => r() wrapper', inAsync('await new Promise(r => setTimeout(() => r(), 20));'), [blocking('new Promise(r => setTimeout(() => r(), 20))', '20')]],
    ['setTimeout required from node:timers/promises (CommonJS)', `const { setTimeout: sleep } = require('node:timers/promises');\n${inAsync('await sleep(250);')}`, [blockingJs('sleep(250)', '250')], 'input.js'],
    ['scheduler.wait from timers/promises', fromTimers('await scheduler.wait(30);', '{ scheduler }'), [blocking('scheduler.wait(30)', '30')]],
    ['timers.scheduler.wait', fromTimers('await timers.scheduler.wait(30);', 'timers'), [blocking('timers.scheduler.wait(30)', '30')]],
    ['the global scheduler.wait', inAsync('await scheduler.wait(30);'), [blocking('scheduler.wait(30)', '30')]],
    ['a sleep helper', inAsync('await sleep(1000);'), [blocking('sleep(1000)', '1000')]],
    ['a delay helper with a computed duration', inAsync('await delay(attempt * 100);'), [blocking('delay(attempt * 100)', 'globalThis.Number(attempt * 100) || 0')]],
    ['this.sleep(ms)', inAsync('await this.sleep(ms);'), [blocking('this.sleep(ms)', 'globalThis.Number(ms) || 0')]],
    [
      'utils.delay(options)',
      inAsync('await utils.delay(this.options.retryDelay);'),
      [blocking('utils.delay(this.options.retryDelay)', 'globalThis.Number(this.options.retryDelay) || 0')],
    ],
    ['a pause helper', inAsync('await pause(5);'), [blocking('pause(5)', '5')]],
    ['a wait helper with a duration name', inAsync('await wait(pollIntervalMs);'), [blocking('wait(pollIntervalMs)', 'globalThis.Number(pollIntervalMs) || 0')]],
    ['this.wait with a literal', inAsync('await this.wait(100);'), [blocking('this.wait(100)', '100')]],
    ['a .js file', fromTimers('await setTimeout(100);'), [blockingJs('setTimeout(100)', '100')], 'input.js'],
    [
      'TypeScript syntax',
      `async function run(ms: number | undefined, sleep: (ms: number) => Promise<void>): Promise<void> {\n  await sleep(ms!);\n}`,
      [blocking('sleep(ms!)', 'globalThis.Number(ms!) || 0')],
    ],
    [
      'a mutant nested inside another',
      inAsync('await sleep(await (async () => {\n    await sleep(5);\n    return 10;\n  })());'),
      [
        blocking('sleep(await (async () => {\n    await sleep(5);\n    return 10;\n  })())', 'globalThis.Number(await (async () => {\n  await sleep(5);\n  return 10;\n})()) || 0'),
        blocking('sleep(5)', '5'),
      ],
    ],
  ])('%s', async (_description, code, expected, fileName = 'input.ts') => {
    expect(await mutantsOf('BlockingSleep', code, fileName)).toEqual(expected);
  });
});

describe('BlockingSleep leaves alone', () => {
  it.each<[string, string]>([
    ['a zero-delay timer promise', inAsync('await new Promise(r => setTimeout(r, 0));')],
    ['a timer promise without a delay', inAsync('await new Promise(r => setTimeout(r));')],
    ['setTimeout(0) from timers/promises', fromTimers('await setTimeout(0);')],
    ['setTimeout() from timers/promises', fromTimers('await setTimeout();')],
    ['setImmediate promise', inAsync('await new Promise(r => setImmediate(r));')],
    ['setImmediate from timers/promises', fromTimers('await pause(100);', '{ setImmediate as pause }')],
    ['sleep(0)', inAsync('await sleep(0);')],
    ['a used value', fromTimers(`const v = await setTimeout(10, 'x');`)],
    ['return await', inAsync('return await sleep(10);')],
    ['a helper without a duration', inAsync('await sleep();\n  await this.pause();')],
    ['a helper with a string duration', inAsync(`await delay('1s');`)],
    ['un-awaited timers', inAsync('setTimeout(() => latch.open(), 100);\n  sleep(100);')],
    ['awaiting a callback timer handle', inAsync('await setTimeout(() => latch.open(), 100);')],
    ['a timer promise with a shadowed setTimeout', `const setTimeout = (fn, ms) => fn(ms);\n${inAsync('await new Promise(r => setTimeout(r, 10));')}`],
    ['an event wait', inAsync('await latch.wait();')],
    ['a cancellable timer (a watchdog)', fromTimers('await setTimeout(ms, undefined, { signal });\n  child.kill();\n  await setTimeout(ms, undefined, options);')],
    ['a cancellable scheduler.wait', inAsync('await scheduler.wait(ms, { signal });')],
    ['a condition wait on a non-duration', inAsync('await latch.wait(mutex);')],
  ])('%s', async (_description, code) => {
    expect(await mutantsOf('BlockingSleep', code)).toEqual([]);
  });
});

/** The whole instrumented file, where a reused (uncloned) subtree would show the inner mutant in the outer mutant's branch too. */
async function instrumentedCode(code: string): Promise<string> {
  const internals = await loadInstrumenter();
  applySelection(internals.allMutators, { operators: ['BlockingSleep'], disableBuiltinMutators: true });
  const instrumenter = await createInstrumenter(internals);
  const result = await instrumenter.instrument([{ name: path.resolve('input.ts'), content: code, mutate: true }], instrumentOptions);
  return (result as unknown as { files: { content: string }[] }).files[0].content;
}

it('places a nested mutant only in the original branch of the outer one', async () => {
  const code = inAsync('await sleep(await (async () => {\n    await sleep(5);\n    return 10;\n  })());');
  const innerSwitches = (await instrumentedCode(code)).match(/stryMutAct_9fa48\("1"\)/g);
  expect(innerSwitches).toHaveLength(1);
});
