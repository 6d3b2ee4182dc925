"""Retry tests in the usual generated style: a flaky call eventually succeeds."""
import pytest

from app.retry import read_with_backoff, read_with_tenacity, retry


class Flaky:
    def __init__(self, failures):
        self.failures = failures

    async def read(self):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("try again")
        return "data"


@pytest.mark.asyncio
async def test_retry_eventually_succeeds():
    assert await retry(Flaky(2).read, base=0.001) == "data"


@pytest.mark.asyncio
async def test_tenacity_reader_retries():
    assert await read_with_tenacity(Flaky(1)) == "data"


@pytest.mark.asyncio
async def test_backoff_reader_retries():
    assert await read_with_backoff(Flaky(1)) == "data"
