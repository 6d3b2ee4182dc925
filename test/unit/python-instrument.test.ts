/** Mutant switches in Python: placement of the runtime import, indentation of statement switches, UTF-16 offsets, nesting; checked by running the instrumented code with /usr/bin/python3. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import type { PyMutation, PyMutator } from '../../mutators/python/types.js';
import { instrument, runtimeImport } from '../../src/python/instrument.js';
import { pythonEnvironment } from '../../src/python/interpreter.js';
import { parsePython } from '../../src/python/parse.js';

/** Test operators: `await x` -> `-1` (expression), and a statement `await x` -> two statements that record "M". */
const awaitToConstant: PyMutator = {
  name: 'BlockingSleep',
  *mutate(node: Node): Iterable<PyMutation> {
    if (node.type === 'await' && node.isNamed) yield { node, replacement: '-1', level: 'expression' };
  },
};
const awaitStatementToTwo: PyMutator = {
  name: 'EventWaitToSleep',
  *mutate(node: Node): Iterable<PyMutation> {
    if (node.type === 'expression_statement' && node.firstNamedChild?.type === 'await') yield { node, replacement: 'log.append("M1")\nlog.append("M2")', level: 'statement' };
  },
};

async function instrumented(source: string, mutators: readonly PyMutator[]): Promise<string> {
  const parsed = await parsePython(source, mutators);
  return instrument(source, parsed.root, parsed.sites.map((site, offset) => ({ ...site, index: offset + 1 })));
}

/** Runs the program with mutant `active` switched on and returns what it prints. */
function runPython(program: string, active: number): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'sleepmut-unit-'));
  writeFileSync(path.join(directory, 'program.py'), program);
  return execaSync('/usr/bin/python3', [path.join(directory, 'program.py')], { env: pythonEnvironment({ SLEEPMUT_ACTIVE: String(active) }) }).stdout;
}

const classProgram = `"""Module docstring."""
from __future__ import annotations
import asyncio

log = []


class Waiter:
    async def value(self):
        return 7

    async def run(self):
        if True:
            await self.value()
        total = 1 + await self.value()
        log.append(total)


asyncio.run(Waiter().run())
print(log)
`;

describe('Python mutant switches', () => {
  it('puts the runtime import after the docstring and __future__ imports', async () => {
    const output = await instrumented(classProgram, [awaitToConstant]);
    expect(output.split('\n').slice(0, 3)).toEqual(['"""Module docstring."""', 'from __future__ import annotations', runtimeImport.trim()]);
  });

  it('switches statement and expression mutants inside a class body, each alone', async () => {
    const program = await instrumented(classProgram, [awaitStatementToTwo, awaitToConstant]);
    expect(runPython(program, 0)).toBe('[8]');
    const outputs = [1, 2, 3].map((active) => runPython(program, active));
    expect(outputs).toContain("['M1', 'M2', 8]");
    expect(outputs).toContain('[0]');
  });

  it('indents statement switches with the block indentation, tabs included', async () => {
    const program = 'import asyncio\nlog = []\nasync def f():\n\tif True:\n\t\tawait asyncio.sleep(0)\n\treturn log\nprint(asyncio.run(f()))\n';
    const output = await instrumented(program, [awaitStatementToTwo]);
    expect(runPython(output, 0)).toBe('[]');
    expect(runPython(output, 1)).toBe("['M1', 'M2']");
  });

  it('uses UTF-16 offsets, so sites after non-ASCII text are replaced exactly', async () => {
    const program = 'import asyncio\nasync def one():\n    return 1\nasync def f():\n    return ("é😀", await one())\nprint(asyncio.run(f()))\n';
    const output = await instrumented(program, [awaitToConstant]);
    expect(runPython(output, 0)).toBe("('é😀', 1)");
    expect(runPython(output, 1)).toBe("('é😀', -1)");
  });

  it('leaves statements that share their line unmutated at statement level', async () => {
    const parsed = await parsePython('async def f(ev):\n    if ev: await ev.wait()\n    await ev.wait(); print(1)\n', [awaitStatementToTwo]);
    expect(parsed.sites).toEqual([]);
  });
});
