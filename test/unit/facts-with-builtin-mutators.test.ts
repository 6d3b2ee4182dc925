/**
 * The project facts of the file being mutated, with Stryker's own mutators on (the default: `disableBuiltinMutators`
 * false). Stryker places every mutant in the live AST while it traverses the file, so a helper the traversal has passed is
 * instrumented by the time its caller is reached; its fact must be read from the code as written.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { OperatorName } from '../../mutators/catalog.js';
import { configureMutators } from '../../mutators/settings.js';
import { instrumentOptions } from '../../src/stryker/instrumenter.js';
import { loadListInstrumenter } from '../../src/stryker/list-mutants.js';
import { withDefaults } from '../../src/stryker/options.js';
import { applySelection } from '../../src/stryker/register.js';

const keepCall = (awaited: string): string => `await Promise.race([new Promise(r => globalThis.setTimeout(r, 500)), Promise.resolve(${awaited}).then(() => new Promise(() => {}))])`;
const sleep = 'await new Promise(r => globalThis.setTimeout(r, 500))';

/** `operator`'s replacements in `code`, with or without Stryker's built-in mutators instrumenting the file too. */
async function replacements(operator: OperatorName, code: string, builtins: boolean): Promise<string[]> {
  const { internals, instrumenter } = await loadListInstrumenter();
  configureMutators(withDefaults({}));
  applySelection(internals.allMutators, { operators: [operator], disableBuiltinMutators: !builtins });
  const { mutants } = await instrumenter.instrument([{ name: path.resolve('facts-builtins.ts'), content: code, mutate: true }], instrumentOptions);
  return mutants.filter((mutant) => mutant.mutatorName === operator).map((mutant) => mutant.replacement);
}

afterAll(async () => {
  const { internals } = await loadListInstrumenter();
  applySelection(internals.allMutators, { operators: withDefaults({}).operators, disableBuiltinMutators: true });
});

it.each<[string, OperatorName, string, string[]]>([
  [
    'a listener-promise helper defined before its caller, with code the built-in mutators change',
    'EventWaitToSleep',
    `export class W {\n  on(name: string, fn: () => void) { return [name, fn]; }\n  onEvent(name: string) {\n    const label = name + '!';\n    return new Promise<void>((r) => this.on(label, r));\n  }\n  async stop() {\n    await this.onEvent('idle');\n  }\n}`,
    [keepCall(`this.onEvent('idle')`)],
  ],
  [
    'a deferred field resolved by a listener (tinyexec), awaited after the constructor and the listener were instrumented',
    'EventWaitToSleep',
    `export class Proc {\n  closed: Promise<void>;\n  resolveClose?: () => void;\n  constructor(handle: { once(name: string, fn: () => void): void }) {\n    this.closed = new Promise<void>((resolve) => {\n      this.resolveClose = resolve;\n    });\n    handle.once('close', this.onClose);\n  }\n  onClose = (): void => {\n    if (this.resolveClose) this.resolveClose();\n  };\n  async output(): Promise<string> {\n    await this.closed;\n    return 'done';\n  }\n}`,
    [sleep],
  ],
  [
    'Promise.all over once waits pushed into a local array the built-in mutators change (`[]`)',
    'EventWaitToSleep',
    `import { once, type EventEmitter } from 'node:events';\nexport async function stop(workers: EventEmitter[]): Promise<void> {\n  const waits: Promise<unknown>[] = [];\n  for (const worker of workers) waits.push(once(worker, 'exit'));\n  await Promise.all(waits);\n}`,
    [sleep],
  ],
  [
    'a jitter held in a const whose initializer the built-in mutators change (axios-retry)',
    'FlattenBackoff',
    `export function exponentialDelay(retryCount: number, delayFactor: number): number {\n  const delay = 2 ** retryCount * delayFactor;\n  const randomSum = delay * 0.2 * Math.random();\n  return delay + randomSum;\n}`,
    ['delayFactor', 'delay'],
  ],
])('%s (%s): the same mutants with the built-in mutators on', async (_description, operator, code, expected) => {
  expect(await replacements(operator, code, false)).toEqual(expected);
  expect(await replacements(operator, code, true)).toEqual(expected);
});
