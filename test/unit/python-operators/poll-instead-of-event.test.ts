/** Table tests for PollInsteadOfEvent (Python): which event-wait statements become sleep-polling loops, and which are left alone. */
import { expect, it } from 'vitest';
import { pollInsteadOfEvent } from '../../../mutators/python/poll-instead-of-event.js';
import { inAsyncDef, mutationsOf, operatorTable, projectTable } from '../python-harness.js';

const poll = (original: string, receiver: string, library = 'asyncio') => ({ original, replacement: `while not ${receiver}.is_set():\n    await __import__('${library}').sleep(0.2)` });

operatorTable(pollInsteadOfEvent, [
  ['a module-level asyncio event', inAsyncDef('import asyncio\n\nready = asyncio.Event()', 'await ready.wait()'), [poll('await ready.wait()', 'ready')]],
  ['an annotated parameter', inAsyncDef('import asyncio', 'await ev.wait()\nreturn 1', 'async def run(ev: asyncio.Event):'), [poll('await ev.wait()', 'ev')]],
  ['an annotated parameter with a default, aliased import', inAsyncDef('import asyncio as aio', 'await ev.wait()', 'async def run(ev: aio.Event = None):'), [poll('await ev.wait()', 'ev')]],
  [
    'an attribute set in __init__',
    'import asyncio\n\nclass Conn:\n    def __init__(self):\n        self._ready = asyncio.Event()\n\n    async def send(self):\n        await self._ready.wait()\n',
    [poll('await self._ready.wait()', 'self._ready')],
  ],
  ['a class-level annotation', 'from asyncio import Event\n\nclass Conn:\n    ready: Event\n\n    async def send(self):\n        await self.ready.wait()\n', [poll('await self.ready.wait()', 'self.ready')]],
  ['an anyio event', inAsyncDef('import anyio\n\ndone = anyio.Event()', 'await done.wait()'), [poll('await done.wait()', 'done', 'anyio')]],
  ['a trio event', inAsyncDef('import trio', 'await ev.wait()', 'async def run(ev: trio.Event):'), [poll('await ev.wait()', 'ev', 'trio')]],
  ['leaves alone: a receiver not known to be an event', inAsyncDef('import asyncio', 'await ev.wait()'), []],
  ['leaves alone: a condition', inAsyncDef('import asyncio\n\ncond = asyncio.Condition()', 'async with cond:\n    await cond.wait()'), []],
  ['leaves alone: a wait whose value is used', inAsyncDef('import asyncio\n\nready = asyncio.Event()', 'if await ready.wait():\n    pass'), []],
  ['leaves alone: a threading event', inAsyncDef('import threading\n\nready = threading.Event()', 'await ready.wait()'), []],
  ['leaves alone: wait_for around the event', inAsyncDef('import asyncio\n\nready = asyncio.Event()', 'await asyncio.wait_for(ready.wait(), 1)'), []],
  [
    'a field of a local object built from a project class',
    'import trio\n\nclass Connection:\n    def __init__(self):\n        self._open_handshake = trio.Event()\n\nasync def connect(nursery):\n    connection = Connection()\n    await connection._open_handshake.wait()\n    return connection\n',
    [poll('await connection._open_handshake.wait()', 'connection._open_handshake', 'trio')],
  ],
  ['leaves alone: a field of a local object of unknown class', 'import trio\n\nasync def connect(make):\n    connection = make()\n    await connection._open_handshake.wait()\n', []],
]);

it('PollInsteadOfEvent replaces the whole statement', async () => {
  const [mutation] = await mutationsOf(pollInsteadOfEvent, inAsyncDef('import asyncio\n\nready = asyncio.Event()', 'await ready.wait()'));
  expect([mutation.level, mutation.node.type]).toEqual(['statement', 'expression_statement']);
});

projectTable(pollInsteadOfEvent, [
  [
    'an Event re-exported by a project module (from pkg.curio import Event)',
    {
      'pkg/__init__.py': '',
      'pkg/curio.py': 'from asyncio import Event, sleep\n',
      'pkg/transport.py': 'from pkg.curio import Event\n\nclass Transport:\n    def __init__(self):\n        self._can_send = Event()\n\n    async def write(self, data):\n        await self._can_send.wait()\n',
    },
    [{ file: 'pkg/transport.py', original: 'await self._can_send.wait()', replacement: "while not self._can_send.is_set():\n    await __import__('asyncio').sleep(0.2)" }],
  ],
  [
    'leaves alone: a project class named Event (no is_set() known)',
    {
      'pkg/__init__.py': '',
      'pkg/curio.py': 'class Event:\n    async def wait(self):\n        pass\n',
      'pkg/transport.py': 'from pkg.curio import Event\n\nclass Transport:\n    def __init__(self):\n        self._can_send = Event()\n\n    async def write(self, data):\n        await self._can_send.wait()\n',
    },
    [],
  ],
]);
