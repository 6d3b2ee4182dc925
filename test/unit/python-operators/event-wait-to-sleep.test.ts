/** Table tests for EventWaitToSleep (Python): which event waits become a fixed sleep, and which shapes are left alone. */
import { eventWaitToSleep } from '../../../mutators/python/event-wait-to-sleep.js';
import { inAsyncDef, operatorTable } from '../python-harness.js';

const asyncioSleep = (original: string) => ({ original, replacement: "await __import__('asyncio').sleep(0.5)" });
const flagSleep = (original: string) => ({ original, replacement: "await __import__('asyncio').sleep(0.5, True)" });
const timeSleep = (original: string) => ({ original, replacement: "__import__('time').sleep(0.5)" });

operatorTable(eventWaitToSleep, [
  ['a discarded asyncio event wait', inAsyncDef('import asyncio', 'await ev.wait()'), [asyncioSleep('await ev.wait()')]],
  ['an attribute receiver', inAsyncDef('import asyncio', 'await self._ready.wait()'), [asyncioSleep('await self._ready.wait()')]],
  ['an aliased asyncio import', inAsyncDef('import asyncio as aio', 'await ev.wait()'), [asyncioSleep('await ev.wait()')]],
  ['a condition wait', inAsyncDef('import asyncio', 'async with cond:\n    await cond.wait()'), [asyncioSleep('await cond.wait()')]],
  ['a condition wait_for', inAsyncDef('import asyncio', 'async with cond:\n    await cond.wait_for(lambda: q.full())'), [asyncioSleep('await cond.wait_for(lambda: q.full())')]],
  ['a queue join', inAsyncDef('import asyncio', 'await q.join()'), [asyncioSleep('await q.join()')]],
  ['asyncio.wait_for around an event wait', inAsyncDef('import asyncio', 'await asyncio.wait_for(ev.wait(), 2)'), [asyncioSleep('await asyncio.wait_for(ev.wait(), 2)')]],
  ['wait_for imported by name', inAsyncDef('from asyncio import wait_for', 'await wait_for(ev.wait(), timeout=2)'), [asyncioSleep('await wait_for(ev.wait(), timeout=2)')]],
  ['a wait used as an if condition', inAsyncDef('import asyncio', 'if await ev.wait():\n    return 1'), [flagSleep('await ev.wait()')]],
  ['a wait in a while condition, parenthesized', inAsyncDef('import asyncio', 'while (await ev.wait()) and xs:\n    xs.pop()'), [flagSleep('await ev.wait()')]],
  ['a wait_for used with not', inAsyncDef('import asyncio', 'ok = not await asyncio.wait_for(ev.wait(), 1)'), [flagSleep('await asyncio.wait_for(ev.wait(), 1)')]],
  ['a wait in an assert', inAsyncDef('import asyncio', 'assert await ev.wait()'), [flagSleep('await ev.wait()')]],
  ['an anyio event wait uses anyio.sleep', inAsyncDef('import anyio', 'await ev.wait()'), [{ original: 'await ev.wait()', replacement: "await __import__('anyio').sleep(0.5)" }]],
  ['a trio event wait uses trio.sleep', inAsyncDef('import trio', 'await ev.wait()'), [{ original: 'await ev.wait()', replacement: "await __import__('trio').sleep(0.5)" }]],
  [
    'a known trio event in a module importing asyncio too',
    inAsyncDef('import asyncio\nimport trio\n\nready = trio.Event()', 'await ready.wait()'),
    [{ original: 'await ready.wait()', replacement: "await __import__('trio').sleep(0.5)" }],
  ],
  ['a threading event wait', inAsyncDef('import threading\n\ndone = threading.Event()', 'done.wait()', 'def run():'), [timeSleep('done.wait()')]],
  [
    'a threading event wait with a timeout, Event imported by name',
    'from threading import Event\n\nclass Worker:\n    def __init__(self):\n        self._stop = Event()\n\n    def loop(self):\n        self._stop.wait(timeout=1.5)\n',
    [timeSleep('self._stop.wait(timeout=1.5)')],
  ],
  ['leaves alone: a wait whose value is data', inAsyncDef('import asyncio', 'code = await proc.wait()'), []],
  ['leaves alone: an anyio wait used as a flag (it returns None)', inAsyncDef('import anyio', 'if await ev.wait():\n    pass'), []],
  ['leaves alone: a queue join used as a flag', inAsyncDef('import asyncio', 'if await q.join():\n    pass'), []],
  ['leaves alone: asyncio.wait over tasks', inAsyncDef('import asyncio', 'await asyncio.wait(xs)'), []],
  ['leaves alone: a wait with arguments', inAsyncDef('import asyncio', 'await ev.wait(1)'), []],
  ['leaves alone: a queue get', inAsyncDef('import asyncio', 'msg = await q.get()'), []],
  ['leaves alone: a sync wait on something not known to be a threading.Event', inAsyncDef('import threading', 'proc.wait()', 'def run(proc):'), []],
  ['leaves alone: a threading event wait whose value is used', inAsyncDef('import threading\n\ndone = threading.Event()', 'if not done.wait(1):\n    raise TimeoutError', 'def run():'), []],
  ['leaves alone: an await outside async def', 'import asyncio\n\nf = lambda ev: ev.wait()\n', []],
]);
