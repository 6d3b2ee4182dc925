/** Table tests for EventWaitToSleep (Python): which event waits become a fixed sleep, and which shapes are left alone. */
import { eventWaitToSleep } from '../../../mutators/python/event-wait-to-sleep.js';
import { inAsyncDef, operatorTable, projectTable } from '../python-harness.js';

const asyncioSleep = (original: string) => ({ original, replacement: "await __import__('asyncio').sleep(0.5)" });
const flagSleep = (original: string) => ({ original, replacement: "await __import__('asyncio').sleep(0.5, True)" });
const timeSleep = (original: string) => ({ original, replacement: "__import__('time').sleep(0.5)" });
const released = (receiver: string, library = 'asyncio') => `${receiver}.release()\ntry:\n    await __import__('${library}').sleep(0.5)\nfinally:\n    await ${receiver}.acquire()`;
const indented = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');
const queueClass = (body: string) =>
  `import asyncio\n\nclass Queue:\n    def __init__(self):\n        self._lock = asyncio.Lock()\n        self._not_empty = asyncio.Condition(self._lock)\n        self._items = []\n\n    async def get(self):\n        async with self._not_empty:\n${body
    .split('\n')
    .map((line) => `            ${line}`)
    .join('\n')}\n`;
const twoClasses =
  'import subprocess\nimport threading\n\nclass Beat:\n    def __init__(self):\n        self.done = threading.Event()\n\n    def run(self):\n        self.done.wait(1)\n\nclass Job:\n    def __init__(self, cmd):\n        self.done = subprocess.Popen(cmd)\n\n    def run(self):\n        self.done.wait(1)\n';
const typeCheckingWorker = (annotation: string) =>
  `from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import threading\n\nclass Worker:\n    def __init__(self, event${annotation}):\n        self.event${annotation} = event\n\n    def run(self):\n        self.event.wait(0.1)\n`;

/** An AsyncValue (trio-util's shape) whose wait_value parks through a helper's park, and that park's mutant: shared by the project-wait rows. */
const asyncValueModule =
  'import trio\nfrom trio import lowlevel\n\nclass _Lot:\n    async def park(self):\n        await lowlevel.wait_task_rescheduled(lambda _: lowlevel.Abort.SUCCEEDED)\n\nclass AsyncValue:\n    def __init__(self, value):\n        self.value = value\n        self._lot = _Lot()\n\n    async def _wait_predicate(self, predicate):\n        await self._lot.park()\n        return self.value\n\n    async def wait_value(self, predicate):\n        if not predicate(self.value):\n            return await self._wait_predicate(predicate)\n        await trio.sleep(0)\n        return self.value\n';
const parkedLot = { file: 'pkg/value.py', original: 'await self._lot.park()', replacement: "await __import__('trio').sleep(0.5)" };

operatorTable(eventWaitToSleep, [
  ['a discarded asyncio event wait', inAsyncDef('import asyncio', 'await ev.wait()'), [asyncioSleep('await ev.wait()')]],
  ['an attribute receiver', inAsyncDef('import asyncio', 'await self._ready.wait()'), [asyncioSleep('await self._ready.wait()')]],
  ['an aliased asyncio import', inAsyncDef('import asyncio as aio', 'await ev.wait()'), [asyncioSleep('await ev.wait()')]],
  [
    'a known Condition: release, sleep, re-acquire (the while re-checks)',
    queueClass('while not self._items:\n    await self._not_empty.wait()\nreturn self._items.pop()'),
    [{ original: 'await self._not_empty.wait()', replacement: released('self._not_empty') }],
  ],
  [
    'a known Condition wait_for: the same inside a loop on the predicate',
    inAsyncDef('import asyncio\n\ncond = asyncio.Condition()', 'async with cond:\n    await cond.wait_for(lambda: q.full())', 'async def run(q):'),
    [{ original: 'await cond.wait_for(lambda: q.full())', replacement: `while not (lambda: q.full())():\n${indented(released('cond'))}` }],
  ],
  [
    'an anyio Condition in an annotated parameter uses anyio.sleep',
    inAsyncDef('import anyio', 'async with cond:\n    await cond.wait()', 'async def run(cond: anyio.Condition):'),
    [{ original: 'await cond.wait()', replacement: released('cond', 'anyio') }],
  ],
  ['leaves alone: a wait inside async with on a receiver of unknown type (a sleep would keep its lock)', inAsyncDef('import asyncio', 'async with cond:\n    await cond.wait()'), []],
  ['leaves alone: wait_for(pred) on a receiver of unknown type', inAsyncDef('import asyncio', 'await cond.wait_for(lambda: q.full())'), []],
  ['leaves alone: a known Condition under asyncio.wait_for', queueClass('await asyncio.wait_for(self._not_empty.wait(), 1)'), []],
  ['leaves alone: a known Condition wait used as a flag', queueClass('if await self._not_empty.wait():\n    pass'), []],
  ['leaves alone: a known Condition wait not alone on its statement', queueClass('x = [await self._not_empty.wait()]'), []],
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
  ['self.x resolved per class: the threading.Event field, not the Popen of another class', twoClasses, [timeSleep('self.done.wait(1)')]],
  ['a string annotation naming a type imported under TYPE_CHECKING (parameter)', typeCheckingWorker(': "threading.Event"').replace('self.event: "threading.Event" =', 'self.event ='), [timeSleep('self.event.wait(0.1)')]],
  ['a string annotation on the self field', typeCheckingWorker('').replace('self.event = event', 'self.event: "threading.Event" = event'), [timeSleep('self.event.wait(0.1)')]],
  ['an Optional[...] annotation', typeCheckingWorker(': Optional[threading.Event] = None').replace('self.event: Optional[threading.Event] = None =', 'self.event ='), [timeSleep('self.event.wait(0.1)')]],
  ['leaves alone: a wait whose value is data', inAsyncDef('import asyncio', 'code = await proc.wait()'), []],
  ['leaves alone: an anyio wait used as a flag (it returns None)', inAsyncDef('import anyio', 'if await ev.wait():\n    pass'), []],
  ['leaves alone: a queue join used as a flag', inAsyncDef('import asyncio', 'if await q.join():\n    pass'), []],
  ['leaves alone: asyncio.wait over tasks', inAsyncDef('import asyncio', 'await asyncio.wait(xs)'), []],
  ['leaves alone: a wait with arguments', inAsyncDef('import asyncio', 'await ev.wait(1)'), []],
  ['leaves alone: a queue get', inAsyncDef('import asyncio', 'msg = await q.get()'), []],
  ['leaves alone: a sync wait on something not known to be a threading.Event', inAsyncDef('import threading', 'proc.wait()', 'def run(proc):'), []],
  ['leaves alone: a threading event wait whose value is used', inAsyncDef('import threading\n\ndone = threading.Event()', 'if not done.wait(1):\n    raise TimeoutError', 'def run():'), []],
  ['leaves alone: an await outside async def', 'import asyncio\n\nf = lambda ev: ev.wait()\n', []],
  [
    'a threading.Condition wait: release, sleep, re-acquire',
    'import threading\n\nclass Executor:\n    def __init__(self):\n        self._work_ready = threading.Condition(threading.Lock())\n\n    def run(self):\n        with self._work_ready:\n            while not self._items:\n                self._work_ready.wait()\n',
    [{ original: 'self._work_ready.wait()', replacement: "self._work_ready.release()\ntry:\n    __import__('time').sleep(0.5)\nfinally:\n    self._work_ready.acquire()" }],
  ],
  ['leaves alone: a threading.Condition wait whose value is used', 'import threading\n\ncond = threading.Condition()\n\ndef run():\n    with cond:\n        ok = cond.wait(1)\n', []],
  ['leaves alone: a sync wait in a with block on an unknown receiver', 'def run(cond):\n    with cond:\n        cond.wait()\n', []],
  [
    'leaves alone: a project join that awaits its own task (cleanup, not a signal)',
    'import asyncio\n\nclass Pool:\n    async def join(self):\n        await self._loop\n\n    async def __aexit__(self, *args):\n        self.terminate()\n        await self.join()\n',
    [],
  ],
  [
    'leaves alone: a wait in a timeout scope whose block continues the loop (the sleep would always win: a hang)',
    inAsyncDef('import trio', 'while True:\n    with trio.move_on_after(held_for):\n        await ev.wait()\n        continue\n    break', 'async def hold(ev, held_for):'),
    [],
  ],
  [
    'leaves alone: wait_for with a timeout inside a loop that only the timeout ends',
    inAsyncDef('import asyncio', 'try:\n    while True:\n        await asyncio.wait_for(ev.wait(), 5)\n        ev.clear()\n        if done():\n            break\nexcept asyncio.TimeoutError:\n    pass'),
    [],
  ],
  [
    'leaves alone: an abort event cutting a reconnect delay short (the timeout is the normal path)',
    inAsyncDef('import asyncio', 'while True:\n    try:\n        await asyncio.wait_for(abort.wait(), delay)\n        return\n    except asyncio.TimeoutError:\n        pass\n    await reconnect()', 'async def reconnect_loop(abort, delay):'),
    [],
  ],
  [
    'leaves alone: a curio-style timeout_after scope in a loop',
    inAsyncDef('import asyncio\nfrom .curio import timeout_after', 'for _ in range(3):\n    async with timeout_after(1):\n        await ev.wait()'),
    [],
  ],
  [
    'wait_for with a timeout outside any loop (the timeout is an error or the same next step)',
    inAsyncDef('import asyncio', 'try:\n    await asyncio.wait_for(ev.wait(), keep_alive)\nexcept asyncio.TimeoutError:\n    pass\nawait close()', 'async def idle(ev, keep_alive):'),
    [asyncioSleep('await asyncio.wait_for(ev.wait(), keep_alive)')],
  ],
  [
    'wait_for without a timeout in a loop',
    inAsyncDef('import asyncio', 'while True:\n    await asyncio.wait_for(ev.wait(), None)\n    ev.clear()\n    handle()'),
    [asyncioSleep('await asyncio.wait_for(ev.wait(), None)')],
  ],
  [
    'a wait in a timeout scope that does not loop back',
    inAsyncDef('import trio', 'with trio.move_on_after(2):\n    await ev.wait()\nreturn ev.is_set()', 'async def ready(ev):'),
    [{ original: 'await ev.wait()', replacement: "await __import__('trio').sleep(0.5)" }],
  ],
  [
    'a join on a project subclass of asyncio.Queue',
    'import asyncio\n\nclass Jobs(asyncio.Queue):\n    pass\n\nasync def drain(jobs: Jobs):\n    await jobs.join()\n',
    [asyncioSleep('await jobs.join()')],
  ],
]);

projectTable(eventWaitToSleep, [
  [
    'a Condition subclass defined in another module',
    {
      'pkg/__init__.py': '',
      'pkg/sync.py': 'import asyncio\n\nclass Gate(asyncio.Condition):\n    pass\n',
      'pkg/pool.py': 'from .sync import Gate\n\nclass Pool:\n    def __init__(self):\n        self._gate = Gate()\n\n    async def take(self):\n        async with self._gate:\n            await self._gate.wait()\n',
    },
    [{ file: 'pkg/pool.py', original: 'await self._gate.wait()', replacement: released('self._gate') }],
  ],
  [
    'a field typed in a base class of another module',
    {
      'pkg/__init__.py': '',
      'pkg/base.py': 'import threading\n\nclass Base:\n    def __init__(self):\n        self.stopped = threading.Event()\n',
      'pkg/worker.py': 'from pkg.base import Base\n\nclass Worker(Base):\n    def loop(self):\n        self.stopped.wait(2)\n',
    },
    [{ file: 'pkg/worker.py', original: 'self.stopped.wait(2)', replacement: "__import__('time').sleep(0.5)" }],
  ],
  [
    'a discarded call of a project coroutine that only waits for a signal (park, through a helper), in its library; the park itself too',
    {
      'pkg/__init__.py': '',
      'pkg/value.py': asyncValueModule,
      'pkg/event.py': 'from .value import AsyncValue\n\nclass RepeatedEvent:\n    def __init__(self):\n        self._event = AsyncValue(0)\n\n    async def wait(self):\n        token = self._event.value\n        await self._event.wait_value(lambda val: val > token)\n',
    },
    [parkedLot, { file: 'pkg/event.py', original: 'await self._event.wait_value(lambda val: val > token)', replacement: "await __import__('trio').sleep(0.5)" }],
  ],
  [
    'leaves alone: a project wait whose value is used, or whose arguments call something (the helper\'s park is mutated)',
    {
      'pkg/__init__.py': '',
      'pkg/value.py': asyncValueModule,
      'pkg/use.py': 'from .value import AsyncValue\n\nasync def run(v: AsyncValue, limit):\n    got = await v.wait_value(lambda x: x > 1)\n    await v.wait_value(make_predicate(limit))\n    return got\n',
    },
    [parkedLot],
  ],
  [
    'leaves alone: the call of a wait-named coroutine that does more than wait (it sends first); its event wait is mutated',
    {
      'pkg/__init__.py': '',
      'pkg/conn.py': 'import trio\n\nclass Conn:\n    def __init__(self):\n        self._pong = trio.Event()\n\n    async def wait_pong(self):\n        await self._stream.send_all(b"ping")\n        await self._pong.wait()\n\n    async def check(self):\n        await self.wait_pong()\n',
    },
    [{ file: 'pkg/conn.py', original: 'await self._pong.wait()', replacement: "await __import__('trio').sleep(0.5)" }],
  ],
  [
    'leaves alone: the call of a coroutine not named as a wait (refresh), though its own wait is mutated',
    {
      'pkg/__init__.py': '',
      'pkg/value.py': asyncValueModule,
      'pkg/use.py': 'from .value import AsyncValue\n\nclass Reader:\n    def __init__(self):\n        self._value = AsyncValue(0)\n\n    async def refresh(self):\n        await self._value.wait_value(lambda x: x > 0)\n\n    async def run(self):\n        await self.refresh()\n',
    },
    [parkedLot, { file: 'pkg/use.py', original: 'await self._value.wait_value(lambda x: x > 0)', replacement: "await __import__('trio').sleep(0.5)" }],
  ],
  [
    'a hand-made Event whose wait parks on a future it created',
    {
      'pkg/__init__.py': '',
      'pkg/locks.py': 'import asyncio\n\nclass Event:\n    async def wait(self):\n        if self._value:\n            return True\n        fut = self.loop.create_future()\n        self._waiters.append(fut)\n        try:\n            await fut\n            return True\n        finally:\n            self._waiters.remove(fut)\n',
      'pkg/queues.py': 'import asyncio\nfrom .locks import Event\n\nclass FlowControl:\n    def __init__(self):\n        self._resume = Event()\n\n    async def acquire(self):\n        await self._resume.wait()\n',
    },
    [{ file: 'pkg/queues.py', original: 'await self._resume.wait()', replacement: "await __import__('asyncio').sleep(0.5)" }],
  ],
  [
    'leaves alone: a wait() that awaits a future it did not create (a task it was handed: no park on a signal)',
    {
      'pkg/__init__.py': '',
      'pkg/locks.py': 'import asyncio\n\nclass Event:\n    async def wait(self):\n        if self._value:\n            return True\n        fut = self._pending\n        self._waiters.append(fut)\n        try:\n            await fut\n            return True\n        finally:\n            self._waiters.remove(fut)\n',
      'pkg/queues.py': 'import asyncio\nfrom .locks import Event\n\nclass FlowControl:\n    def __init__(self):\n        self._resume = Event()\n\n    async def acquire(self):\n        await self._resume.wait()\n',
    },
    [],
  ],
  [
    'leaves alone: a service wait() that waits for the service to stop (its completion is the stop path), and its wait_until_stopped callers',
    {
      'pkg/__init__.py': '',
      'pkg/services.py': 'import asyncio\n\nclass Service:\n    async def wait(self, *coros, timeout=None):\n        if coros:\n            return await self._wait_one(coros[0], timeout=timeout)\n        await self._wait_stopped(timeout=timeout)\n        return None\n\n    async def wait_until_stopped(self):\n        await self.wait()\n\n    async def serve(self):\n        await self.wait_until_stopped()\n',
    },
    [],
  ],
  [
    'runtime-neutral code of a project on asyncio and trio: the sleep of the running loop',
    {
      'pkg/__init__.py': '',
      'pkg/asyncio_backend.py': 'import asyncio\n\nclass Context:\n    event_class = asyncio.Event\n',
      'pkg/trio_backend.py': 'import trio\n\nclass Context:\n    event_class = trio.Event\n',
      'pkg/protocol.py': 'class H11:\n    def __init__(self, context):\n        self.can_read = context.event_class()\n\n    async def read(self):\n        await self.can_read.wait()\n',
    },
    [{ file: 'pkg/protocol.py', original: 'await self.can_read.wait()', replacement: "await (__import__('asyncio').sleep(0.5) if __import__('asyncio')._get_running_loop() is not None else __import__('trio').sleep(0.5))" }],
  ],
  [
    'a module importing no runtime in an asyncio-only project: asyncio',
    { 'pkg/__init__.py': '', 'pkg/asyncio_backend.py': 'import asyncio\n\nclass Context:\n    event_class = asyncio.Event\n', 'pkg/protocol.py': 'class H11:\n    def __init__(self, context):\n        self.can_read = context.event_class()\n\n    async def read(self):\n        await self.can_read.wait()\n', },
    [{ file: 'pkg/protocol.py', original: 'await self.can_read.wait()', replacement: "await __import__('asyncio').sleep(0.5)" }],
  ],
  [
    'leaves alone: a same-named field of an unrelated class in another module',
    {
      'pkg/__init__.py': '',
      'pkg/base.py': 'import threading\n\nclass Base:\n    def __init__(self):\n        self.stopped = threading.Event()\n',
      'pkg/proc.py': 'import subprocess\n\nclass Proc:\n    def __init__(self, cmd):\n        self.stopped = subprocess.Popen(cmd)\n\n    def loop(self):\n        self.stopped.wait(2)\n',
    },
    [],
  ],
]);
