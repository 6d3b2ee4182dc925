"""A heartbeat thread that beats every `interval` seconds until stopped."""
import threading


class Heartbeat:
    def __init__(self, interval):
        self.interval = interval
        self.beats = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self, timeout=None):
        self._stop.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self):
        while not self._stop.is_set():
            self.beats += 1
            self._stop.wait(self.interval)
