"""Connector tests in the usual generated style: mark ready, send, check the values."""
import asyncio

import pytest

from app.connector import Connector


class FakeTransport:
    def __init__(self):
        self.messages = []

    async def __call__(self, message):
        self.messages.append(message)


@pytest.mark.asyncio
async def test_send_delivers_message():
    transport = FakeTransport()
    connector = Connector(transport)
    connector.mark_ready()
    await connector.send("hello")
    assert transport.messages == ["hello"]
    assert connector.sent == ["hello"]


@pytest.mark.asyncio
async def test_send_all_returns_count():
    connector = Connector(FakeTransport())
    connector.mark_ready()
    assert await connector.send_all(["a", "b", "c"]) == 3


@pytest.mark.asyncio
async def test_wait_ready_when_ready():
    connector = Connector(FakeTransport())
    connector.mark_ready()
    await connector.wait_ready(1)


@pytest.mark.asyncio
async def test_wait_ready_times_out():
    connector = Connector(FakeTransport())
    with pytest.raises(asyncio.TimeoutError):
        await connector.wait_ready(0.05)
