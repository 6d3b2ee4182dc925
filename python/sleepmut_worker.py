"""A warmed-up sleepmut worker: collects the suite once in pytest's own session, then per mutant forks a child that runs only the covering items through pytest's run-test protocol (no re-collection); jobs arrive on stdin, results leave on fd 3."""
import gc
import json
import os
import sys
import threading


def main():
    sys.path.insert(0, os.getcwd())
    pytest_args = json.loads(os.environ["SLEEPMUT_PYTEST_ARGS"])
    jobs = os.fdopen(os.dup(0))  # pytest captures fd 0 during the session; the job stream must outlive that
    with os.fdopen(3, "w", buffering=1) as protocol, jobs:
        serve(pytest_args, jobs, protocol)


def serve(pytest_args, jobs, protocol):
    """Runs the session; when it ends before the run-test loop (a collection or usage error), says so with pytest's exit status."""
    import pytest

    ready = []

    class ForkPerMutant:
        """Takes over pytest's run-test loop after collection: one forked child per job, each running only its items."""

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session):
            ready.append(True)
            send(protocol, {"ready": True, "threads": foreign_threads()})
            by_id = {item.nodeid: item for item in session.items}
            import sleepmut_budget, sleepmut_pytest, sleepmut_runtime  # noqa: F401 (imported once here, not in every child: ~3 ms each)
            gc.freeze()  # the collected suite stays out of the children's garbage collections: no copy-on-write of its pages
            for line in jobs:
                job = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    run_job_in_child(pytest, session, job, [by_id[node_id] for node_id in job["tests"] if node_id in by_id])
                send(protocol, {"pid": pid})
                _, status = os.waitpid(pid, 0)
                send(protocol, {"done": True, "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None})
            return True

    code = pytest.main(pytest_args, plugins=[ForkPerMutant()])
    sys.stdout.flush()
    if not ready:
        send(protocol, {"ready": False, "exitStatus": int(code)})


def run_job_in_child(pytest, session, job, items):
    """Runs `items` with the job's mutant active within its budget (sleepmut_budget), stops at the first failure (like --exitfirst), writes the recorder's result, and exits without returning to the parent's loop."""
    code = 1
    try:
        import sleepmut_budget
        import sleepmut_pytest
        import sleepmut_runtime

        sleepmut_runtime.active = job["mutant"]
        recorder = sleepmut_pytest.Recorder(job["out"])
        session.config.pluginmanager.register(recorder, "sleepmut_job_recorder")
        running = [None]

        def end_as_timeout(kind):
            recorder.timed_out.append(running[0])
            recorder.timeout_kind = kind
            recorder.timeout_test_budget_ms = budget.expired_test_budget_ms
            recorder.pytest_sessionfinish(session, 1)
            sys.stdout.flush()
            os._exit(0)

        budget = sleepmut_budget.RunBudget(job["expectedMs"], job["finalBudgetMs"], end_as_timeout)
        budget.start()
        test_budgets = job.get("testBudgetsMs", {})
        for index, item in enumerate(items):
            running[0] = item.nodeid
            budget.start_test(test_budgets.get(item.nodeid))
            next_item = items[index + 1] if index + 1 < len(items) else None
            item.config.hook.pytest_runtest_protocol(item=item, nextitem=next_item)
            if recorder.failed:
                break
        recorder.pytest_sessionfinish(session, 1 if recorder.failed else 0)
        code = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def foreign_threads():
    """Threads alive after import and collection, besides this one: a forked child would get them only half (no thread runs in it), so such suites need fresh processes."""
    names = [thread.name for thread in threading.enumerate() if thread is not threading.current_thread()]
    try:
        native = len(os.listdir("/proc/self/task")) - 1
    except OSError:
        native = len(names)
    return names + ["<native thread>"] * max(0, native - len(names))


def send(protocol, message):
    protocol.write(json.dumps(message) + "\n")


if __name__ == "__main__":
    main()
