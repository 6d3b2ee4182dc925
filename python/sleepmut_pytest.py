"""pytest plugin for sleepmut: selects and orders tests, records per-test outcome, duration and mutant coverage, writes one JSON result file.

PYTEST_DONT_REWRITE: it has no asserts to rewrite, and the marker keeps pytest from warning "Module already imported so
cannot be rewritten" (an error under a project's ``filterwarnings = error``) when a worker process runs pytest again.
"""
import json
import os
import time

import pytest

import sleepmut_runtime as runtime


class Recorder:
    def __init__(self, out_path, select=None, record_coverage=False):
        self.out_path = out_path
        self.select = None if select is None else {node_id: position for position, node_id in enumerate(select)}
        self.record_coverage = record_coverage
        self.static_hits = {}
        self.coverage = {}
        self.durations = {}
        self.failed = {}
        self.collect_errors = {}
        self.timed_out = []
        self.timeout_kind = None
        self.timeout_test_budget_ms = None
        self.fixture_durations = {}
        if record_coverage:
            runtime.hits = self.static_hits

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        """Keeps the selected tests only, in the order given (fastest first, so a failure stops the run early)."""
        if self.select is None:
            return
        deselected = [item for item in items if item.nodeid not in self.select]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
        items[:] = sorted((item for item in items if item.nodeid in self.select), key=lambda item: self.select[item.nodeid])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        if self.record_coverage:
            runtime.hits = self.coverage.setdefault(item.nodeid, {})
        start = time.perf_counter()
        yield
        self.durations[item.nodeid] = time.perf_counter() - start
        if self.record_coverage:
            runtime.hits = self.static_hits

    def pytest_runtest_logreport(self, report):
        if report.when != "call":
            # Setup and teardown of shared fixtures: in a mutant run, whose tests run in another order, another test may pay them.
            self.fixture_durations[report.nodeid] = self.fixture_durations.get(report.nodeid, 0) + report.duration
        if report.failed:
            self.failed.setdefault(report.nodeid, failure_message(report))
            if "Timeout >" in report.longreprtext:
                self.timed_out.append(report.nodeid)

    def pytest_collectreport(self, report):
        if report.failed:
            self.failed.setdefault(report.nodeid or "<collection>", failure_message(report))
            self.collect_errors.setdefault(report.nodeid or "<collection>", error_lines(report.longreprtext))

    def pytest_sessionfinish(self, session, exitstatus):
        result = {
            "exitStatus": int(exitstatus),
            "durations": self.durations,
            "failed": self.failed,
            "collectErrors": self.collect_errors,
            "timedOut": self.timed_out,
            "timeoutKind": self.timeout_kind,
            "timeoutTestBudgetMs": self.timeout_test_budget_ms,
            "fixtureDurations": self.fixture_durations,
            "coverage": self.coverage,
            "staticHits": self.static_hits,
        }
        with open(self.out_path, "w") as out:
            json.dump(result, out)


def failure_message(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message[:500]
    lines = report.longreprtext.strip().splitlines()
    return (lines[-1] if lines else "failed")[:500]


def error_lines(text, limit=12):
    """pytest's own lines for a collection error: its first line and the ``E`` lines (the exception), else its last lines."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    chosen = lines[:1] + [line for line in lines[1:] if line.startswith("E ")]
    return "\n".join(chosen[:limit] if len(chosen) > 1 else lines[-limit:])


def selected_tests():
    """The node ids listed (as JSON) in the file SLEEPMUT_SELECT names, or None for every test."""
    path = os.environ.get("SLEEPMUT_SELECT")
    if not path:
        return None
    with open(path) as listing:
        return json.load(listing)


def pytest_configure(config):
    out_path = os.environ.get("SLEEPMUT_OUT")
    if out_path and not config.pluginmanager.has_plugin("sleepmut_recorder"):
        recorder = Recorder(out_path, select=selected_tests(), record_coverage=os.environ.get("SLEEPMUT_COVERAGE") == "1")
        config.pluginmanager.register(recorder, "sleepmut_recorder")
