"""A connector that may only send once the remote side has signalled readiness."""
import asyncio


class Connector:
    def __init__(self, transport):
        self._transport = transport
        self._ready = asyncio.Event()
        self.sent = []

    def mark_ready(self):
        self._ready.set()

    async def wait_ready(self, timeout):
        """Waits for readiness; raises TimeoutError when it does not come within `timeout` seconds."""
        await asyncio.wait_for(self._ready.wait(), timeout)

    async def send(self, message):
        await self._ready.wait()
        await self._transport(message)
        self.sent.append(message)

    async def send_all(self, messages):
        for message in messages:
            await self.send(message)
        return len(messages)
