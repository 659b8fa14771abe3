"""The test database, migrated once and reused: by every xdist worker of a run, and across runs.

Migrating from scratch costs 45 s per worker on an idle two-core machine (and minutes on a busy
one), and the schema changes far less often than the tests run. So the first worker that needs
a database migrates one (in a subprocess, as `menengage migrate` would) under a lock, keyed by a
hash of everything that decides its contents: the migration files, the modules and data tables
they read, the settings file, and the installed packages' versions. The others wait for it and
reuse it.

- SQLite: the migrated file is kept in var/test-cache/; each worker copies it to a file of its
  own (on /dev/shm when there is one, as fast as the in-memory database it replaces) and Django
  opens it with `keepdb`, finding every migration applied.
- PostgreSQL (the throwaway cluster of menengage.testing.postgres): the migrated database is a
  template; each worker's database is `CREATE DATABASE test_menengage_gwN TEMPLATE ...`, which
  copies files rather than replaying SQL. The template is dumped to var/test-cache/ so the next
  run's cluster restores it instead of migrating.

A second layer holds the four-language test site (menengage.testing.public_site), built once
into a copy of the migrated database (`sqlite_with_site`, `postgres_with_site`) and keyed by the
project's code as well (`site_key`), so a code change rebuilds the site but not the migrations.
The demo starts from the migrated database without it.

The same two helpers (sqlite_cached, postgres_cached) keep the database as it was just before
the translation migrations (menengage.testing.translations_start): the build migrates to there
first, keeps it, then migrates the rest, so the translation migrations test starts from a copy.
`connected_to` points Django's default connection at such a copy for a block (that test, the
API fuzzing's copy of the demo).

`MENENGAGE_TEST_DB_CACHE=0` migrates every worker's database the usual way. The fixtures at the
end replace two of pytest-django's; menengage/conftest.py and fuzz/conftest.py import them.
"""

import contextlib
import fcntl
import glob
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / "var" / "test-cache"
MENENGAGE = str(Path(sys.executable).parent / "menengage")
IMPORTED = re.compile(r"^\s*(?:from|import)\s+(menengage(?:\.\w+)+)", re.MULTILINE)


def enabled():
    return os.environ.get("MENENGAGE_TEST_DB_CACHE", "1") != "0"


def schema_key(engine):
    """A hash of what the migrated database depends on; a new one migrates afresh. Read from
    files only, so the browser tests (run without Django) can ask for the same database."""
    digest = hashlib.sha256(engine.encode())
    migrations = sorted((ROOT / "menengage").glob("*/migrations/*.py"))
    imported = set()
    for path in migrations:
        text = path.read_bytes()
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + text)
        imported.update(IMPORTED.findall(text.decode()))
    # What the migrations import (search.create_schema, custom fields) is part of them.
    for module in sorted(imported):
        base = ROOT.joinpath(*module.split("."))
        for source in (base.with_suffix(".py"), base / "__init__.py"):
            if source.exists():
                digest.update(module.encode() + b"\0" + source.read_bytes())
    # The tables data migrations read (countries.csv, terms.csv, gem_scale.json...).
    for path in sorted((ROOT / "menengage").glob("*/data/**/*")):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    # INSTALLED_APPS and LANGUAGES (locales made by migrations) are in the settings file.
    digest.update((ROOT / "config" / "settings.py").read_bytes())
    # Where the build stops on the way (the translation migrations test's starting point).
    digest.update((Path(__file__).parent / "translations_start.py").read_bytes())
    # A new Django or Wagtail brings its own migrations.
    # A set: the project's own egg-info is found twice when the checkout is on sys.path.
    packages = sorted(
        {
            f"{dist.metadata['Name']}=={dist.version}"
            for dist in importlib.metadata.distributions()
            if dist.metadata["Name"]
        }
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def code_digest(engine, folders):
    """A hash of the schema key and every file in `folders` but the tests and compiled files:
    what a database built by running the project's code (the test site, the demo) depends on.
    Read from files only, like schema_key."""
    digest = hashlib.sha256(schema_key(engine).encode())
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            # Not the tests: the builds do not read them, and they change most often.
            if path.is_file() and not {"__pycache__", "tests"} & set(path.relative_to(ROOT).parts):
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest


def site_key(engine):
    """What the migrated database with the test site (menengage.testing.public_site) depends
    on: the schema and the project's code and settings."""
    return code_digest(engine, ("menengage", "config")).hexdigest()[:16]


@contextlib.contextmanager
def build_lock(what):
    """One builder of `what` (sqlite, postgres, demo) at a time across the workers of a run (and
    across runs of one checkout); different ones may be built side by side."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"build-{what}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_on(database_url, command, *, settings_module=False):
    """Run the Django command line `command` (a list) against `database_url`, in a subprocess,
    its own output dropped; with `settings_module`, under config.settings (for `python -m`)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DATABASE_REPLICA_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _migrate(database_url, *, to_translations_start=False):
    """`menengage migrate` on `database_url`; or only as far as the translation migrations
    test's starting point (menengage.testing.translations_start), the first half of the same
    migration."""
    if to_translations_start:
        command = [sys.executable, "-m", "menengage.testing.translations_start"]
        _run_on(database_url, command, settings_module=True)
    else:
        _run_on(database_url, [MENENGAGE, "migrate", "--no-input", "-v0"])


def _build_site(database_url):
    """The four-language test site (menengage.testing.public_site) built into `database_url`."""
    command = [sys.executable, "-m", "menengage.testing.public_site"]
    _run_on(database_url, command, settings_module=True)


def _report(message):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    print(f"\n[test database, {worker}] {message}", file=sys.stderr, flush=True)


def sqlite_cached(prefix, key, build):
    """var/test-cache/<prefix>-<key>.sqlite3, made by `build(path)` under a lock when there is
    none (and the files of older keys removed)."""
    built = CACHE / f"{prefix}-{key}.sqlite3"
    with build_lock(prefix):
        if not built.exists():
            started = time.monotonic()
            for stale in CACHE.glob(f"{prefix}-*.sqlite3"):
                stale.unlink()
            partial = CACHE / f"{prefix}-{key}.partial"
            # What an interrupted build left: the file and its write-ahead log.
            for leftover in CACHE.glob(f"{partial.name}*"):
                leftover.unlink()
            build(partial)
            os.replace(partial, built)
            _report(f"built {built.name} in {time.monotonic() - started:.1f} s")
    return built


def sqlite_migrated(key):
    """The path of the migrated SQLite file for `key`, migrating it when there is none: from
    a copy of the translations test's starting point (`sqlite_translations_start`), which the
    same migration passes through on its way, so that one costs a copy."""

    def migrate(partial):
        shutil.copyfile(sqlite_translations_start(key), partial)
        _migrate(f"sqlite:///{partial}")

    return sqlite_cached("sqlite", key, migrate)


def sqlite_with_site(key):
    """The path of the migrated SQLite file with the test site built in, for `key` (its
    `site_key`): a copy of the migrated file (`sqlite_migrated`), which the demo starts from."""
    engine = "django.db.backends.sqlite3"

    def build(partial):
        shutil.copyfile(sqlite_migrated(schema_key(engine)), partial)
        _build_site(f"sqlite:///{partial}")

    return sqlite_cached("site-sqlite", key, build)


def sqlite_translations_start(key):
    """The SQLite file migrated to just before the translation migrations, for `key`."""

    def migrate(partial):
        _migrate(f"sqlite:///{partial}", to_translations_start=True)

    return sqlite_cached("translations-start-sqlite", key, migrate)


def sqlite_migrated_for_run():
    """The migrated SQLite file for the code as it is now, or None when caching is off."""
    return sqlite_migrated(schema_key("django.db.backends.sqlite3")) if enabled() else None


def sqlite_with_site_for_run():
    """The SQLite file the suite's workers copy, for the code as it is now (None: no cache)."""
    return sqlite_with_site(site_key("django.db.backends.sqlite3")) if enabled() else None


def sqlite_private_copy(built):
    """A private copy of a built file, in memory-backed storage if any; remove its folder."""
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder there
    where = shm if os.access(shm, os.W_OK) else CACHE
    folder = Path(tempfile.mkdtemp(prefix="menengage-test-db-", dir=where))
    copy = folder / "test.sqlite3"
    shutil.copyfile(built, copy)
    return copy


def sqlite_worker_copy(key):
    """A private copy of the migrated file with the test site for this worker."""
    return sqlite_private_copy(sqlite_with_site(key))


@contextlib.contextmanager
def connected_to(name):
    """Django's default connection pointed at the database `name` (a file, or a database of
    the same server) for the block; the worker's own connection is set aside untouched."""
    from django.db import DEFAULT_DB_ALIAS, connections

    worker = connections[DEFAULT_DB_ALIAS]
    other = type(worker)({**worker.settings_dict, "NAME": name}, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = other
    try:
        yield
    finally:
        other.close()
        connections[DEFAULT_DB_ALIAS] = worker


def admin_connection(settings_dict):
    import psycopg

    return psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        user=settings_dict["USER"],
        password=settings_dict.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def _postgres_binary(name):
    """A client program of the same installation as the server (initdb may be alone on PATH)."""
    from .postgres import server_binaries

    folders = [server_binaries() or ""] + sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]
    for folder in folders:
        if os.access(os.path.join(folder, name), os.X_OK):
            return os.path.join(folder, name)
    return shutil.which(name) or name


def postgres_cached(settings_dict, template, prefix, key, build):
    """The template database `template` in the cluster, once per run: restored from its dump
    in var/test-cache/ (`<prefix>-<key>.sql`) or, when there is none, made by `build(name)`
    (which creates the database `name`) and dumped for the next run's cluster."""
    dump = CACHE / f"{prefix}-{key}.sql"
    address = ["-h", settings_dict["HOST"], "-p", str(settings_dict["PORT"])]
    address += ["-U", settings_dict["USER"]]
    with build_lock(prefix), admin_connection(settings_dict) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [template]
        ).fetchone()
        if exists:
            return template
        started = time.monotonic()
        # Built under another name and renamed when whole: a failed build leaves no template.
        partial = f"{template}_partial"
        admin.execute(f'DROP DATABASE IF EXISTS "{partial}"')
        if dump.exists():
            admin.execute(f'CREATE DATABASE "{partial}"')
            subprocess.run(
                [_postgres_binary("psql"), *address, "-q", "-v", "ON_ERROR_STOP=1"]
                + ["-d", partial, "-f", str(dump)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            how = f"restored from {dump.name}"
        else:
            build(partial)
            for stale in CACHE.glob(f"{prefix}-*.sql"):
                stale.unlink()
            written = dump.with_suffix(".partial")
            subprocess.run(
                [_postgres_binary("pg_dump"), *address, "--no-owner", "-f", str(written), partial],
                check=True,
            )
            os.replace(written, dump)
            how = "built"
        admin.execute(f'ALTER DATABASE "{partial}" RENAME TO "{template}"')
        # Nobody may be connected to a template while a worker copies it.
        admin.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false')
        _report(f"{how} {template} in {time.monotonic() - started:.1f} s")
    return template


def postgres_template(settings_dict, key):
    """The name of the migrated template database in the cluster, built or restored once:
    migrated from a copy of the translations test's starting point
    (`postgres_translations_start`), which the same migration passes through on its way."""

    def migrate(name):
        start = postgres_translations_start(settings_dict, key)
        with admin_connection(settings_dict) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{start}"')
        _migrate(_postgres_url(settings_dict, name))

    return postgres_cached(settings_dict, f"menengage_template_{key}", "postgres", key, migrate)


def postgres_with_site(settings_dict, key):
    """The name of the template database with the test site built in, for `key` (its
    `site_key`): made from the migrated template (`postgres_template`)."""

    def build(name):
        migrated = postgres_template(settings_dict, schema_key("django.db.backends.postgresql"))
        with admin_connection(settings_dict) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated}"')
        _build_site(_postgres_url(settings_dict, name))

    return postgres_cached(settings_dict, f"menengage_site_{key}", "site-postgres", key, build)


def postgres_translations_start(settings_dict, key):
    """The template database migrated to just before the translation migrations, for `key`."""

    def migrate(name):
        with admin_connection(settings_dict) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        _migrate(_postgres_url(settings_dict, name), to_translations_start=True)

    template = f"menengage_translations_start_{key}"
    return postgres_cached(settings_dict, template, "translations-start-postgres", key, migrate)


def _postgres_url(settings_dict, name):
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    return f"postgres://{user}@{host}:{port}/{name}"


def postgres_dump_for_run():
    """Migrate and dump the PostgreSQL template (with the test site) for the code as it is now,
    in a throwaway cluster, unless var/test-cache/ has its dump: the PostgreSQL suite then
    restores the dump rather than migrating. `make test` runs this beside the SQLite stages
    (scripts/prepare_test_databases.py). Returns whether it had to migrate."""
    from urllib.parse import urlparse

    from .postgres import start_cluster

    key = site_key("django.db.backends.postgresql")
    if (CACHE / f"site-postgres-{key}.sql").exists():
        return False
    url, stop = start_cluster()
    try:
        address = urlparse(url)
        server = {"HOST": address.hostname, "PORT": address.port, "USER": address.username}
        postgres_with_site(server, key)
    finally:
        stop()
    return True


def prepare(worker):
    """Point the default database's test settings at a cached copy; returns a clean-up function
    and whether Django must keep (not recreate) the database it finds: None when not cached."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    engine = database["ENGINE"]
    if not enabled() or engine.rsplit(".", 1)[-1] not in ("sqlite3", "postgresql"):
        return (lambda: None), None
    started = time.monotonic()
    key = site_key(engine)
    test = database.setdefault("TEST", {})
    if engine.endswith("sqlite3"):
        copy = sqlite_worker_copy(key)
        test["NAME"] = str(copy)
        _report(f"copied in {time.monotonic() - started:.1f} s")
        return (lambda: shutil.rmtree(copy.parent, ignore_errors=True)), True
    test["TEMPLATE"] = postgres_with_site(database, key)
    test["NAME"] = f"test_{database['NAME']}_{worker}" if worker else f"test_{database['NAME']}"
    _report(f"template ready in {time.monotonic() - started:.1f} s")
    return (lambda: None), False


# pytest-django's fixtures, overridden where a conftest imports these.


@pytest.fixture(scope="session")
def _cached_test_database(request):
    worker = getattr(request.config, "workerinput", {}).get("workerid", "")
    clean_up, keep = prepare(worker)
    if keep is None and worker:
        # Not cached: each xdist worker migrates a database of its own, as pytest-django does.
        from pytest_django.fixtures import _set_suffix_to_test_databases

        _set_suffix_to_test_databases(suffix=worker)
    yield bool(keep)
    clean_up()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(_cached_test_database):
    """The test database's settings point at the cached copy (replacing the xdist suffix)."""


@pytest.fixture(scope="session")
def django_db_keepdb(request, _cached_test_database):
    """SQLite opens the copied file as it is; otherwise as `--reuse-db` says."""
    return _cached_test_database or request.config.getvalue("reuse_db")
