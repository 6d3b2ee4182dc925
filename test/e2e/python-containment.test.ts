/** Containment of the Python engine: mutate patterns outside the project are refused, symlinked projects run as in place, and no file outside the sandbox and the reports changes. */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, debianPython, processesWorkingIn, sleepmut, snapshot, type Project } from './support/python-project.js';

/** The basic fixture with a sibling directory `other/` next to it, which no run may touch. */
function projectWithSibling(): Project & { sibling: string } {
  const project = copyFixture('basic');
  const sibling = path.join(path.dirname(project.directory), 'other');
  mkdirSync(path.join(sibling, 'lib'), { recursive: true });
  writeFileSync(path.join(sibling, 'lib', '__init__.py'), '');
  writeFileSync(path.join(sibling, 'lib', 'pause.py'), 'import time\n\n\ndef pause():\n    time.sleep(0.001)\n    return "paused"\n');
  return { ...project, sibling };
}

const run = (project: Project, ...args: string[]) => sleepmut(project, ['run', '--python', debianPython, '--concurrency', '2', ...args, '--', 'tests']);

describe('sleepmut run containment', () => {
  it.each([
    ['--mutate with an absolute path outside', (p: Project & { sibling: string }) => run(p, '--mutate', `${p.sibling}/lib/*.py`), (p: { sibling: string }) => `${p.sibling}/lib/*.py`],
    ['--mutate with one ../', (p: Project & { sibling: string }) => run(p, '--mutate', '../other/lib/*.py'), () => '../other/lib/*.py'],
    ['[tool.sleepmut] mutate with ../../', (p: Project & { sibling: string }) => (writeFileSync(path.join(p.directory, 'pyproject.toml'), '[tool.sleepmut]\nmutate = ["app/**/*.py", "app/../../other/**/*.py"]\n'), run(p)), () => 'app/../../other/**/*.py'],
    ['sleepmut.config.json mutate with a brace ..', (p: Project & { sibling: string }) => (writeFileSync(path.join(p.directory, 'sleepmut.config.json'), '{"mutate": ["{..,app}/**/*.py"]}'), run(p)), () => '{..,app}/**/*.py'],
  ])('refuses %s with one line naming the pattern and changes no file', async (_shape, start, pattern) => {
    const project = projectWithSibling();
    const before = { project: snapshot(project.directory), sibling: snapshot(project.sibling) };
    const result = await start(project);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.all.trim().split('\n')).toHaveLength(1);
    expect(result.all).toContain(`mutate pattern '${pattern(project)}' reaches outside the project directory`);
    expect(snapshot(project.sibling)).toEqual(before.sibling);
    expect({ ...snapshot(project.directory), 'pyproject.toml': undefined, 'sleepmut.config.json': undefined }).toMatchObject({ ...before.project });
    expect(readdirSync(project.scratch)).toEqual([]);
  });

  it('runs a project with a relative symlink to a sibling directory, an alias, an absolute link and a loop as in place, mutating each real file once', async () => {
    const project = projectWithSibling();
    symlinkSync('../other/lib', path.join(project.directory, 'lib'));
    symlinkSync('service.py', path.join(project.directory, 'app', 'alias.py'));
    symlinkSync(path.join(project.directory, 'app', 'service.py'), path.join(project.directory, 'app', 'absolute.py'));
    symlinkSync('..', path.join(project.directory, 'app', 'loop'));
    writeFileSync(path.join(project.directory, 'tests', 'test_lib.py'), 'from lib.pause import pause\n\n\ndef test_pause():\n    assert pause() == "paused"\n');
    const before = { project: snapshot(project.directory), sibling: snapshot(project.sibling) };
    const result = await run(project, '--mutate', '**/*.py', '--mutate', '!tests/**');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toContain('warning: skipped lib/pause.py: a symlink to a file outside the project (not mutated)');
    const report = JSON.parse(readFileSync(path.join(project.directory, 'reports/mutation/mutation.json'), 'utf8')) as { files: Record<string, { mutants: unknown[] }> };
    expect(Object.keys(report.files)).toEqual(['app/service.py']);
    expect(report.files['app/service.py'].mutants).toHaveLength(5);
    expect(snapshot(project.directory)).toEqual(before.project);
    expect(snapshot(project.sibling)).toEqual(before.sibling);
    expect(readdirSync(project.scratch)).toEqual([]);
    expect(processesWorkingIn(project.scratch)).toEqual([]);
  });

  it('runs a Latin-1 source as in place: the sandbox copy keeps its bytes', async () => {
    const project = copyFixture('basic');
    writeFileSync(path.join(project.directory, 'app', 'latin.py'), Buffer.from('# -*- coding: latin-1 -*-\nimport asyncio\n\nGREETING = "caf\xe9"\n\n\nasync def greet():\n    await asyncio.sleep(0.01)\n    return GREETING\n', 'latin1'));
    writeFileSync(path.join(project.directory, 'tests', 'test_latin.py'), 'import asyncio\n\nfrom app.latin import greet\n\n\ndef test_greet():\n    assert asyncio.run(greet()) == "caf\\u00e9"\n');
    const before = snapshot(project.directory);
    const result = await run(project, '--mutate', 'app/latin.py');
    expect(result.exitCode, result.all).toBe(0);
    expect(result.all).toMatch(/1 mutants in 1 of 1 files/);
    expect(snapshot(project.directory)).toEqual(before);
    expect(readdirSync(project.scratch)).toEqual([]);
  });
});
