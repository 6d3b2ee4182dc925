/** A forked run's budget (python/sleepmut_budget.py): a provably hung event loop ends at once, a slow or blocked one runs on to the slow-or-hung budget. */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const pythonDir = path.resolve(import.meta.dirname, '../../python');
const python = '/usr/bin/python3';
const hasTrio = (await execa(python, ['-c', 'import trio'], { reject: false })).exitCode === 0;

/** Runs `body` (the main program) under a budget of 100 ms expected / `finalMs` final (`budget` in scope); prints how the run ended and when. */
async function underBudget(body: string, finalMs = 1500): Promise<{ ending: string; seconds: number }> {
  const script = `
import asyncio, os, sys, threading, time
import sleepmut_budget
started = time.monotonic()
def end(kind):
    print(kind, round(time.monotonic() - started, 2), flush=True)
    os._exit(0)
budget = sleepmut_budget.RunBudget(100, ${finalMs}, end)
budget.start()
${body}
print("finished", round(time.monotonic() - started, 2), flush=True)
`;
  const run = await execa(python, ['-c', script], { env: { PYTHONPATH: pythonDir }, timeout: 10_000 });
  const [ending, seconds] = run.stdout.trim().split(' ');
  return { ending, seconds: Number(seconds) };
}

describe('sleepmut_budget', () => {
  it('ends an asyncio run that waits for an event nobody can set, soon after the expected time', async () => {
    const run = await underBudget('asyncio.run(asyncio.Event().wait())');
    expect(run.ending).toBe('hung');
    expect(run.seconds).toBeLessThan(1);
  });

  it.skipIf(!hasTrio)('ends a trio run that waits for an event nobody can set', async () => {
    const run = await underBudget('import trio\ntrio.run(trio.Event().wait)');
    expect(run.ending).toBe('hung');
  });

  it('lets a slow run (a timer pending) finish', async () => {
    expect((await underBudget('asyncio.run(asyncio.sleep(0.6))')).ending).toBe('finished');
  });

  it('lets a run blocked inside a callback (time.sleep on the loop, no timer) finish: the loop is busy, not idle', async () => {
    expect((await underBudget('async def blocked():\n    time.sleep(0.6)\nasyncio.run(blocked())')).ending).toBe('finished');
  });

  it('does not call a loop hung while another thread could still wake it: the slow-or-hung budget ends it', async () => {
    const body = 'threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\nasyncio.run(asyncio.Event().wait())';
    expect(await underBudget(body)).toMatchObject({ ending: 'slowOrHung' });
  });

  it('does not call a loop hung while it watches a socket another process could write to', async () => {
    const body = `import socket
async def read():
    left, right = socket.socketpair()
    reader, _ = await asyncio.open_connection(sock=left)
    await reader.read(1)
asyncio.run(read())`;
    expect((await underBudget(body)).ending).toBe('slowOrHung');
  });

  it("ends a test that outlasts its own slow-or-hung budget there, long before the run's", async () => {
    const body = 'threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\nbudget.start_test(800)\nasyncio.run(asyncio.Event().wait())';
    const run = await underBudget(body, 20_000);
    expect(run.ending).toBe('slowOrHung');
    expect(run.seconds).toBeGreaterThanOrEqual(0.8);
    expect(run.seconds).toBeLessThan(2);
  });

  it("gives each test its own budget from its own start: two tests of 0.5 s under 0.8 s each finish", async () => {
    const body = 'budget.start_test(800)\ntime.sleep(0.5)\nbudget.start_test(800)\ntime.sleep(0.5)';
    expect((await underBudget(body, 20_000)).ending).toBe('finished');
  });
});
