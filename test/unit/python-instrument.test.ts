/** Mutant switches in Python: placement of the runtime import, indentation of statement switches, UTF-16 offsets, nesting, per-call switches of import-time arguments; checked by running the instrumented code with /usr/bin/python3. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execaSync } from 'execa';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { flattenBackoff } from '../../mutators/python/flatten-backoff.js';
import type { PyMutation, PyMutator } from '../../mutators/python/types.js';
import { instrument, runtimeImport } from '../../src/python/instrument.js';
import { pythonEnvironment } from '../../src/python/interpreter.js';
import { parsePython } from '../../src/python/parse.js';
import { scratchDir } from '../support/scratch.js';

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

/** Test operator for import-time arguments: the function name `doubling` -> a negating lambda, the integer 5 -> 7. */
const importTimeArguments: PyMutator = {
  name: 'FlattenBackoff',
  *mutate(node: Node): Iterable<PyMutation> {
    if (node.type === 'identifier' && node.text === 'doubling' && node.parent?.type === 'keyword_argument') yield { node, replacement: 'lambda n: -n', level: 'expression' };
    if (node.type === 'integer' && node.text === '5') yield { node, replacement: '7', level: 'expression' };
  },
};

async function instrumented(source: string, mutators: readonly PyMutator[]): Promise<string> {
  const parsed = await parsePython(source, mutators);
  return instrument(source, parsed.root, parsed.sites.map((site, offset) => ({ ...site, index: offset + 1 })));
}

/** Runs the program with mutant `active` switched on and returns what it prints. */
function runPython(program: string, active: number): string {
  const directory = scratchDir('sleepmut-unit');
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

  it('switches a callable decorator argument per call, after import, and counts its calls (not the import) as hits', async () => {
    const program = await instrumented(decoratedProgram, [importTimeArguments]);
    expect(program).toContain('__sleepmut_callable__(1, (doubling), lambda: (lambda n: -n))');
    expect(runPython(program, 0)).toBe('{2: 1} 5 [0, 2, 4] [0, -1, -2] {2: 1, 1: 4}');
    expect(runPython(program, 2)).toBe('{2: 1} 7 [0, 2, 4] [0, -1, -2] {2: 1, 1: 4}');
  });

  it('switches per call only direct call arguments evaluated at import in the module scope', async () => {
    const parsed = await parsePython(importTimeSites, [flattenBackoff]);
    const perCallByLine = parsed.sites.map((site) => [importTimeSites.slice(0, site.start).split('\n').length, site.perCall]);
    expect(perCallByLine).toEqual([
      [6, true],
      [7, false],
      [8, false],
      [11, true],
      [16, true],
      [22, false],
      [28, false],
    ]);
  });
});

/** Imports, then calls a function decorated with `wait=doubling` once with the mutant inactive and once after switching it on (as a forked worker does). */
const decoratedProgram = `import sleepmut_runtime
sleepmut_runtime.hits = {}


def retry(wait):
    def decorate(f):
        return lambda: [f(), wait(1), wait(2)]
    return decorate


def doubling(n):
    return 2 * n


@retry(wait=doubling)
def work():
    return 0


LIMIT = max(1, 5)
at_import = dict(sleepmut_runtime.hits)
before = work()
sleepmut_runtime.active = 1
print(at_import, LIMIT, before, work(), sleepmut_runtime.hits)
`;

/** FlattenBackoff sites at import time (lines 6, 11, 16 are direct call arguments in the module scope) and elsewhere. */
const importTimeSites = `import backoff
import tenacity

BASE = 0.01
RETRIES = 3
SLOWEST_DELAY = min(2, BASE * 2 ** RETRIES)
POLICY = tenacity.wait_exponential(multiplier=0.01)
COMBINED = tenacity.Retrying(wait=tenacity.wait_exponential(multiplier=0.01) + tenacity.wait_fixed(1))


@tenacity.retry(wait=tenacity.wait_exponential(multiplier=0.01, max=1))
def read():
    pass


@backoff.on_exception(backoff.expo, OSError, max_tries=4)
def fetch():
    pass


class Reader:
    @tenacity.retry(wait=tenacity.wait_exponential(multiplier=0.01, max=1))
    def read(self):
        pass


def later(attempt):
    return tenacity.Retrying(wait=tenacity.wait_exponential(multiplier=attempt))
`;
