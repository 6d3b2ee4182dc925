"""Heartbeat test in the usual generated style: real sleep, then stop."""
import time

from app.heartbeat import Heartbeat


def test_heartbeat_beats_and_stops():
    heartbeat = Heartbeat(interval=0.01)
    heartbeat.start()
    time.sleep(0.05)
    assert heartbeat.stop()
    assert heartbeat.beats >= 1
