/** Table tests for DropOffload (Python): which thread offloads become direct calls, and which shapes are left alone. */
import { dropOffload } from '../../../mutators/python/drop-offload.js';
import { inAsyncDef, operatorTable, projectTable } from '../python-harness.js';

const direct = (original: string, replacement: string) => ({ original, replacement });

operatorTable(dropOffload, [
  ['asyncio.to_thread', inAsyncDef('import asyncio', 'data = await asyncio.to_thread(read, path)'), [direct('await asyncio.to_thread(read, path)', 'read(path)')]],
  ['to_thread with splats and keywords', inAsyncDef('import asyncio', 'return await asyncio.to_thread(f, 1, *xs, key=base, **kw)'), [direct('await asyncio.to_thread(f, 1, *xs, key=base, **kw)', 'f(1, *xs, **kw, key=base)')]],
  ['to_thread imported by name, method target', inAsyncDef('from asyncio import to_thread', 'await to_thread(self.store.save, item)'), [direct('await to_thread(self.store.save, item)', 'self.store.save(item)')]],
  ['a lambda target is parenthesized', inAsyncDef('import asyncio as aio', 'await aio.to_thread(lambda: sum(xs))'), [direct('await aio.to_thread(lambda: sum(xs))', '(lambda: sum(xs))()')]],
  ['loop.run_in_executor', inAsyncDef('import asyncio', 'n = await loop.run_in_executor(None, hash_file, path, 4096)'), [direct('await loop.run_in_executor(None, hash_file, path, 4096)', 'hash_file(path, 4096)')]],
  [
    'run_in_executor on the running loop',
    inAsyncDef('import asyncio', 'await asyncio.get_running_loop().run_in_executor(pool, work)'),
    [direct('await asyncio.get_running_loop().run_in_executor(pool, work)', 'work()')],
  ],
  ['anyio.to_thread.run_sync drops its own keywords', inAsyncDef('import anyio', 'await anyio.to_thread.run_sync(work, 1, cancellable=True)'), [direct('await anyio.to_thread.run_sync(work, 1, cancellable=True)', 'work(1)')]],
  ['anyio to_thread imported from the package', inAsyncDef('from anyio import to_thread', 'await to_thread.run_sync(work)'), [direct('await to_thread.run_sync(work)', 'work()')]],
  ['trio.to_thread.run_sync', inAsyncDef('import trio', 'x = await trio.to_thread.run_sync(work, a)'), [direct('await trio.to_thread.run_sync(work, a)', 'work(a)')]],
  ['leaves alone: a splatted target', inAsyncDef('import asyncio', 'await asyncio.to_thread(*job)'), []],
  ['leaves alone: an unawaited offload future', inAsyncDef('import asyncio', 'fut = loop.run_in_executor(None, work)'), []],
  ['leaves alone: run_in_executor with keywords', inAsyncDef('import asyncio', 'await loop.run_in_executor(None, work, key=1)'), []],
  ['leaves alone: a project function named to_thread', inAsyncDef('from .pool import to_thread', 'await to_thread(work)'), []],
  ['leaves alone: an offload outside async def', 'import asyncio\n\ndef run():\n    return asyncio.to_thread(work)\n', []],
  ['leaves alone: an awaited local coroutine without parameters', 'import asyncio\n\nasync def settle():\n    await asyncio.sleep(0.01)\n\nasync def run():\n    await settle()\n', []],
  [
    'a stored run_in_executor future awaited later: a future of the same loop completed inline',
    inAsyncDef('import asyncio, functools', 'fut = loop.run_in_executor(executor, functools.partial(work, 1))\ntry:\n    return await asyncio.shield(fut)\nexcept asyncio.CancelledError:\n    fut.cancel()\n    raise', 'async def call(loop, executor):'),
    [
      direct(
        'fut = loop.run_in_executor(executor, functools.partial(work, 1))',
        'fut = loop.create_future()\ntry:\n    fut.set_result(functools.partial(work, 1)())\nexcept BaseException as _sleepmut_error:\n    fut.set_exception(_sleepmut_error)',
      ),
    ],
  ],
  ['leaves alone: a stored future never awaited in the coroutine (fire and forget)', inAsyncDef('import asyncio', 'fut = loop.run_in_executor(None, work)\nfut.add_done_callback(log)', 'async def call(loop):'), []],
  ['leaves alone: a stored future whose executor is computed by a call', inAsyncDef('import asyncio', 'fut = loop.run_in_executor(make_pool(), work)\nreturn await fut', 'async def call(loop):'), []],
  [
    'leaves alone: a project method named run_in_executor (its first argument is the callback)',
    'import asyncio\n\nclass Lock:\n    def run_in_executor(self, callback, *args):\n        return asyncio.get_running_loop().run_in_executor(None, callback, *args)\n\n    async def acquire(self):\n        out = self.run_in_executor(self._obj.acquire, 1)\n        return await out\n',
    [],
  ],
]);

const compat = (body: string) =>
  `import anyio\nimport anyio.to_thread\n\nif VERSION >= "4.1.0":\n    async def run_sync(func, *args, abandon_on_cancel=False, limiter=None):\n        ${body}\nelse:\n    async def run_sync(func: Callable[[Unpack[Ts]], T], *args: Unpack[Ts], cancellable: bool = False, limiter=None) -> T:\n        return await anyio.to_thread.run_sync(func, *args, cancellable=cancellable, limiter=limiter)\n`;

projectTable(dropOffload, [
  [
    'a project wrapper that only offloads its first parameter (defined under a version switch, imported by name)',
    {
      'pkg/__init__.py': '',
      'pkg/_compat.py': compat('return await anyio.to_thread.run_sync(func, *args, abandon_on_cancel=abandon_on_cancel, limiter=limiter)'),
      'pkg/_main.py': 'import functools\n\nfrom ._compat import run_sync\n\nasync def wrapper(function, *args, **kwargs):\n    partial_f = functools.partial(function, *args, **kwargs)\n    return await run_sync(partial_f, limiter=None)\n',
    },
    [
      { file: 'pkg/_compat.py', original: 'await anyio.to_thread.run_sync(func, *args, abandon_on_cancel=abandon_on_cancel, limiter=limiter)', replacement: 'func(*args)' },
      { file: 'pkg/_compat.py', original: 'await anyio.to_thread.run_sync(func, *args, cancellable=cancellable, limiter=limiter)', replacement: 'func(*args)' },
      { file: 'pkg/_main.py', original: 'await run_sync(partial_f, limiter=None)', replacement: 'partial_f()' },
    ],
  ],
  [
    'a to_thread wrapper that hands **kwargs on keeps the call\'s keywords',
    {
      'pkg/__init__.py': '',
      'pkg/threads.py': 'import asyncio\n\nasync def offload(fn, *args, **kwargs):\n    """Runs fn in a thread."""\n    return await asyncio.to_thread(fn, *args, **kwargs)\n',
      'pkg/io.py': 'from pkg.threads import offload\n\nasync def read(path):\n    return await offload(open_file, path, mode="rb")\n',
    },
    [
      { file: 'pkg/threads.py', original: 'await asyncio.to_thread(fn, *args, **kwargs)', replacement: 'fn(*args, **kwargs)' },
      { file: 'pkg/io.py', original: 'await offload(open_file, path, mode="rb")', replacement: 'open_file(path, mode="rb")' },
    ],
  ],
  [
    'leaves alone: a project coroutine that does more than offload',
    {
      'pkg/__init__.py': '',
      'pkg/db.py': 'import asyncio\n\nasync def execute(fn, *args):\n    await self_check()\n    return await asyncio.to_thread(fn, *args)\n',
      'pkg/api.py': 'from .db import execute\n\nasync def get(q):\n    return await execute(run_query, q)\n',
    },
    [{ file: 'pkg/db.py', original: 'await asyncio.to_thread(fn, *args)', replacement: 'fn(*args)' }],
  ],
  [
    'leaves alone: a wrapper whose offloaded function is not its first parameter',
    {
      'pkg/__init__.py': '',
      'pkg/db.py': 'import asyncio\n\nasync def execute(query, *args):\n    return await asyncio.to_thread(run, query, *args)\n',
      'pkg/api.py': 'from .db import execute\n\nasync def get(q):\n    return await execute(q, 1)\n',
    },
    [{ file: 'pkg/db.py', original: 'await asyncio.to_thread(run, query, *args)', replacement: 'run(query, *args)' }],
  ],
]);
