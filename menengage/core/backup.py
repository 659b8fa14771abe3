"""One archive holding the whole platform: the database, the uploaded files and which
migrations the database had, written by `menengage backup` and put back by `menengage restore`.

The archive is a gzipped tar:

    manifest.json      format, engine, when, the applied migrations, the number of files
    database.sqlite3   SQLite: a consistent copy taken with SQLite's online backup API, safe
                       while the site and workers write
    database.dump      PostgreSQL: `pg_dump --format=custom` (one consistent snapshot)
    media/...          every uploaded file under MEDIA_ROOT

Concern content is stored encrypted in the database and stays so in the archive: the keys
(CONCERNS_KEYS) are never in it, so keep them somewhere else than the backups, and keep them.

A restore goes into an empty database (no tables at all) and an empty MEDIA_ROOT only; it
never merges into or overwrites a live platform. Run `menengage migrate` afterwards when the
code is newer than the archive.

django-dbbackup was considered: it writes the database and the media as two backups restored
by two commands, and restores over an existing database, where this needs one archive that
refuses a non-empty target; with the standard library doing the SQLite copy and pg_dump doing
PostgreSQL's, the remaining code is this module.
"""

import datetime
import glob
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


def _engine(connection):
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _pg_tool(name):
    """pg_dump or pg_restore: on the PATH, else the newest installed server's."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(f"{name} is not installed (PostgreSQL client tools).")


def _pg_args(connection):
    """Connection arguments and environment for the PostgreSQL tools: no password on argv."""
    params = connection.get_connection_params()
    args = ["--dbname", params.get("dbname") or connection.settings_dict["NAME"]]
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = {**os.environ}
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return args, env


def _applied_migrations(connection):
    applied = MigrationRecorder(connection).applied_migrations()
    migrations = {}
    for app, name in sorted(applied):
        migrations.setdefault(app, []).append(name)
    return migrations


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_write(*, path, database="default"):
    """Write one archive of `database` and MEDIA_ROOT to `path`; returns the manifest."""
    connection = connections[database]
    engine = _engine(connection)
    connection.ensure_connection()
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "migrations": _applied_migrations(connection),
        "files": len(files),
    }
    with tempfile.TemporaryDirectory(prefix="menengage-backup-") as work:
        if engine == "sqlite":
            dump, name = Path(work) / "database.sqlite3", "database.sqlite3"
            target = sqlite3.connect(dump)
            try:
                # Page by page while others keep writing; the copy is one consistent snapshot.
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            dump, name = Path(work) / "database.dump", "database.dump"
            args, env = _pg_args(connection)
            subprocess.run(  # noqa: S603 - fixed program, our own arguments
                [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), *args],
                env=env,
                check=True,
                capture_output=True,
            )
        partial = Path(f"{path}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=name)
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
        # Never a half-written archive under the real name.
        os.replace(partial, path)
    return manifest


def _read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a MenEngage backup archive (no manifest).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _refuse_unless_empty(connection, media):
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database already has {len(tables)} tables. Restore only into an empty "
            "database (create a new one, or remove the SQLite file), so nothing is overwritten."
        )
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(
            f"MEDIA_ROOT ({media}) is not empty. Restore only into an empty folder, so no "
            "uploaded file is overwritten."
        )


def backup_restore(*, path, database="default"):
    """Put the archive at `path` back into an empty `database` and an empty MEDIA_ROOT.

    Returns the manifest; raises BackupError (and changes nothing) when the target is not empty
    or the archive is of another engine.
    """
    connection = connections[database]
    engine = _engine(connection)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "r:gz") as archive:
        manifest = _read_manifest(archive)
        if manifest["engine"] != engine:
            raise BackupError(
                f"This archive holds a {manifest['engine']} database; the target is {engine}."
            )
        _refuse_unless_empty(connection, media)
        with tempfile.TemporaryDirectory(prefix="menengage-restore-") as work:
            # The "data" filter refuses absolute paths, links out and devices.
            archive.extractall(work, filter="data")
            if engine == "sqlite":
                source = sqlite3.connect(Path(work) / "database.sqlite3")
                try:
                    connection.ensure_connection()
                    source.backup(connection.connection)
                finally:
                    source.close()
            else:
                args, env = _pg_args(connection)
                subprocess.run(  # noqa: S603 - fixed program, our own arguments
                    [
                        _pg_tool("pg_restore"),
                        "--no-owner",
                        "--no-privileges",
                        "--exit-on-error",
                        *args,
                        str(Path(work) / "database.dump"),
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                )
            uploaded = Path(work) / "media"
            if uploaded.is_dir():
                media.mkdir(parents=True, exist_ok=True)
                shutil.copytree(uploaded, media, dirs_exist_ok=True)
    connection.close()
    return manifest


def backup_migration_gap(manifest, *, database="default"):
    """Migrations the code has that the archive's database had not (run `migrate`), and
    those the archive had that this code does not know (the code is older than the backup)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connections[database], ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    had = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    return sorted(known - had), sorted(had - known)
