"""`make test`: every check, in order, with the seconds and the count of tests of each stage.

Stages: ruff, migrations check, catalogues, one session on SQLite of the suite (the tests
marked `every_database` when PostgreSQL is there, see below), schemathesis over the API's
OpenAPI document (fuzz/) and the form fuzz, the whole suite on a throwaway PostgreSQL cluster
and, at the same time, the browser tests in Debian's Chromium; the suites name their 15 slowest
tests. The test database is migrated once and reused (menengage.testing.database), and built in
the background from the start (scripts/prepare_test_databases.py): the SQLite file while ruff
runs, then the demo the browser tests and the API fuzzing serve, and the PostgreSQL dump beside
them, all at the same priority. Every stage is bound by CPU: the run takes
about its CPU seconds over two cores (starting the suites beside each other as soon as their
databases were built did not shorten it, 687 s against 661, so they run in turn). Where
PostgreSQL or Chromium is missing the stage is skipped loudly; with CI=true a missing one
fails the run.
"""

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CI = os.environ.get("CI", "").lower() == "true"
sys.path.insert(0, str(ROOT))
from menengage.testing.browser import chromium_path  # noqa: E402
from menengage.testing.postgres import server_binaries  # noqa: E402

CHROMIUM = chromium_path()


def run(command, env=None, into=None):
    """Run `command`; its output goes to the terminal as it comes, or to the file `into`."""
    print(f"\n$ {' '.join(command)}", flush=True)
    output = []
    with subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as process:
        for line in process.stdout:
            (into or sys.stdout).write(line)
            output.append(line)
    return process.returncode, "".join(output)


class Beside(threading.Thread):
    """A stage run while the next one runs; its output is kept and shown when it is done."""

    def __init__(self, command, env):
        super().__init__(daemon=True)
        self.command, self.env, self.log = command, env, tempfile.TemporaryFile("w+")  # noqa: SIM115
        self.began = time.monotonic()
        self.start()

    def run(self):
        self.code, self.output = run(self.command, self.env, into=self.log)
        self.seconds = time.monotonic() - self.began

    def finish(self):
        """Wait for it and show its output; returns (exit code, output, its own seconds)."""
        self.join()
        self.log.seek(0)
        print(f"\n$ (beside the stage above) {' '.join(self.command)}", flush=True)
        sys.stdout.write(self.log.read())
        self.log.close()
        return self.code, self.output, self.seconds


# The fuzzing's own figures, printed under pytest's summary (fuzz/conftest.py, the form fuzz).
FIGURES = re.compile(r"^(?:schemathesis: \d+ operations|form fuzz: \d+ forms found on).*$", re.M)


def counts(output):
    """passed/failed/skipped from pytest's closing line."""
    found = {}
    tail = output.strip().splitlines()[-1:] or [""]
    for number, word in re.findall(r"(\d+) (passed|failed|skipped|error|errors)", tail[0]):
        found[word.rstrip("s") if word.startswith("error") else word] = int(number)
    return found


class Background:
    """A test database built beside the stages; its output is kept and shown when it is done."""

    def __init__(self, name, engine):
        self.name, self.began, self.ended = name, time.monotonic(), None
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - read and closed by finish()
        print(f"\n$ (in the background) {name}", flush=True)
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "prepare_test_databases.py"), engine],
            cwd=ROOT,
            text=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # Notes when it ends, whichever stage is running then.
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def _watch(self):
        self.process.wait()
        self.ended = time.monotonic()

    def finish(self):
        """Wait for it; returns (ok, its own seconds, the seconds waited here)."""
        waiting = time.monotonic()
        self.watcher.join()
        waited = time.monotonic() - waiting
        self.log.seek(0)
        sys.stdout.write(self.log.read())
        self.log.close()
        ok, seconds = self.process.returncode == 0, self.ended - self.began
        print(
            f"[background] {self.name}: {'ok' if ok else 'FAILED'}, finished {seconds:.0f} s "
            f"after it started; the stages waited {waited:.0f} s for it",
            flush=True,
        )
        return ok, seconds, waited


def main():
    results, figures, failed = [], [], False
    started = time.monotonic()
    # Every process of the run may keep what it compiles in __pycache__ (git ignores it), so
    # the next one reads it. Where the environment forbids it (PYTHONDONTWRITEBYTECODE), each
    # of the run's fifty-odd Python processes compiled the project's modules again, and each
    # pytest process rewrote and compiled every test module again: 17.5 CPU seconds to collect
    # the suite instead of 8.4.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    background = {}
    if os.environ.get("MENENGAGE_TEST_DB_CACHE", "1") != "0":
        background["sqlite"] = Background("SQLite test database", "sqlite")
        if server_binaries():
            background["postgres"] = Background("PostgreSQL test dump", "postgres")
        if os.access(CHROMIUM, os.X_OK):
            background["demo"] = Background("browser tests' demo", "demo")

    def finish(engine):
        """Show a background build in the table: its own seconds, overlapping other stages."""
        nonlocal failed
        if engine not in background:
            return
        ok, seconds, waited = background.pop(engine).finish()
        failed |= not ok
        # Its seconds overlap the stages above; only the wait is added to the total.
        name = f"{engine}, in the background"
        results.append((name, "ok" if ok else "FAILED", {}, seconds, f"waited {waited:.0f} s"))

    def stage(name, command, env=None, is_pytest=False, beside=None):
        """Run a stage; with `beside` (its name and a Beside), that one runs at the same time."""
        began = time.monotonic()
        code, output = run(command, env)
        record(name, code, output, time.monotonic() - began, is_pytest)
        if beside is not None:
            beside_name, beside_stage = beside
            code, output, seconds = beside_stage.finish()
            record(beside_name, code, output, seconds, True, f"beside {name}")

    def record(name, code, output, seconds, is_pytest, note=""):
        nonlocal failed
        found = counts(output) if is_pytest else {}
        figures.extend(FIGURES.findall(output))
        ok = code == 0
        failed |= not ok
        results.append((name, "ok" if ok else "FAILED", found, seconds, note))

    def skip(name, why):
        nonlocal failed
        banner = "!" * 72
        print(f"\n{banner}\n!! SKIPPED {name}: {why}\n{banner}", flush=True)
        if CI:
            print(f"!! CI=true: a missing {name} fails the run.", flush=True)
            failed = True
        results.append((name, "SKIPPED" if not CI else "FAILED (missing)", {}, 0, ""))

    stage("ruff lint", [str(BIN / "ruff"), "check", "."])
    stage("ruff format", [str(BIN / "ruff"), "format", "--check", "."])
    stage("migrations", [str(BIN / "menengage"), "makemigrations", "--check", "--dry-run"])
    pytest = [str(BIN / "pytest"), "-q", "-p", "no:warnings", "-n", "2"]
    stage("catalogues", [*pytest[:4], "tests/test_catalogues.py"], is_pytest=True)
    # The slowest tests are named at the end of each suite, where a slow one is noticed.
    # The tests marked slow come first (menengage/conftest.py); xdist hands them out two at a
    # time as a worker frees up, rather than a quarter of the suite each, which would give one
    # worker every slow test.
    pytest_suite = [*pytest, "--maxschedchunk", "2", "--durations=15"]
    # The session on SQLite hands out whole modules instead, in the same order (no reordering
    # by size): the API fuzzing's operations must run on one worker, which copies the demo once.
    by_module = [*pytest, "--dist", "loadscope", "--no-loadscope-reorder", "--durations=15"]
    # The whole suite runs on PostgreSQL, as in production; on SQLite, only the tests of what
    # differs between the two (search, ordering, migrations, backups, locking, JSON lookups,
    # non-ASCII matching, dates and sums, constraints, query counts: the files listed in
    # menengage/conftest.py EVERY_DATABASE), in one session with the API fuzzing (schemathesis
    # over the OpenAPI document, fuzz/) and the form fuzz (every form found by crawling, posted
    # hostile values as each persona), which serve every view from SQLite: one start-up of the
    # workers, and each fills the other's idle time (the translation migrations test takes a
    # worker for a minute and a half). Their figures are printed under the table. Without
    # PostgreSQL, the whole suite runs on SQLite. A plain `pytest` runs menengage/ and tests/.
    everything = ["menengage", "tests", "fuzz"]
    if server_binaries():
        on_sqlite = [*by_module, "-m", "every_database or fuzz", *everything]
        stage("SQLite: part, API+form fuzz", on_sqlite, env={"DATABASE_URL": ""}, is_pytest=True)
    else:
        on_sqlite = [*by_module, *everything]
        stage("SQLite: suite, API+form fuzz", on_sqlite, env={"DATABASE_URL": ""}, is_pytest=True)
    finish("sqlite")
    # The browser tests run beside the suite on PostgreSQL: one pytest worker waiting on
    # Chromium and gunicorn by turns used about one core of two, and the suite's workers fill
    # the other (and the tail where one of them has finished). On their own, after it, they
    # added their whole time to the run's.
    browsers = None
    if os.access(CHROMIUM, os.X_OK):
        finish("demo")
        # One worker: with two, each starts a server and crawls the templates, and on a
        # busy machine the stage took as long (327 s) for 40 % more CPU (273 s against 192).
        command = [*pytest[:4], "--durations=15", "-p", "no:django", "e2e"]
        env = {"CHROMIUM": CHROMIUM, "DATABASE_URL": ""}
        if server_binaries():
            browsers = ("browser tests (Chromium)", Beside(command, env))
        else:
            stage("browser tests (Chromium)", command, env=env, is_pytest=True)
    if server_binaries():
        finish("postgres")
        on_postgres = [*pytest_suite, "-m", "not fuzz"]
        env = {"MENENGAGE_TEST_POSTGRES": "1"}
        stage("suite on PostgreSQL", on_postgres, env=env, is_pytest=True, beside=browsers)
    else:
        skip("suite on PostgreSQL", "no initdb/pg_ctl found (apt-get install postgresql)")
    if not os.access(CHROMIUM, os.X_OK):
        skip(
            "browser tests (Chromium)",
            f"{CHROMIUM} not found (apt-get install chromium-headless-shell)",
        )

    print("\n" + "=" * 72)
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    print(f"{'stage':<28} {'seconds':>7}  {'result':<18} tests")
    for name, status, found, seconds, note in results:
        detail = ", ".join(f"{number} {word}" for word, number in found.items()) or note
        print(f"{name:<28} {seconds:>7.0f}  {status:<18} {detail}")
        for word in totals:
            totals[word] += found.get(word, 0) + (found.get("error", 0) if word == "failed" else 0)
    for line in figures:
        print(line)
    print(f"took {time.monotonic() - started:.0f} s")
    print("=" * 72)
    totals["failed"] += 0 if not failed or totals["failed"] else 1
    print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
