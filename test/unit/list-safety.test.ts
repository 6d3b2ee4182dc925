/** `sleepmut list` reads and never runs or writes project files: symlink loops, project configuration, bad input. */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';
import { ownCorePackageJson } from '../../src/stryker/instrumenter.js';

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

  it('never loads the project\'s Babel configuration (babel.config.js, .babelrc.js, "babel" in package.json)', async () => {
    const dir = scratchDir('sleepmut-babel');
    const marker = (name: string) => `require('node:fs').writeFileSync(require('node:path').join(__dirname, '${name}.ran'), '');\nmodule.exports = {};\n`;
    writeFileSync(path.join(dir, 'babel.config.js'), marker('babel.config'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', '.babelrc.js'), marker('babelrc'));
    writeFileSync(path.join(dir, 'preset.js'), `${marker('preset')}module.exports = () => ({});\n`);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hostile', babel: { presets: ['./preset.js'] } }));
    writeFileSync(path.join(dir, 'src', 'connect.js'), "import { once } from 'node:events';\nexport async function connect(socket) {\n  await once(socket, 'connect');\n}\n");
    const { stdout, stderr, exitCode } = await list(dir, 'src', '--json');
    expect(exitCode, stderr).toBe(0);
    expect((JSON.parse(stdout) as { mutants: { operator: string }[] }).mutants.map((mutant) => mutant.operator)).toEqual(['EventWaitToSleep']);
    for (const name of ['babel.config', 'babelrc', 'preset']) expect(existsSync(path.join(dir, `${name}.ran`)), name).toBe(false);
  });

  it('says in one line what to install when no Stryker is next to sleepmut', () => {
    const elsewhere = path.join(scratchDir('sleepmut-nostryker'), 'main.js');
    expect(() => ownCorePackageJson(elsewhere)).toThrow(/^sleepmut: listing JavaScript\/TypeScript mutants needs Stryker next to sleepmut; install it \(npm i -D @stryker-mutator\/core, 9\.x or 10\.x\)/);
  });

  it('refuses a device such as /dev/zero with one line', async () => {
    const { stderr, exitCode } = await list(scratchDir('sleepmut-dev'), '/dev/zero');
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe('sleepmut list: not a regular file or directory: /dev/zero');
  });

  it('stops quietly with exit 141 when its reader goes away (sleepmut list | head -1)', async () => {
    const dir = scratchDir('sleepmut-pipe');
    const functions = Array.from({ length: 800 }, (_, index) => `async def nap_${index}():\n    await asyncio.sleep(0.1)\n`);
    writeFileSync(path.join(dir, 'many.py'), `import asyncio\n\n${functions.join('\n')}`);
    const { stdout, stderr } = await execa('bash', ['-c', `node ${cli} list many.py | head -1; echo "status \${PIPESTATUS[0]}"`], { cwd: dir });
    expect(stdout).toMatch(/^many\.py:4:5 {2}BlockingSleep {2}\[[0-9a-f]{12}\]\nstatus 141$/);
    expect(stderr).toBe('');
  });
});
