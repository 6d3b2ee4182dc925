"""A warmed-up sleepmut worker: collects the suite once, then forks one child per mutant; jobs arrive on stdin, results leave on fd 3."""
import json
import os
import sys


def main():
    sys.path.insert(0, os.getcwd())
    pytest_args = json.loads(os.environ["SLEEPMUT_PYTEST_ARGS"])
    import pytest
    import sleepmut_pytest
    import sleepmut_runtime

    protocol = os.fdopen(3, "w", buffering=1)
    pytest.main(pytest_args + ["--collect-only", "-q"])
    send(protocol, {"ready": True})
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            sleepmut_runtime.active = job["mutant"]
            recorder = sleepmut_pytest.Recorder(job["out"], select=job["tests"])
            code = pytest.main(pytest_args + job["extraArgs"], plugins=[recorder])
            sys.stdout.flush()
            os._exit(int(code))
        send(protocol, {"pid": pid})
        _, status = os.waitpid(pid, 0)
        send(protocol, {"done": True, "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None})


def send(protocol, message):
    protocol.write(json.dumps(message) + "\n")


if __name__ == "__main__":
    main()
