"""`menengage backup` / `menengage restore`: refusals first (a non-empty database or media
folder, another engine's archive, not an archive), then the round trip into a fresh database
on the engine the suite runs on (SQLite, or PostgreSQL with MENENGAGE_TEST_POSTGRES=1)."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from menengage.concerns import services as concerns
from menengage.concerns.models import Concern
from menengage.core.backup import BackupError, backup_restore, backup_write
from menengage.library import services as library
from menengage.library.models import ResourceFile
from menengage.library.samples import pdf_bytes
from menengage.members.models import Organisation

MENENGAGE = str(Path(sys.executable).parent / "menengage")
ROOT = Path(__file__).resolve().parents[3]
SECRET_WORDS = "The coordinator shouted at a participant in Kisumu"


def _archive(path, manifest):
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def _restore(archive, url, media):
    return subprocess.run(
        [MENENGAGE, "restore", str(archive)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _fresh_database(folder):
    """The address of a new, empty database on the suite's engine."""
    if connection.vendor == "postgresql":
        name = f"restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        params = connection.settings_dict
        return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{name}"
    return f"sqlite:///{folder / 'restored.sqlite3'}"


def _query(url, sql):
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql).fetchall()


# Refusals


@pytest.mark.django_db
def test_restoring_into_a_database_that_has_tables_is_refused(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    organisations = Organisation.objects.count()
    archive = _archive(
        tmp_path / "a.tar.gz", {"format": 1, "engine": connection.vendor, "migrations": {}}
    )
    with pytest.raises(BackupError, match="already has .* tables"):
        backup_restore(path=archive)
    assert Organisation.objects.count() == organisations


def test_restoring_into_a_folder_that_has_files_is_refused(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "kept.txt").write_text("an upload")
    archive = _archive(tmp_path / "a.tar.gz", {"format": 1, "engine": "sqlite", "migrations": {}})
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    finished = _restore(archive, url, media)
    assert finished.returncode != 0
    assert "MEDIA_ROOT" in finished.stderr
    assert (media / "kept.txt").read_text() == "an upload"
    assert _query(url, "SELECT name FROM sqlite_master WHERE type = 'table'") == []


@pytest.mark.django_db
def test_an_archive_of_another_engine_or_no_archive_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = _archive(tmp_path / "a.tar.gz", {"format": 1, "engine": other, "migrations": {}})
    with pytest.raises(BackupError, match=f"holds a {other} database"):
        backup_restore(path=archive)
    stranger = tmp_path / "b.tar.gz"
    with tarfile.open(stranger, "w:gz"):
        pass
    with pytest.raises(BackupError, match="not a MenEngage backup"):
        backup_restore(path=stranger)


# The round trip


@pytest.mark.slow(15)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_bring_back_every_row_and_file(tmp_path, settings, staff, kenya):
    settings.MEDIA_ROOT = tmp_path / "media"
    concern, _receipt = concerns.concern_submit(
        client=uuid.uuid4().hex,
        subject_network=kenya,
        kind="complaint",
        subject_kind="organisation",
        subject_text="The director",
        what_happened=SECRET_WORDS,
    )
    library.resource_create(
        actor=staff,
        language="en",
        kind="report",
        title={"en": "Fathers and care"},
        published_on=None,
        files=[("en", SimpleUploadedFile("care.pdf", pdf_bytes("Care", ["Caring fathers."])))],
    )
    stored = ResourceFile.objects.get()
    original_file = stored.file.read()
    stored.file.close()

    archive = tmp_path / "backup.tar.gz"
    manifest = backup_write(path=archive)
    assert manifest["files"] == 1
    assert "0007_outgoing_mail" in manifest["migrations"]["core"]
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        if connection.vendor == "sqlite":
            database = opened.extractfile("database.sqlite3").read()
            # Concern content stays encrypted inside the archive.
            assert SECRET_WORDS.encode() not in database
    assert f"media/{stored.file.name}" in names

    url = _fresh_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    finished = _restore(archive, url, restored_media)
    assert finished.returncode == 0, finished.stderr

    tables = connection.introspection.table_names()
    for table in tables:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            here = cursor.fetchone()[0]
        assert _query(url, f'SELECT count(*) FROM "{table}"') == [(here,)], table
    assert _query(url, f"SELECT id FROM concerns_concern WHERE id = {concern.pk}") == [
        (concern.pk,)
    ]
    restored_content = _query(url, f"SELECT content FROM concerns_concern WHERE id = {concern.pk}")
    assert bytes(restored_content[0][0]) == bytes(Concern.objects.get(pk=concern.pk).content)
    assert _query(url, "SELECT name FROM members_organisation ORDER BY id LIMIT 3") == list(
        Organisation.objects.order_by("id").values_list("name")[:3]
    )
    assert (restored_media / stored.file.name).read_bytes() == original_file

    # The restored database is no longer empty: a second restore is refused.
    again = _restore(archive, url, tmp_path / "other-media")
    assert again.returncode != 0
    assert "already has" in again.stderr
