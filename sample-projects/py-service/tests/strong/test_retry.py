"""Retry delays grow exponentially, carry jitter, and the library-decorated readers back off exponentially too."""
import logging
import re

import pytest

from app import retry as retry_module
from app.retry import read_with_backoff, read_with_tenacity, retry

from conftest import FlakySource


async def test_retry_delays_double_and_carry_jitter(monkeypatch):
    monkeypatch.setattr(retry_module.random, "uniform", lambda low, high: high)
    delays = []

    async def record(delay):
        delays.append(delay)

    source = FlakySource(failures=3)
    assert await retry(source.read, base=0.1, sleep=record) == "ok"
    assert delays == pytest.approx([0.11, 0.21, 0.41])


async def test_retry_gives_up_after_the_last_attempt():
    async def no_sleep(delay):
        pass

    source = FlakySource(failures=5)
    with pytest.raises(ConnectionError):
        await retry(source.read, attempts=3, sleep=no_sleep)
    assert source.calls == 3


async def test_tenacity_reader_backs_off_exponentially():
    waits = []

    async def record(wait):
        waits.append(float(wait))

    source = FlakySource(failures=3)
    assert await read_with_tenacity.retry_with(sleep=record)(source) == "ok"
    assert waits == pytest.approx([0.01, 0.02, 0.04])


async def test_backoff_reader_backs_off_exponentially(caplog):
    caplog.set_level(logging.INFO, logger="app.retry")
    source = FlakySource(failures=3)
    assert await read_with_backoff(source) == "ok"
    messages = [record.getMessage() for record in caplog.records if record.name == "app.retry"]
    waits = [float(re.fullmatch(r"backing off ([\d.]+)s", message).group(1)) for message in messages]
    assert waits == pytest.approx([0.01, 0.02, 0.04])
