/** Table tests for NestedEventLoop (Python): which awaits of project coroutines run in a nested loop, and which are left alone. */
import { nestedEventLoop } from '../../../mutators/python/nested-event-loop.js';
import { operatorTable } from '../python-harness.js';

const nested = (original: string, call: string) => ({
  original,
  replacement: `__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(__import__('asyncio').run, ${call}).result()`,
});
const module = (body: string) => `import asyncio\n\nasync def fetch(x):\n    return x\n\ndef plain(x):\n    return x\n\nasync def run(xs, task):\n    ${body}\n`;
const inClass = (body: string) => `class Service:\n    async def load(self, x):\n        return x\n\n    @classmethod\n    async def make(cls):\n        return cls()\n\n    async def run(self, xs):\n        ${body}\n`;

operatorTable(nestedEventLoop, [
  ['a module coroutine, value used', module('y = await fetch(1)'), [nested('await fetch(1)', 'fetch(1)')]],
  ['a module coroutine, discarded', module('await fetch(xs)'), [nested('await fetch(xs)', 'fetch(xs)')]],
  ['leaves alone: a method through self (instance state is bound to the outer loop)', inClass('return await self.load(xs)'), []],
  ['leaves alone: a decorated classmethod through cls', inClass('return await cls.make()'), []],
  [
    'a decorated module coroutine',
    'import functools\n\n@functools.lru_cache\nasync def load():\n    return 1\n\nasync def run():\n    return await load()\n',
    [nested('await load()', 'load()')],
  ],
  ['leaves alone: a library coroutine', module('await asyncio.sleep(1)'), []],
  ['leaves alone: a task', module('await task'), []],
  ['leaves alone: an attribute', inClass('await self.ready'), []],
  ['leaves alone: an unknown callee', module('await client.get(xs)'), []],
  ['leaves alone: a method of another object', inClass('await other.load(xs)'), []],
  ['leaves alone: a sync function (not awaitable)', module('plain(1)'), []],
  ['leaves alone: a module that imports trio', 'import trio\n\nasync def fetch():\n    return 1\n\nasync def run():\n    return await fetch()\n', []],
]);
