/** Table tests for BlockingSleep (Python): which awaited sleeps become `time.sleep`, and which shapes are left alone. */
import { blockingSleep } from '../../../mutators/python/blocking-sleep.js';
import { inAsyncDef, operatorTable, projectTable } from '../python-harness.js';

const blocking = (original: string, delay: string) => ({ original, replacement: `__import__('time').sleep(${delay})` });

operatorTable(blockingSleep, [
  ['asyncio.sleep', inAsyncDef('import asyncio', 'await asyncio.sleep(0.1)'), [blocking('await asyncio.sleep(0.1)', '0.1')]],
  ['an aliased asyncio', inAsyncDef('import asyncio as aio', 'await aio.sleep(delay)'), [blocking('await aio.sleep(delay)', 'delay')]],
  ['sleep imported by name', inAsyncDef('from asyncio import sleep', 'await sleep(delay * 2)'), [blocking('await sleep(delay * 2)', 'delay * 2')]],
  ['sleep imported under another name', inAsyncDef('from asyncio import sleep as nap', 'await nap(1)'), [blocking('await nap(1)', '1')]],
  ['a sleep whose None value is used', inAsyncDef('import asyncio', 'x = await asyncio.sleep(1)'), [blocking('await asyncio.sleep(1)', '1')]],
  ['the delay keyword', inAsyncDef('import asyncio', 'await asyncio.sleep(delay=0.2)'), [blocking('await asyncio.sleep(delay=0.2)', '0.2')]],
  ['anyio.sleep', inAsyncDef('import anyio', 'await anyio.sleep(0.3)'), [blocking('await anyio.sleep(0.3)', '0.3')]],
  ['trio.sleep', inAsyncDef('import trio', 'await trio.sleep(seconds=2)'), [blocking('await trio.sleep(seconds=2)', '2')]],
  ['a sleep inside an argument', inAsyncDef('import asyncio', 'xs.append(await asyncio.sleep(1))'), [blocking('await asyncio.sleep(1)', '1')]],
  ['leaves alone: asyncio.sleep(0), a cooperative yield', inAsyncDef('import asyncio', 'await asyncio.sleep(0)'), []],
  ['leaves alone: anyio.sleep(0.0)', inAsyncDef('import anyio', 'await anyio.sleep(0.0)'), []],
  ['leaves alone: a sleep with a result', inAsyncDef('import asyncio', 'x = await asyncio.sleep(1, "done")'), []],
  ['leaves alone: an unawaited sleep', inAsyncDef('import asyncio', 'task = asyncio.ensure_future(asyncio.sleep(1))'), []],
  ['leaves alone: a project sleep helper', inAsyncDef('from .clock import nap', 'await nap(1)'), []],
  ['leaves alone: a local function named sleep', 'async def sleep(d):\n    pass\n\nasync def run():\n    await sleep(1)\n', []],
  ['leaves alone: a parameter that shadows the imported sleep', inAsyncDef('from asyncio import sleep', 'await sleep(delay)', 'async def retry(op, sleep=sleep):'), []],
  ['leaves alone: a typed parameter that shadows it', inAsyncDef('import asyncio', 'await asyncio.sleep(1)', 'async def run(asyncio: Clock = default_clock):'), []],
  ['leaves alone: trio.sleep_forever', inAsyncDef('import trio', 'await trio.sleep_forever()'), []],
  ['a sleep function returning the awaitable', 'import asyncio\n\ndef sleep(seconds):\n    return asyncio.sleep(seconds)\n', [{ original: 'asyncio.sleep(seconds)', replacement: "(__import__('time').sleep(seconds), asyncio.sleep(0))[1]" }]],
  ['a trio sleep returned by a method', 'import trio\n\nclass Clock:\n    def pause(self, s):\n        return trio.sleep(s)\n', [{ original: 'trio.sleep(s)', replacement: "(__import__('time').sleep(s), trio.sleep(0))[1]" }]],
  ['a lambda returning the sleep', 'from asyncio import sleep\n\nnap = lambda s: sleep(s)\n', [{ original: 'sleep(s)', replacement: "(__import__('time').sleep(s), sleep(0))[1]" }]],
  ['leaves alone: a returned zero sleep (a yield)', 'import asyncio\n\ndef checkpoint():\n    return asyncio.sleep(0)\n', []],
  ['leaves alone: a sleep returned by an async def (a coroutine of a coroutine)', 'import asyncio\n\nasync def sleep(s):\n    return asyncio.sleep(s)\n', []],
  ['leaves alone: a returned sleep with a result', 'import asyncio\n\ndef later(s, v):\n    return asyncio.sleep(s, v)\n', []],
  ['leaves alone: a sleep stored, not returned', 'import asyncio\n\ndef start(s):\n    pending = asyncio.sleep(s)\n    return pending\n', []],
  ['trio.sleep_until blocks until the deadline on trio\'s clock', inAsyncDef('import trio', 'await trio.sleep_until(t_start + period)'), [{ original: 'await trio.sleep_until(t_start + period)', replacement: "__import__('time').sleep(__import__('builtins').max(0, t_start + period - __import__('trio').current_time()))" }]],
  ['anyio.sleep_until', inAsyncDef('import anyio', 'await anyio.sleep_until(deadline)'), [{ original: 'await anyio.sleep_until(deadline)', replacement: "__import__('time').sleep(__import__('builtins').max(0, deadline - __import__('anyio').current_time()))" }]],
  ['leaves alone: asyncio has no sleep_until', inAsyncDef('import asyncio', 'await asyncio.sleep_until(deadline)'), []],
  ['leaves alone: the only yield of a while loop that waits for another task (a hang, not a slow mutant)', inAsyncDef('import asyncio', 'while pending:\n    drain(pending)\n    await asyncio.sleep(0.005)'), []],
  [
    'leaves alone: a polling loop whose other await runs only on an error path',
    inAsyncDef('import asyncio', 'while True:\n    await asyncio.sleep(interval)\n    for item in items:\n        if item.failed:\n            await report(item)', 'async def run(interval, items, report):'),
    [],
  ],
  ['leaves alone: a sleep in an except clause of a queue-polling loop', inAsyncDef('import asyncio', 'while True:\n    try:\n        line = q.get_nowait()\n    except Empty:\n        await asyncio.sleep(0.01)'), []],
  ['a polling loop bounded by a clock', inAsyncDef('import asyncio, time', 'start = time.monotonic()\nwhile time.monotonic() - start < timeout:\n    await asyncio.sleep(interval)', 'async def run(timeout, interval):'), [blocking('await asyncio.sleep(interval)', 'interval')]],
  [
    'a loop whose body polls a child with os.waitpid',
    inAsyncDef('import asyncio, os', 'while True:\n    pid, status = os.waitpid(self._pid, os.WNOHANG)\n    if pid == self._pid:\n        break\n    await asyncio.sleep(self.poll_interval)', 'async def wait(self):'),
    [blocking('await asyncio.sleep(self.poll_interval)', 'self.poll_interval')],
  ],
  ['a loop polling a child process', inAsyncDef('import asyncio', 'while self.exitcode is None:\n    await asyncio.sleep(0.005)', 'async def join(self):'), [blocking('await asyncio.sleep(0.005)', '0.005')]],
  ['a while-retry loop with an await that always runs', inAsyncDef('import asyncio', 'while True:\n    try:\n        return await op()\n    except OSError:\n        await asyncio.sleep(delay)', 'async def run(op, delay):'), [blocking('await asyncio.sleep(delay)', 'delay')]],
  ['a while loop with an async for', inAsyncDef('import asyncio', 'while running:\n    async for msg in stream:\n        handle(msg)\n    await asyncio.sleep(1)', 'async def run(running, stream):'), [blocking('await asyncio.sleep(1)', '1')]],
  [
    'a rate-limit loop that reads the clock in its body',
    inAsyncDef('import anyio', 'while True:\n    now = anyio.current_time()\n    if now >= self.next_start:\n        break\n    await anyio.sleep(self.next_start - now)', 'async def wait_turn(self):'),
    [blocking('await anyio.sleep(self.next_start - now)', 'self.next_start - now')],
  ],
]);

projectTable(blockingSleep, [
  [
    'a library sleep re-exported by a project module (from .curio import sleep)',
    {
      'pkg/__init__.py': '',
      'pkg/curio.py': 'from asyncio import sleep, Event\n\n__all__ = ["sleep", "Event"]\n',
      'pkg/session.py': 'from pkg.curio import sleep\n\nasync def throttle(cost):\n    await sleep(cost)\n',
    },
    [{ file: 'pkg/session.py', original: 'await sleep(cost)', replacement: "__import__('time').sleep(cost)" }],
  ],
  [
    'leaves alone: a project sleep function of the same name (not a re-export)',
    {
      'pkg/__init__.py': '',
      'pkg/curio.py': 'async def sleep(seconds):\n    return seconds\n',
      'pkg/session.py': 'from pkg.curio import sleep\n\nasync def throttle(cost):\n    await sleep(cost)\n',
    },
    [],
  ],
]);
