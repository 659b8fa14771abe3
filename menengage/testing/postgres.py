"""A throwaway PostgreSQL cluster for the test suite, started from the installed server.

Loaded with `pytest -p menengage.testing.postgres` when MENENGAGE_TEST_POSTGRES=1. It runs
before Django reads its settings, starts a cluster with `initdb`/`pg_ctl` in a temporary
folder, points DATABASE_URL at it, and removes it when the run ends. xdist workers inherit
the address from the controller and start nothing.
"""

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_binaries():
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = [os.path.dirname(path) for path in [shutil.which("initdb") or ""] if path]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(
            os.path.join(folder, "pg_ctl"), os.X_OK
        ):
            return folder
    return None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command):
    # initdb refuses to run as root; on CI machines the tests run as root, so the cluster
    # belongs to the `postgres` account the Debian package creates.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_cluster():
    """Start a cluster and return (DATABASE_URL, stop function)."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed.")
    folder = Path(tempfile.mkdtemp(prefix="menengage-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT, "check": True}
    subprocess.run(
        _as_server_user(
            [
                f"{binaries}/initdb",
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "--no-sync",
            ]
        ),
        **quiet,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        _as_server_user(
            [
                f"{binaries}/pg_ctl",
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ]
        ),
        **quiet,
    )

    def stop():
        subprocess.run(
            _as_server_user([f"{binaries}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)

    return f"postgres://postgres@127.0.0.1:{port}/menengage", stop


if os.environ.get("MENENGAGE_TEST_POSTGRES") == "1" and "PYTEST_XDIST_WORKER" not in os.environ:
    url, _stop = start_cluster()
    os.environ["DATABASE_URL"] = url
    atexit.register(_stop)
