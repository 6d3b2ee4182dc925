"""The connector waits for the readiness signal itself, reacts to it at once, and never stalls the loop while sending."""
import asyncio

import pytest

from app.connector import Connector

from conftest import BLOCK, STALL_LIMIT


class RecordingTransport:
    def __init__(self, latency=0.0):
        self.latency = latency
        self.messages = []

    async def __call__(self, message):
        await asyncio.sleep(self.latency)
        self.messages.append(message)


async def test_send_holds_back_until_ready_then_proceeds_promptly():
    connector = Connector(RecordingTransport())
    sending = asyncio.create_task(connector.send("hello"))
    for _ in range(5):
        await asyncio.sleep(0)
    assert connector.sent == []
    connector.mark_ready()
    await asyncio.wait_for(sending, 0.1)
    assert connector.sent == ["hello"]


async def test_wait_ready_returns_as_soon_as_ready():
    connector = Connector(RecordingTransport())
    asyncio.get_running_loop().call_later(0.02, connector.mark_ready)
    await asyncio.wait_for(connector.wait_ready(5), 0.2)


async def test_wait_ready_times_out_without_the_signal():
    connector = Connector(RecordingTransport())
    with pytest.raises(TimeoutError):
        await connector.wait_ready(0.05)


async def test_send_all_keeps_the_loop_responsive(loop_watch):
    connector = Connector(RecordingTransport(latency=BLOCK))
    connector.mark_ready()
    async with loop_watch:
        assert await connector.send_all(["a", "b"]) == 2
    assert connector.sent == ["a", "b"]
    assert loop_watch.stalled_share < STALL_LIMIT
