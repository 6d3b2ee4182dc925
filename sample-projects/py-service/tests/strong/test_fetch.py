"""Fetches overlap, blocking decode work stays off the loop, and the loop keeps running during a fan-out."""
from app.fetch import load, load_all, load_pair, total_size

from conftest import BLOCK, STALL_LIMIT, CountingStore

DATA = {"a": b"alpha", "b": b"beta", "c": b"gamma"}


async def test_load_decodes_off_the_event_loop(loop_watch):
    store = CountingStore(DATA)
    async with loop_watch:
        assert await load(store, "a") == "ALPHA"
    assert loop_watch.stalled_share < STALL_LIMIT


async def test_load_pair_reads_concurrently():
    store = CountingStore(DATA)
    assert await load_pair(store, "a", "b") == [b"alpha", b"beta"]
    assert store.max_in_flight == 2


async def test_load_all_reads_concurrently():
    store = CountingStore(DATA)
    assert await load_all(store, ["a", "b", "c"]) == [b"alpha", b"beta", b"gamma"]
    assert store.max_in_flight == 3


async def test_total_size_keeps_the_loop_responsive(loop_watch):
    store = CountingStore(DATA, latency=BLOCK)
    async with loop_watch:
        assert await total_size(store, ["a", "c"]) == 10
    assert loop_watch.stalled_share < STALL_LIMIT
