"""A forked mutant run's time budget, kept inside the child: from the run's expected time on, every HANG_CHECK_PERIOD_S it checks whether the event loop provably cannot move again (nothing ready, no timer, no I/O watched, no other thread or child process); such a run is hung and ends at once (an idle loop with nothing that could wake it stays idle, so no check can be early); any other run gets the slow-or-hung budget before it is a Timeout: the run's, and each test's own (so one hung test among many slow ones ends at its own budget, not the run's)."""
import asyncio
import math
import os
import signal
import sys
import threading
import time

# SIGALRM is pytest-timeout's (the project may configure it); the budget's timer is a thread that signals the main thread with this one.
BUDGET_SIGNAL = signal.SIGUSR2
HANG_CHECK_PERIOD_S = 0.2


class RunBudget:
    def __init__(self, expected_ms, final_ms, on_timeout):
        self.expected_s = expected_ms / 1000
        self.final_s = max(final_ms, expected_ms) / 1000
        self.on_timeout = on_timeout
        self.expired = threading.Event()
        self.test_deadline = math.inf
        self.expired_test_budget_ms = None  # set when the running test's own budget, not the run's, ran out

    def start_test(self, final_ms):
        """The test about to run gets its own slow-or-hung budget (ms), measured from now; None: only the run's."""
        self.test_final_ms = final_ms
        self.test_deadline = math.inf if final_ms is None else time.monotonic() + final_ms / 1000

    def start(self):
        signal.signal(BUDGET_SIGNAL, self._check)
        self.timer = threading.Thread(target=self._count, name="sleepmut-budget", daemon=True)
        self.timer.start()

    def _count(self):
        main = threading.main_thread().ident
        run_deadline = time.monotonic() + self.final_s
        hang_checks_from = time.monotonic() + self.expected_s
        while True:
            now = time.monotonic()
            deadline = min(run_deadline, self.test_deadline)
            if now >= deadline:
                break
            if now >= hang_checks_from:
                signal.pthread_kill(main, BUDGET_SIGNAL)
                next_wake = now + HANG_CHECK_PERIOD_S
            else:
                next_wake = min(hang_checks_from, now + HANG_CHECK_PERIOD_S)  # test deadlines are watched before hang checks start
            time.sleep(min(next_wake, deadline) - now)
        if self.test_deadline < run_deadline:
            self.expired_test_budget_ms = self.test_final_ms
        self.expired.set()
        signal.pthread_kill(main, BUDGET_SIGNAL)

    def _check(self, signum, frame):
        """Runs on the main thread: before the slow-or-hung budget only a provable hang ends the run; at it any run ends."""
        if self.expired.is_set():
            self.on_timeout("slowOrHung")
        elif provably_hung(self.timer, frame):
            self.on_timeout("hung")


def provably_hung(own_timer, frame):
    """True only when the main thread is waiting for events in its event loop (not running a callback) and nothing can ever wake that loop again."""
    if not waiting_for_events(frame):
        return False
    if any(thread is not own_timer and thread is not threading.current_thread() for thread in threading.enumerate()):
        return False
    if native_threads() > 2 or has_child_processes():
        return False
    loop = asyncio._get_running_loop()
    if loop is not None:
        return asyncio_loop_idle(loop)
    trio = sys.modules.get("trio")
    return trio is not None and trio_run_idle(trio)


def waiting_for_events(frame):
    """The signal interrupted the loop's own wait: asyncio's selector `select`, or trio's `get_events`."""
    code = frame.f_code if frame is not None else None
    if code is None:
        return False
    return (code.co_name == "select" and code.co_filename.endswith("selectors.py")) or (code.co_name == "get_events" and "trio" in code.co_filename)


def asyncio_loop_idle(loop):
    try:
        watched = [key for key in loop._selector.get_map().values() if key.fd != loop._ssock.fileno()]
        timers = [handle for handle in loop._scheduled if not handle._cancelled]
        return not loop._ready and not timers and not watched
    except AttributeError:  # not the standard selector loop: cannot tell
        return False


def trio_run_idle(trio):
    try:
        statistics = trio.lowlevel.current_statistics()
    except RuntimeError:  # not inside trio.run
        return False
    io = statistics.io_statistics
    # trio's own entry-queue task always waits to read its wakeup socket; any other I/O waiter could still be woken.
    waiting_on_io = getattr(io, "tasks_waiting_read", 0) - 1 + getattr(io, "tasks_waiting_write", 0) + getattr(io, "tasks_waiting", 0)
    return statistics.tasks_runnable == 0 and statistics.seconds_to_next_deadline == math.inf and waiting_on_io <= 0


def native_threads():
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def has_child_processes():
    try:
        return any(open(f"/proc/self/task/{task}/children").read().strip() for task in os.listdir("/proc/self/task"))
    except OSError:
        return True  # cannot tell: not provable
