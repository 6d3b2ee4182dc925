/** Table tests for FlattenBackoff: exponential backoff and jitter in delay contexts, retry-config growth factors, and the shapes left alone. */
import { describe, expect, it } from 'vitest';
import { mutantsOf, type MutantText } from './harness.js';

type Row = [description: string, code: string, expected: MutantText[]];

const flattened = (original: string, replacement: string): MutantText => ({ original, replacement });

const exponentialRows: Row[] = [
  ['setTimeout delay argument', 'setTimeout(retry, 100 * 2 ** attempt);', [flattened('100 * 2 ** attempt', '100')]],
  ['growth term first', 'setTimeout(retry, 2 ** attempt * base);', [flattened('2 ** attempt * base', 'base')]],
  ['Math.pow growth', 'await sleep(base * Math.pow(2, n));', [flattened('base * Math.pow(2, n)', 'base')]],
  ['left shift growth', 'await delay(250 << attempt);', [flattened('250 << attempt', '250')]],
  ['non-2 exponent base', 'await wait(this.base * 1.5 ** n);', [flattened('this.base * 1.5 ** n', 'this.base')]],
  ['no visible base: power', 'await sleep(2 ** n);', [flattened('2 ** n', '2000')]],
  ['no visible base: Math.pow', 'await pause(Math.pow(2, n));', [flattened('Math.pow(2, n)', '2000')]],
  ['no visible base: 1 << n', 'await sleep(1 << attempt);', [flattened('1 << attempt', '2000')]],
  ['timer promise through Math.min', 'await new Promise((r) => setTimeout(r, Math.min(30000, base * 2 ** n)));', [flattened('base * 2 ** n', 'base')]],
  ['through rounding and arithmetic', 'await sleep(Math.round(base * 2 ** (attempt - 1)) + 10);', [flattened('base * 2 ** (attempt - 1)', 'base')]],
  ['through a conditional', 'await sleep(attempt === 0 ? 0 : base * 2 ** attempt);', [flattened('base * 2 ** attempt', 'base')]],
  ['delay-named variable', 'const retryDelay = 2 ** attempt * 500;', [flattened('2 ** attempt * 500', '500')]],
  ['delay-named member assignment', 'this.backoffMs = base * Math.pow(2, n);', [flattened('base * Math.pow(2, n)', 'base')]],
  ['delay-named object property', 'configure({ delayMs: Math.max(100, base * 2 ** n) });', [flattened('base * 2 ** n', 'base')]],
  ['delay-named class field', 'class Retry { waitMs = 100 * 2 ** this.n; }', [flattened('100 * 2 ** this.n', '100')]],
  ['returned from a delay-named function', 'function backoffDelay(attempt) { return 100 * 2 ** attempt; }', [flattened('100 * 2 ** attempt', '100')]],
  ['returned from a delay-named method', 'class Retry { retryAfter(n) { return this.base * 2 ** n; } }', [flattened('this.base * 2 ** n', 'this.base')]],
  ['delay-named arrow body', 'const nextDelay = (n) => Math.pow(2, n);', [flattened('Math.pow(2, n)', '2000')]],
  ['delay-named property function', 'const policy = { interval: (n) => 50 * 2 ** n };', [flattened('50 * 2 ** n', '50')]],
  [
    'retry loop variable flows into a timer',
    'for (let attempt = 0; attempt < 5; attempt++) { const ms = 100 * 2 ** attempt; await new Promise((r) => setTimeout(r, ms)); }',
    [flattened('100 * 2 ** attempt', '100')],
  ],
  ['reassigned variable flows into sleep', 'let ms = 0; while (!ok()) { ms = base * 2 ** tries++; await sleep(ms); }', [flattened('base * 2 ** tries++', 'base')]],
  ['TypeScript annotation', 'const delay: number = base * 2 ** attempt;', [flattened('base * 2 ** attempt', 'base')]],
];

const jitterRows: Row[] = [
  ['jitter factor after', 'const delay = base * Math.random();', [flattened('base * Math.random()', 'base')]],
  ['jitter factor first', 'await sleep(Math.random() * base);', [flattened('Math.random() * base', 'base')]],
  ['added jitter term', 'await sleep(Math.floor(delay + Math.random() * 100));', [flattened('delay + Math.random() * 100', 'delay')]],
  ['jitter held in a variable, added to the delay (axios-retry)', 'const randomSum = delay * 0.2 * Math.random();\n  await sleep(delay + randomSum);', [flattened('delay + randomSum', 'delay')]],
  ['added rounded jitter term', 'setTimeout(run, base + Math.floor(100 * Math.random()));', [flattened('base + Math.floor(100 * Math.random())', 'base')]],
  [
    'jitter around backoff: one mutant each, no leak',
    'const delay = base * 2 ** n + Math.random() * 100;',
    [flattened('base * 2 ** n + Math.random() * 100', 'base * 2 ** n'), flattened('base * 2 ** n', 'base')],
  ],
  [
    'full jitter around a capped backoff',
    'const delay = Math.random() * Math.min(cap, base * 2 ** n);',
    [flattened('Math.random() * Math.min(cap, base * 2 ** n)', 'Math.min(cap, base * 2 ** n)'), flattened('base * 2 ** n', 'base')],
  ],
  [
    'jitter factor on a power with no base',
    'await sleep(Math.random() * 2 ** n);',
    [flattened('Math.random() * 2 ** n', '2 ** n'), flattened('2 ** n', '2000')],
  ],
];

const optionRows: Row[] = [
  ['async-retry factor', 'await retry(fn, { retries: 5, factor: 2, minTimeout: 100 });', [flattened('2', '1')]],
  ['exponential-backoff timeMultiple', 'await backOff(fn, { numOfAttempts: 5, startingDelay: 100, timeMultiple: 3 });', [flattened('3', '1')]],
  ['multiplier with a quoted sibling key', "const policy = { 'maxDelay': 5000, multiplier: 1.5 };", [flattened('1.5', '1')]],
];

const leftAloneRows: Row[] = [
  ['power of two as a size', 'const size = base * 2 ** n;', []],
  ['buffer growth', 'buffer = Buffer.alloc(buffer.length * 2 ** k);', []],
  ['capacity doubling', 'const grown = capacity << 1;', []],
  ['a variable that is not jitter added to a delay', 'const extra = delay * 0.2;\n  await sleep(delay + extra);', []],
  ['bit mask', 'const mask = 1 << bit;', []],
  ['constant exponent in a delay', 'const delay = base * 2 ** 3;', []],
  ['factor without retry siblings', 'const scale = { factor: 2, offset: 1 };', []],
  ['factor of 1 in a retry config', 'await retry(fn, { retries: 5, factor: 1 });', []],
  ['random outside a delay', 'const id = Math.random(); const key = Math.random() * 1e9;', []],
  ['linear backoff', 'const delay = base * attempt; await sleep(base * attempt);', []],
  ['constant delays', 'const timeout = 5000; setTimeout(run, 1000);', []],
  ['retry loop value that never reaches a timer', 'for (let attempt = 0; attempt < 5; attempt++) { const ms = 100 * 2 ** attempt; log(ms); }', []],
  ['power compared, not waited', 'if (base * 2 ** attempt > cap) await sleep(cap);', []],
  ['power passed to a non-timer call', 'const budget = 2 ** n * unit; schedule(budget);', []],
];

describe('FlattenBackoff', () => {
  it.each([...exponentialRows, ...jitterRows, ...optionRows, ...leftAloneRows])('%s', async (_description, code, expected) => {
    expect(await mutantsOf('FlattenBackoff', code)).toEqual(expected);
  });

  it.each<Row>([
    ['setTimeout in a .js file', 'setTimeout(() => retry(), 200 * 2 ** attempt);', [flattened('200 * 2 ** attempt', '200')]],
    ['retry option in a .js file', 'module.exports = { maxRetries: 3, exponent: 2 };', [flattened('2', '1')]],
    ['leave-alone in a .js file', 'const bytes = chunk * 2 ** k;', []],
  ])('%s', async (_description, code, expected) => {
    expect(await mutantsOf('FlattenBackoff', code, 'input.js')).toEqual(expected);
  });

  it.each<Row>([
    ['no visible base uses backoffDelayMs', 'await sleep(2 ** n);', [flattened('2 ** n', '750')]],
    ['a visible base ignores backoffDelayMs', 'await sleep(100 * 2 ** n);', [flattened('100 * 2 ** n', '100')]],
  ])('%s (backoffDelayMs: 750)', async (_description, code, expected) => {
    expect(await mutantsOf('FlattenBackoff', code, 'input.ts', { backoffDelayMs: 750 })).toEqual(expected);
  });
});
