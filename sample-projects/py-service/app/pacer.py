"""Sends items at a fixed pace so a rate-limited downstream is not flooded."""
import asyncio


async def paced(items, interval, handle):
    results = []
    for item in items:
        results.append(await handle(item))
        await asyncio.sleep(interval)
    return results
