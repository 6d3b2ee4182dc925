/** `sleepmut run` names the real cause in one line: a directory that does not exist, an interpreter that is not one, a config file that does not parse (with line and column). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const run = (cwd: string, ...args: string[]) => execa('node', [path.resolve('dist/src/cli/main.js'), 'run', ...args], { cwd, reject: false });

describe('sleepmut run messages', () => {
  it('says a --cwd directory does not exist', async () => {
    const { stderr, exitCode } = await run(scratchDir('sleepmut-msg'), '--cwd', '/nonexistent/project');
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe('sleepmut run: --cwd /nonexistent/project: the directory does not exist');
  });

  it.each([
    ['/bin/true', "sleepmut: '/bin/true' does not behave like a Python interpreter: it ran sleepmut's probe script and printed nothing (exit status 0); pass a Python 3 executable with --python PATH"],
    ['/bin/false', "sleepmut: Python interpreter '/bin/false' failed to start (exit status 1): it printed nothing on stderr"],
  ])('says what went wrong with --python %s', async (python, message) => {
    const { stderr, exitCode } = await run(scratchDir('sleepmut-msg'), '--python', python);
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe(message);
  });

  it.each([
    ['pyproject.toml', '[tool.sleepmut]\nmutate = ["app/*.py"\ntimeoutMs = 10\n', 'sleepmut: pyproject.toml: cannot parse at line 3, column 1: expected comma or end of structure'],
    ['sleepmut.config.json', '{\n  "timeoutMs": 10,\n}\n', 'sleepmut: sleepmut.config.json: cannot parse at line 3, column 1: Expected double-quoted property name'],
  ])('gives the line and column of a %s syntax error', async (file, text, message) => {
    const project = scratchDir('sleepmut-msg');
    writeFileSync(path.join(project, file), text);
    const { stderr, exitCode } = await run(project);
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe(message);
  });
});
