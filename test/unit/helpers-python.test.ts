/** The pytest helpers (python/sleepmut_pytest_helpers.py) pass on responsive, concurrent code and fail on blocking, sequential code. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/scratch.js';

const pythonDir = path.resolve(import.meta.dirname, '../../python');
const python = process.env.SLEEPMUT_PYTHON ?? 'python3';
const hasPytest = (await execa(python, ['-c', 'import pytest'], { reject: false })).exitCode === 0;

const tests = `
import asyncio, time
import pytest
from sleepmut_pytest_helpers import EventLoopBlockedError, NoOverlapError

pytest_plugins = ["sleepmut_pytest_helpers"]

async def work(value):
    await asyncio.sleep(0.02)
    return value

def test_responsive_call_passes(responsive):
    async def scenario():
        async with responsive(max_block=0.05):
            await asyncio.sleep(0.06)
    asyncio.run(scenario())

def test_blocking_call_fails(responsive):
    async def scenario():
        async with responsive(max_block=0.05):
            await asyncio.sleep(0.005)
            time.sleep(0.2)
    with pytest.raises(EventLoopBlockedError):
        asyncio.run(scenario())

def test_block_before_first_await_fails(responsive):
    async def scenario():
        async with responsive(max_block=0.05):
            time.sleep(0.2)
    with pytest.raises(EventLoopBlockedError):
        asyncio.run(scenario())

def test_gather_overlaps(concurrency):
    tracked = concurrency.track(work)
    async def concurrent():
        return await asyncio.gather(tracked(1), tracked(2))
    assert asyncio.run(concurrent()) == [1, 2]
    concurrency.assert_overlap()

def test_sequential_awaits_do_not_overlap(concurrency):
    tracked = concurrency.track(work)
    async def sequential():
        return [await tracked(1), await tracked(2)]
    assert asyncio.run(sequential()) == [1, 2]
    with pytest.raises(NoOverlapError):
        concurrency.assert_overlap()
`;

describe.skipIf(!hasPytest)('pytest helpers', () => {
  it('pass on responsive and concurrent code, fail on blocking and sequential code', async () => {
    const dir = scratchDir('sleepmut-pyhelpers');
    writeFileSync(path.join(dir, 'test_helpers.py'), tests);
    const env = { PYTHONPATH: pythonDir, PYTHONDONTWRITEBYTECODE: '1' };
    const result = await execa(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_helpers.py'], { cwd: dir, env, reject: false, all: true });
    expect(result.all).toMatch(/5 passed/);
    expect(result.exitCode).toBe(0);
  });
});
