"""The pacer spaces items out without freezing the event loop between them."""
from app.pacer import paced

from conftest import BLOCK, STALL_LIMIT


async def test_paced_waits_without_blocking_the_loop(loop_watch):
    async def double(item):
        return item * 2

    async with loop_watch:
        assert await paced([1, 2], BLOCK, double) == [2, 4]
    assert loop_watch.stalled_share < STALL_LIMIT
