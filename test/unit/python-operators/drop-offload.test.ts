/** Table tests for DropOffload (Python): which thread offloads become direct calls, and which shapes are left alone. */
import { dropOffload } from '../../../mutators/python/drop-offload.js';
import { inAsyncDef, operatorTable } from '../python-harness.js';

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
]);
