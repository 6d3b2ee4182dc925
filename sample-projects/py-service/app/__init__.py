"""A small asyncio service: a connector gated by a readiness event, fan-out fetches, retries with backoff, a paced sender and a heartbeat thread."""
