/** `sleepmut list` reads and never runs or writes project files: symlink loops, project configuration, bad input. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const cli = path.resolve('dist/src/cli/main.js');
const list = (cwd: string, ...args: string[]) => execa('node', [cli, 'list', ...args], { cwd, reject: false });

describe('sleepmut list safety', () => {
  it('lists each real file once through a symlink loop and an alias', async () => {
    const dir = scratchDir('sleepmut-loop');
    mkdirSync(path.join(dir, 'pkg'));
    writeFileSync(path.join(dir, 'pkg', 'wait.py'), 'import asyncio\n\n\nasync def nap():\n    await asyncio.sleep(0.1)\n');
    symlinkSync('..', path.join(dir, 'pkg', 'loop'));
    symlinkSync('wait.py', path.join(dir, 'pkg', 'alias.py'));
    const { stdout, exitCode } = await list(dir, '.', '--json');
    expect(exitCode).toBe(0);
    const files = (JSON.parse(stdout) as { mutants: { file: string }[] }).mutants.map((mutant) => mutant.file);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files)).toEqual(new Set(['pkg/wait.py']));
  });
});
