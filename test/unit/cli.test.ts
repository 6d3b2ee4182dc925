import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const cli = (...args: string[]) => execa('node', ['dist/src/cli/main.js', ...args], { reject: false });

describe('sleepmut CLI', () => {
  it('documents every command and option in --help', async () => {
    const { stdout, exitCode } = await cli('--help');
    expect(exitCode).toBe(0);
    for (const text of ['sleepmut list', 'sleepmut run', '--json', '--operators', '--delay-ms', '--backoff-delay-ms']) expect(stdout).toContain(text);
  });

  it('lists mutants as JSON with stable ids, relative paths, 1-based lines and 0-based columns', async () => {
    const first = await cli('list', 'test/fixtures/js/connector.ts', '--json');
    const second = await cli('list', 'test/fixtures/js/connector.ts', '--json');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const { mutants } = JSON.parse(first.stdout) as { mutants: Record<string, unknown>[] };
    expect(mutants).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{12}$/),
        operator: 'EventWaitToSleep',
        file: 'test/fixtures/js/connector.ts',
        line: 5,
        column: 2,
        endLine: 5,
        endColumn: 31,
        original: "await once(socket, 'connect')",
        replacement: 'await new Promise(r => globalThis.setTimeout(r, 500))',
      },
    ]);
  });

  it('honours --delay-ms and --operators', async () => {
    const delayed = await cli('list', 'test/fixtures/js/connector.ts', '--json', '--delay-ms', '750');
    expect(delayed.stdout).toContain('globalThis.setTimeout(r, 750)');
    const none = await cli('list', 'test/fixtures/js/connector.ts', '--json', '--operators', 'BlockingSleep');
    expect(JSON.parse(none.stdout)).toEqual({ mutants: [] });
  });

  it('writes one git-applicable patch per mutant, named by its id (JS and Python)', { timeout: 30_000 }, async () => {
    const root = scratchDir('sleepmut-patches');
    cpSync('sample-projects', path.join(root, 'sample-projects'), { recursive: true, filter: (source) => !/node_modules|__pycache__|reports$/.test(source) });
    const { stdout } = await execa('node', [path.resolve('dist/src/cli/main.js'), 'list', 'sample-projects', '--json', '--patches', 'patches'], { cwd: root });
    const { mutants } = JSON.parse(stdout) as { mutants: { id: string; file: string; replacement: string }[] };
    expect(readdirSync(path.join(root, 'patches')).sort()).toEqual(mutants.map((mutant) => `${mutant.id}.patch`).sort());
    for (const mutant of mutants) await execa('git', ['apply', '--check', `patches/${mutant.id}.patch`], { cwd: root });
    const python = mutants.find((mutant) => mutant.file.endsWith('.py'))!;
    await execa('git', ['apply', `patches/${python.id}.patch`], { cwd: root });
    expect(readFileSync(path.join(root, python.file), 'utf8')).toContain(python.replacement.split('\n')[0]);
  });

  it('skips a file that does not parse with a one-line warning and lists the rest', async () => {
    const { stdout, stderr, exitCode } = await cli('list', 'test/fixtures/js', '--json');
    expect(exitCode).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sleepmut: skipped test\/fixtures\/js\/broken\.js: it does not parse/)]);
    expect((JSON.parse(stdout) as { mutants: unknown[] }).mutants).toHaveLength(1);
  });

  it('skips a Python file with a syntax error with a one-line warning', async () => {
    const dir = scratchDir('sleepmut-badpy');
    writeFileSync(path.join(dir, 'broken.py'), 'async def f(:\n    await asyncio.sleep(1)\n');
    const { stdout, stderr, exitCode } = await cli('list', dir, '--json');
    expect(exitCode).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sleepmut: skipped .*broken\.py: it does not parse \(syntax error\)$/)]);
    expect(JSON.parse(stdout)).toEqual({ mutants: [] });
  });

  it.each([
    [['list', '--bogus'], /^sleepmut list: Unknown option '--bogus'/],
    [['list', '--operators', 'Nope'], /^sleepmut list: unknown operator Nope \(known: EventWaitToSleep, /],
    [['list', '--delay-ms', 'soon'], /^sleepmut list: --delay-ms must be an integer from 1 to 3600000 \(milliseconds\), got 'soon'$/],
    [['list', 'no/such/dir'], /^sleepmut list: no such file or directory: no\/such\/dir$/],
    [['frobnicate'], /^sleepmut: unknown command "frobnicate"/],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const { stderr, exitCode } = await cli(...args);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});
