"""sleepmut test helpers for asyncio: assert the event loop stays responsive, assert that operations overlap.

Use as a library (``from sleepmut_pytest_helpers import assert_responsive, track_concurrency``) or as a pytest plugin
(``pytest_plugins = ["sleepmut_pytest_helpers"]`` in conftest.py, or ``-p sleepmut_pytest_helpers``) for the
``responsive`` and ``concurrency`` fixtures. The module ships in the npm package under ``python/``: put that
directory on ``PYTHONPATH``.
"""
import asyncio
import contextlib
import functools
import time

import pytest

__all__ = ["assert_responsive", "track_concurrency", "EventLoopBlockedError", "NoOverlapError"]


class EventLoopBlockedError(AssertionError):
    def __init__(self, longest_block, max_block):
        super().__init__(
            f"the event loop was blocked for {longest_block * 1000:.0f} ms (allowed: {max_block * 1000:.0f} ms): "
            "something ran synchronously that should have been awaited or offloaded"
        )
        self.longest_block = longest_block
        self.max_block = max_block


class NoOverlapError(AssertionError):
    def __init__(self, max_in_flight, at_least):
        super().__init__(f"at most {max_in_flight} operation(s) ran at once, expected at least {at_least} to overlap: the work ran one after another")
        self.max_in_flight = max_in_flight
        self.at_least = at_least


class _Heartbeat:
    """A ticker task on the running loop; a block is any gap between ticks (or until stop) beyond the interval.

    It reads time.perf_counter, which fake asyncio clocks (looptime, patched loop.time) leave alone."""

    def __init__(self, interval):
        self.interval = interval
        self.last_tick = time.perf_counter()
        self.longest_gap = 0.0
        self.task = asyncio.get_running_loop().create_task(self._tick())

    def _beat(self):
        now = time.perf_counter()
        self.longest_gap = max(self.longest_gap, now - self.last_tick)
        self.last_tick = now

    async def _tick(self):
        while True:
            await asyncio.sleep(self.interval)
            self._beat()

    async def stop(self):
        self._beat()
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task

    @property
    def longest_block(self):
        return max(0.0, self.longest_gap - self.interval)


@contextlib.asynccontextmanager
async def assert_responsive(max_block=0.1):
    """``async with assert_responsive(max_block=0.1): await op()`` fails if the loop was blocked longer than max_block seconds."""
    heartbeat = _Heartbeat(interval=max(0.001, min(0.01, max_block / 4)))
    try:
        yield heartbeat
    finally:
        await heartbeat.stop()
    if heartbeat.longest_block > max_block:
        raise EventLoopBlockedError(heartbeat.longest_block, max_block)


class ConcurrencyTracker:
    """Counts how many tracked coroutine calls are in flight at once."""

    def __init__(self):
        self.in_flight = 0
        self.max_in_flight = 0

    def track(self, fn):
        """Wraps an async callable; each call counts as in flight until it returns or raises."""

        @functools.wraps(fn)
        async def tracked(*args, **kwargs):
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            try:
                return await fn(*args, **kwargs)
            finally:
                self.in_flight -= 1

        return tracked

    def assert_overlap(self, at_least=2):
        if self.max_in_flight < at_least:
            raise NoOverlapError(self.max_in_flight, at_least)


def track_concurrency():
    return ConcurrencyTracker()


@pytest.fixture
def responsive():
    """The ``assert_responsive`` context manager: ``async with responsive(max_block=0.05): ...``."""
    return assert_responsive


@pytest.fixture
def concurrency():
    """A fresh ConcurrencyTracker: pass ``concurrency.track(op)`` to the code, then ``concurrency.assert_overlap()``."""
    return track_concurrency()
