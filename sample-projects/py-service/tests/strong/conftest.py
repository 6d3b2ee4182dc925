"""Timing probes for the strong suite: a loop watch that measures how long the event loop stalled, and a store that counts overlapping reads."""
import asyncio
import time

import pytest

TICK = 0.005
# Each blocking step the tests provoke lasts BLOCK seconds; a ticker gap longer than STALL counts as a stall.
BLOCK = 0.2
STALL = 0.03
# A blocked loop stalls for nearly all of an operation; a healthy one on a loaded machine for a hiccup or two.
STALL_LIMIT = 0.5


class LoopWatch:
    """Runs a ticker task while active; `stalled_share` is the share of that time the loop spent in stalls (gaps longer than STALL)."""

    async def __aenter__(self):
        self.stamps = [time.monotonic()]
        self._ticker = asyncio.create_task(self._tick())
        return self

    async def __aexit__(self, *exc_info):
        self._ticker.cancel()
        self.stamps.append(time.monotonic())
        gaps = [later - earlier for earlier, later in zip(self.stamps, self.stamps[1:])]
        self.stalled_share = sum(gap for gap in gaps if gap > STALL) / sum(gaps)

    async def _tick(self):
        while True:
            await asyncio.sleep(TICK)
            self.stamps.append(time.monotonic())


class CountingStore:
    """An in-memory store whose reads take `latency` seconds and which records the most reads it saw in flight at once."""

    def __init__(self, data, latency=0.01):
        self.data = data
        self.latency = latency
        self.in_flight = 0
        self.max_in_flight = 0

    async def get(self, key):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency)
            return self.data[key]
        finally:
            self.in_flight -= 1


class FlakySource:
    """Fails with ConnectionError `failures` times, then returns `value`."""

    def __init__(self, failures, value="ok"):
        self.failures = failures
        self.value = value
        self.calls = 0

    async def read(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("flaky")
        return self.value


@pytest.fixture
def loop_watch():
    return LoopWatch()
