/** A forked run's budget (python/sleepmut_budget.py): a provably hung event loop ends at once, a slow or blocked one runs on to the slow-or-hung budget. */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const pythonDir = path.resolve(import.meta.dirname, '../../python');
const python = '/usr/bin/python3';
const hasTrio = (await execa(python, ['-c', 'import trio'], { reject: false })).exitCode === 0;

/** Runs `body` (the main program) under a budget of 100 ms expected / 1,500 ms final; prints how the run ended and when. */
async function underBudget(body: string): Promise<{ ending: string; seconds: number }> {
  const script = `
import asyncio, os, sys, threading, time
import sleepmut_budget
started = time.monotonic()
def end(kind):
    print(kind, round(time.monotonic() - started, 2), flush=True)
    os._exit(0)
sleepmut_budget.RunBudget(100, 1500, end).start()
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
});
