"""Pacer test in the usual generated style: values only."""
import pytest

from app.pacer import paced


@pytest.mark.asyncio
async def test_paced_returns_results_in_order():
    async def double(item):
        return item * 2

    assert await paced([1, 2, 3], 0.01, double) == [2, 4, 6]
