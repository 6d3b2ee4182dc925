"""The heartbeat thread notices a stop request at once instead of finishing its interval."""
import time

from app.heartbeat import Heartbeat


def test_stop_is_prompt_even_with_a_long_interval():
    heartbeat = Heartbeat(interval=10)
    heartbeat.start()
    deadline = time.monotonic() + 1
    while heartbeat.beats == 0 and time.monotonic() < deadline:
        time.sleep(0.001)
    assert heartbeat.stop(timeout=0.2)
    assert heartbeat.beats == 1
