"""Fan-out reads from a store, with the blocking decode step offloaded to a worker thread."""
import asyncio
import time


def decode(raw):
    """Blocking work (a stand-in for parsing a large payload)."""
    time.sleep(0.2)
    return raw.decode().upper()


async def load(store, key):
    raw = await store.get(key)
    return await asyncio.to_thread(decode, raw)


async def load_pair(store, first, second):
    return await asyncio.gather(store.get(first), store.get(second))


async def load_all(store, keys):
    return await asyncio.gather(*[store.get(key) for key in keys])


async def total_size(store, keys):
    values = await load_all(store, keys)
    return sum(len(value) for value in values)
