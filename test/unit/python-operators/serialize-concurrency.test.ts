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
  ['leaves alone: return_exceptions=True', inAsyncDef('import asyncio', 'await asyncio.gather(a(), b(), return_exceptions=True)'), []],
  ['leaves alone: a comprehension over names', inAsyncDef('import asyncio', 'await asyncio.gather(*[t for t in tasks])'), []],
  ['leaves alone: an unawaited gather', inAsyncDef('import asyncio', 'fut = asyncio.gather(a(), b())'), []],
  ['leaves alone: a project gather', inAsyncDef('from .util import gather', 'await gather(a(), b())'), []],
]);
