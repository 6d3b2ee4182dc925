/** `sleepmut list --patches` on edge files: non-UTF-8 bytes, a tab in the name, CRLF without a final newline; every patch applies with git and changes only the mutated line. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const cli = path.resolve('dist/src/cli/main.js');

const files: Record<string, Buffer> = {
  'latin.py': Buffer.from('# -*- coding: latin-1 -*-\n# caf\xe9 cr\xe8me\nimport asyncio\n\n\nasync def nap():\n    await asyncio.sleep(0.1)\n    return "d\xe9j\xe0"\n', 'latin1'),
  'tab\tname.py': Buffer.from('import asyncio\n\n\nasync def nap():\n    await asyncio.sleep(0.1)\n'),
  'crlf.py': Buffer.from('import asyncio\r\n\r\n\r\nasync def nap():\r\n    await asyncio.sleep(0.1)'),
};

describe('sleepmut list --patches on edge files', () => {
  it('writes patches that git apply accepts, in the file\'s own encoding, changing only the mutated lines', async () => {
    const root = scratchDir('sleepmut-edge-patches');
    await execa('git', ['init', '-q'], { cwd: root });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(root, name), bytes);
    const { stdout, stderr, exitCode } = await execa('node', [cli, 'list', '.', '--json', '--patches', 'patches'], { cwd: root, reject: false });
    expect(exitCode, stderr).toBe(0);
    const { mutants } = JSON.parse(stdout) as { mutants: { id: string; file: string; line: number }[] };
    expect(new Set(mutants.map((mutant) => mutant.file))).toEqual(new Set(Object.keys(files)));
    expect(readdirSync(path.join(root, 'patches'))).toHaveLength(mutants.length);
    for (const mutant of mutants) {
      const check = await execa('git', ['apply', '--check', `patches/${mutant.id}.patch`], { cwd: root, reject: false });
      expect(check.exitCode, `${mutant.file}: ${check.stderr}`).toBe(0);
    }
    for (const file of Object.keys(files)) {
      const mutant = mutants.find((candidate) => candidate.file === file)!;
      await execa('git', ['apply', `patches/${mutant.id}.patch`], { cwd: root });
      const before = files[file].toString('latin1').split('\n');
      const after = readFileSync(path.join(root, file)).toString('latin1').split('\n');
      const changed = before.flatMap((line, index) => (line === after[index] ? [] : [index + 1]));
      expect(changed, file).toEqual([mutant.line]);
      await execa('git', ['apply', '-R', `patches/${mutant.id}.patch`], { cwd: root });
      expect(readFileSync(path.join(root, file)).equals(files[file]), file).toBe(true);
    }
  });
});
