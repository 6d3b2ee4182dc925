"""Fetch tests in the usual generated style: a fake store, real sleeps, values only."""
import asyncio

import pytest

from app.fetch import load, load_all, load_pair, total_size


class FakeStore:
    def __init__(self, data):
        self.data = data

    async def get(self, key):
        await asyncio.sleep(0.01)
        return self.data[key]


STORE = FakeStore({"a": b"alpha", "b": b"beta", "c": b"gamma"})


@pytest.mark.asyncio
async def test_load_decodes():
    assert await load(STORE, "a") == "ALPHA"


@pytest.mark.asyncio
async def test_load_pair():
    assert await load_pair(STORE, "a", "b") == [b"alpha", b"beta"]


@pytest.mark.asyncio
async def test_load_all():
    assert await load_all(STORE, ["a", "b", "c"]) == [b"alpha", b"beta", b"gamma"]


@pytest.mark.asyncio
async def test_total_size():
    assert await total_size(STORE, ["a", "c"]) == 10
