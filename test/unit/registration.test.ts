import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstrumenter, findCorePackageJson } from '../../src/stryker/instrumenter.js';
import { applySelection } from '../../src/stryker/register.js';
import type { JsMutator } from '../../mutators/js/ast.js';
import { scratchDir } from '../support/scratch.js';

/** A node_modules tree with a fake core and a fake instrumenter of the given version and files. */
function fakeStryker(version: string, files: Record<string, string> = {}): string {
  const root = scratchDir('sleepmut-fake');
  const core = path.join(root, 'node_modules/@stryker-mutator/core');
  const instrumenter = path.join(root, 'node_modules/@stryker-mutator/instrumenter');
  mkdirSync(core, { recursive: true });
  mkdirSync(instrumenter, { recursive: true });
  writeFileSync(path.join(core, 'package.json'), JSON.stringify({ name: '@stryker-mutator/core', version }));
  writeFileSync(path.join(instrumenter, 'package.json'), JSON.stringify({ name: '@stryker-mutator/instrumenter', version, type: 'module', exports: { '.': './index.js', './package.json': './package.json' } }));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(instrumenter, file)), { recursive: true });
    writeFileSync(path.join(instrumenter, file), content);
  }
  return path.join(core, 'package.json');
}

const builtin = (name: string): JsMutator => ({ name, *mutate() {} });

describe('instrumenter guard', () => {
  it('finds the instrumenter that core depends on', async () => {
    const internals = await loadInstrumenter(findCorePackageJson());
    expect(internals.version).toMatch(/^(9|10)\./);
    expect(Array.isArray(internals.allMutators)).toBe(true);
  });

  it('follows the `npx stryker` symlink to the core that is running, wherever the current directory is', () => {
    const corePackageJson = fakeStryker('9.6.1', {});
    const bin = path.join(path.dirname(corePackageJson), 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'stryker.js'), '');
    const dotBin = path.join(path.dirname(corePackageJson), '../../.bin');
    mkdirSync(dotBin);
    symlinkSync(path.join(bin, 'stryker.js'), path.join(dotBin, 'stryker'));
    const argv1 = process.argv[1];
    process.argv[1] = path.join(dotBin, 'stryker');
    try {
      expect(findCorePackageJson(scratchDir('elsewhere'))).toBe(corePackageJson);
    } finally {
      process.argv[1] = argv1;
    }
  });

  it.each(['8.7.1', '11.0.0'])('refuses instrumenter %s with one line naming the supported range', async (version) => {
    const error = await loadInstrumenter(fakeStryker(version)).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `sleepmut: Stryker instrumenter ${version} is not supported (supported: 9.x or 10.x); install a supported @stryker-mutator/core`,
    );
  });

  it('refuses a supported version with an unknown layout', async () => {
    const error = await loadInstrumenter(fakeStryker('9.9.0', { 'dist/src/mutators/mutate.js': 'export const mutators = [];' })).catch((e: Error) => e);
    expect((error as Error).message).toContain('has an unknown layout (no allMutators in dist/src/mutators/mutate.js)');
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('applySelection', () => {
  it('is idempotent and keeps the built-ins in front', () => {
    const list = [builtin('ArithmeticOperator'), builtin('StringLiteral')];
    const all = { operators: ['EventWaitToSleep', 'DropOffload', 'BlockingSleep', 'FlattenBackoff', 'SerializeConcurrency'] as never[], disableBuiltinMutators: false };
    applySelection(list, all);
    applySelection(list, all);
    expect(list.map((m) => m.name)).toEqual(['ArithmeticOperator', 'StringLiteral', 'EventWaitToSleep', 'DropOffload', 'BlockingSleep', 'FlattenBackoff', 'SerializeConcurrency']);
  });

  it('selects operators and can drop the built-ins, then restore them', () => {
    const list = [builtin('ArithmeticOperator')];
    applySelection(list, { operators: ['BlockingSleep'] as never[], disableBuiltinMutators: true });
    expect(list.map((m) => m.name)).toEqual(['BlockingSleep']);
    applySelection(list, { operators: [], disableBuiltinMutators: false });
    expect(list.map((m) => m.name)).toEqual(['ArithmeticOperator']);
  });
});
