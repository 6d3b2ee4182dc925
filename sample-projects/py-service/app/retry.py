"""Retries for flaky calls: a hand-written loop with capped exponential backoff and jitter, and two library-decorated readers."""
import asyncio
import logging
import random

import backoff
import tenacity

log = logging.getLogger(__name__)


async def retry(operation, attempts=5, base=0.1, cap=2.0, sleep=asyncio.sleep):
    """Calls `operation` until it succeeds, sleeping base * 2**attempt (capped, plus jitter) between failures."""
    for attempt in range(attempts):
        try:
            return await operation()
        except ConnectionError:
            if attempt == attempts - 1:
                raise
            delay = min(cap, base * 2 ** attempt)
            await sleep(delay + random.uniform(0, base / 10))


@tenacity.retry(wait=tenacity.wait_exponential(multiplier=0.01, max=1), stop=tenacity.stop_after_attempt(4), reraise=True)
async def read_with_tenacity(source):
    return await source.read()


def _log_backoff(details):
    log.info("backing off %.3fs", details["wait"])


@backoff.on_exception(backoff.expo, ConnectionError, max_tries=4, factor=0.01, jitter=None, on_backoff=_log_backoff)
async def read_with_backoff(source):
    return await source.read()
