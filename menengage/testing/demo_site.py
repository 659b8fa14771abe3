"""The demo alliance the browser tests serve (e2e/conftest.py), built once per run into
var/test-cache/ rather than once per xdist worker: the first to need it builds it under a lock
(or `make test` does, in the background, scripts/prepare_test_databases.py), and each worker
copies the folder and serves its copy. Keyed by the migrated schema, every file the `demo` and
`collectstatic` commands read, and the day (the demo's dates are relative to today).

Imported by the browser tests, which run without Django set up: files and subprocesses only.
"""

import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .database import CACHE, build_lock, code_digest, sqlite_migrated_for_run

ROOT = Path(__file__).resolve().parent.parent.parent
MENENGAGE = str(Path(sys.executable).parent / "menengage")


def demo_key():
    """What the built demo depends on: the migrated schema, the code and files the `demo` and
    `collectstatic` commands read, and the day (the demo's dates are relative to today)."""
    folders = ("menengage", "config", "static", "templates", "locale")
    digest = code_digest("django.db.backends.sqlite3", folders)
    digest.update(datetime.date.today().isoformat().encode())
    return digest.hexdigest()[:16]


def build(folder, env):
    """The database, media and collected static files of the demo alliance, in `folder`."""
    migrated = sqlite_migrated_for_run()
    commands = [["collectstatic", "--no-input", "-v0"], ["demo"]]
    if migrated:
        shutil.copyfile(migrated, folder / "e2e.sqlite3")
    else:
        commands.insert(0, ["migrate", "-v0"])
    for command in commands:
        subprocess.run(
            [MENENGAGE, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def environment(folder):
    """The settings of a demo served from `folder`, as environment variables."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "DEBUG": "false",
        "EMAIL_FILE_PATH": str(folder / "mail"),
    }


def built_for_run():
    """The folder of the demo built for this run: the first worker builds it under a lock, the
    others find it. None when the test database cache is off (each builds its own)."""
    if os.environ.get("MENENGAGE_TEST_DB_CACHE", "1") == "0":
        return None
    key = demo_key()
    built = CACHE / f"demo-{key}"
    with build_lock("demo"):
        if not built.exists():
            started = time.monotonic()
            for stale in CACHE.glob("demo-*"):
                shutil.rmtree(stale, ignore_errors=True)
            partial = CACHE / f"demo-{key}.partial"
            partial.mkdir(parents=True)
            build(partial, environment(partial))
            os.replace(partial, built)
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            print(
                f"\n[demo, {worker}] built {built.name} in {time.monotonic() - started:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    return built
