/** Table tests for SerializeConcurrency (Python): which gathers become sequential awaits, and which shapes are left alone. */
import { serializeConcurrency } from '../../../mutators/python/serialize-concurrency.js';
import { inAsyncDef, operatorTable } from '../python-harness.js';

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
