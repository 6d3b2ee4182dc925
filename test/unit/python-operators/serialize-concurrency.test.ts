/** Table tests for SerializeConcurrency (Python): which gathers become sequential awaits, and which shapes are left alone. */
import { serializeConcurrency } from '../../../mutators/python/serialize-concurrency.js';
import { inAsyncDef, operatorTable, projectTable } from '../python-harness.js';

const sequential = (original: string, replacement: string) => ({ original, replacement });

operatorTable(serializeConcurrency, [
  ['gather over two calls', inAsyncDef('import asyncio', 'a, b = await asyncio.gather(fetch(1), fetch(2))'), [sequential('await asyncio.gather(fetch(1), fetch(2))', '[await fetch(1), await fetch(2)]')]],
  [
    'gather over three method calls, discarded',
    inAsyncDef('import asyncio as aio', 'await aio.gather(self.a(), self.b(x=1), c.d())'),
    [sequential('await aio.gather(self.a(), self.b(x=1), c.d())', '[await self.a(), await self.b(x=1), await c.d()]')],
  ],
  ['gather imported by name', inAsyncDef('from asyncio import gather', 'return await gather(a(), b())'), [sequential('await gather(a(), b())', '[await a(), await b()]')]],
  ['a splatted list comprehension', inAsyncDef('import asyncio', 'rs = await asyncio.gather(*[fetch(x) for x in xs])'), [sequential('await asyncio.gather(*[fetch(x) for x in xs])', '[await fetch(x) for x in xs]')]],
  [
    'a splatted generator with a condition',
    inAsyncDef('import asyncio', 'rs = await asyncio.gather(*(fetch(x, retries=2) for x in xs if x))'),
    [sequential('await asyncio.gather(*(fetch(x, retries=2) for x in xs if x))', '[await fetch(x, retries=2) for x in xs if x]')],
  ],
  [
    'a comprehension with two for clauses',
    inAsyncDef('import asyncio', 'await asyncio.gather(*[put(k, v) for k in xs for v in k])'),
    [sequential('await asyncio.gather(*[put(k, v) for k in xs for v in k])', '[await put(k, v) for k in xs for v in k]')],
  ],
  ['leaves alone: gather over started tasks', inAsyncDef('import asyncio', 'await asyncio.gather(t1, t2)'), []],
  ['leaves alone: gather over *tasks', inAsyncDef('import asyncio', 'await asyncio.gather(*tasks)'), []],
  ['leaves alone: a single call (the mutant would be equivalent)', inAsyncDef('import asyncio', 'await asyncio.gather(fetch(1))'), []],
  ['leaves alone: a call mixed with a task', inAsyncDef('import asyncio', 'await asyncio.gather(fetch(1), task)'), []],
  [
    'return_exceptions=True: each call alone, its exception captured in place',
    inAsyncDef('import asyncio', 'rs = await asyncio.gather(a(), b(), return_exceptions=True)'),
    [sequential('await asyncio.gather(a(), b(), return_exceptions=True)', '[(await asyncio.gather(a(), return_exceptions=True))[0], (await asyncio.gather(b(), return_exceptions=True))[0]]')],
  ],
  [
    'a comprehension with return_exceptions=True',
    inAsyncDef('import asyncio', 'rs = await asyncio.gather(*[fetch(x) for x in xs], return_exceptions=True)'),
    [sequential('await asyncio.gather(*[fetch(x) for x in xs], return_exceptions=True)', '[(await asyncio.gather(fetch(x), return_exceptions=True))[0] for x in xs]')],
  ],
  [
    'a local list of un-started coroutines',
    inAsyncDef('import asyncio', 'tasks = [fetch(x) for x in xs]\nresults = await asyncio.gather(*tasks)'),
    [sequential('await asyncio.gather(*tasks)', '[await _sleepmut_aw for _sleepmut_aw in tasks]')],
  ],
  [
    'a local list filled by append, with return_exceptions=True',
    inAsyncDef('import asyncio', 'coros = []\nfor x in xs:\n    coros.append(self.send(x))\nawait asyncio.gather(*coros, return_exceptions=True)', 'async def run(self, xs):'),
    [sequential('await asyncio.gather(*coros, return_exceptions=True)', '[(await asyncio.gather(_sleepmut_aw, return_exceptions=True))[0] for _sleepmut_aw in coros]')],
  ],
  ['leaves alone: a local list of created tasks', inAsyncDef('import asyncio', 'tasks = [asyncio.create_task(fetch(x)) for x in xs]\nawait asyncio.gather(*tasks)'), []],
  ['leaves alone: a list filled with loop.create_task', inAsyncDef('import asyncio', 'tasks = []\nfor x in xs:\n    tasks.append(loop.create_task(fetch(x)))\nawait asyncio.gather(*tasks)'), []],
  ['leaves alone: a list of coroutines also used elsewhere', inAsyncDef('import asyncio', 'tasks = [fetch(x) for x in xs]\nwatch(tasks)\nawait asyncio.gather(*tasks)'), []],
  ['leaves alone: a list bound twice', inAsyncDef('import asyncio', 'tasks = [fetch(x) for x in xs]\nif not xs:\n    tasks = pending\nawait asyncio.gather(*tasks)'), []],
  ['leaves alone: a list passed in as a parameter', inAsyncDef('import asyncio', 'await asyncio.gather(*tasks)', 'async def run(tasks):'), []],
  [
    'leaves alone: calls of a project function that returns a started task',
    'import asyncio\n\ndef spawn(x):\n    return asyncio.create_task(fetch(x))\n\nasync def run(xs):\n    await asyncio.gather(spawn(1), spawn(2))\n',
    [],
  ],
  ['leaves alone: ensure_future among the calls', inAsyncDef('import asyncio', 'await asyncio.gather(asyncio.ensure_future(a()), b())'), []],
  ['leaves alone: return_exceptions=False', inAsyncDef('import asyncio', 'await asyncio.gather(a(), b(), return_exceptions=flag)'), []],
  ['leaves alone: a comprehension over names', inAsyncDef('import asyncio', 'await asyncio.gather(*[t for t in tasks])'), []],
  ['leaves alone: an unawaited gather', inAsyncDef('import asyncio', 'fut = asyncio.gather(a(), b())'), []],
  ['leaves alone: a project gather', inAsyncDef('from .util import gather', 'await gather(a(), b())'), []],
  ['leaves alone: queue puts (they only wait for space: serialized they are equivalent)', inAsyncDef('import asyncio', 'await asyncio.gather(*[queue.put(x) for queue in queues])'), []],
  [
    'leaves alone: a project coroutine that loops forever (serialized, the other never starts)',
    'import asyncio\n\nclass Server:\n    async def checker(self):\n        while True:\n            await asyncio.sleep(1)\n\n    async def handle(self):\n        return 1\n\n    async def run(self):\n        await asyncio.gather(self.checker(), self.handle())\n',
    [],
  ],
  [
    'a project coroutine whose loop ends is serialized',
    'import asyncio\n\nclass Server:\n    async def checker(self):\n        while True:\n            if await self.done():\n                break\n\n    async def handle(self):\n        return 1\n\n    async def run(self):\n        await asyncio.gather(self.checker(), self.handle())\n',
    [sequential('await asyncio.gather(self.checker(), self.handle())', '[await self.checker(), await self.handle()]')],
  ],
]);

const wrapperModule = 'import asyncio\nfrom typing import Any, Awaitable\n\nasync def gather(*args: Awaitable[Any], return_exceptions: bool = False, limit: int = -1) -> list[Any]:\n    ret = [None] * len(args)\n    pending = set()\n    for i, arg in enumerate(args):\n        task = asyncio.ensure_future(args[i])\n        pending.add(task)\n    done, _ = await asyncio.wait(pending)\n    return ret\n\nasync def maybe_await(x):\n    return await x\n';

projectTable(serializeConcurrency, [
  [
    'a project gather wrapper over an async comprehension: drained first, then each item through the wrapper alone',
    {
      'pkg/__init__.py': '',
      'pkg/aio.py': `${wrapperModule}\nasync def gather_iter(itr, return_exceptions=False, limit=-1):\n    return await gather(*[maybe_await(i) async for i in itr], return_exceptions=return_exceptions, limit=limit)\n`,
    },
    [
      {
        file: 'pkg/aio.py',
        original: 'await gather(*[maybe_await(i) async for i in itr], return_exceptions=return_exceptions, limit=limit)',
        replacement: '[(await gather(_sleepmut_aw, return_exceptions=return_exceptions, limit=limit))[0] for _sleepmut_aw in [maybe_await(i) async for i in itr]]',
      },
    ],
  ],
  [
    'a project gather wrapper imported from another module, over two calls',
    {
      'pkg/__init__.py': '',
      'pkg/aio.py': wrapperModule,
      'pkg/use.py': 'from .aio import gather\n\nasync def both(a, b):\n    return await gather(a.fetch(), b.fetch(), limit=2)\n',
    },
    [{ file: 'pkg/use.py', original: 'await gather(a.fetch(), b.fetch(), limit=2)', replacement: '[(await gather(a.fetch(), limit=2))[0], (await gather(b.fetch(), limit=2))[0]]' }],
  ],
  [
    'leaves alone: a wrapper keyword computed by a call (evaluated once per item it would run again)',
    { 'pkg/__init__.py': '', 'pkg/aio.py': wrapperModule, 'pkg/use.py': 'from .aio import gather\n\nasync def both(a, b):\n    return await gather(a.fetch(), b.fetch(), limit=next_limit())\n' },
    [],
  ],
  [
    'leaves alone: a *args coroutine that awaits its arguments in turn (no concurrency to lose)',
    {
      'pkg/__init__.py': '',
      'pkg/aio.py': 'from typing import Any\n\nasync def gather(*args) -> list[Any]:\n    return [await a for a in args]\n\nasync def both(a, b):\n    return await gather(a.fetch(), b.fetch())\n',
    },
    [],
  ],
  [
    'leaves alone: a *args coroutine that starts tasks but returns no list (the [0] would not be its result)',
    {
      'pkg/__init__.py': '',
      'pkg/aio.py': 'import asyncio\n\nasync def spawn_all(*args):\n    for a in args:\n        asyncio.create_task(a)\n\nasync def both(a, b):\n    await spawn_all(a.fetch(), b.fetch())\n',
    },
    [],
  ],
]);
