"""`/health` answers 503, with the reason, when the database cannot serve: unreachable,
behind on migrations, or refusing writes."""

import sqlite3

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from menengage.core import health


def probes_left():
    return MigrationRecorder.Migration.objects.filter(app="health").count()


@pytest.fixture
def read_only_connection():
    """The default connection refusing writes, as on a read-only replica or file."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET transaction_read_only = on")
    yield connection
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


@pytest.mark.django_db
def test_a_read_only_database_answers_503_with_the_reason(client, read_only_connection):
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["writable"] is False
    assert body["database"] == "ok"
    assert len(body["problems"]) == 1
    assert body["problems"][0].startswith("The database refuses writes:")
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite file opened read-only")
def test_a_read_only_sqlite_file_refuses_the_probe(tmp_path, django_db_blocker):
    """Outside the test database's transaction: the probe opens a file of its own."""
    path = tmp_path / "read-only.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute(
            "CREATE TABLE django_migrations (id integer PRIMARY KEY AUTOINCREMENT, "
            "app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied datetime NOT NULL)"
        )
    connections.settings["read_only_file"] = {
        **connections.settings["default"],
        "NAME": f"file:{path}?mode=ro",
        "TEST": {},
    }
    with django_db_blocker.unblock():
        try:
            outcome = health.check_writes(connections["read_only_file"])
        finally:
            connections["read_only_file"].close()
            del connections.settings["read_only_file"]
            del connections["read_only_file"]
    assert outcome.fields == {"writable": False}
    assert "readonly" in outcome.problem.replace("-", "").replace(" ", "")
    with sqlite3.connect(path) as after:
        assert after.execute("SELECT count(*) FROM django_migrations").fetchone() == (0,)


@pytest.mark.django_db
def test_the_write_probe_leaves_nothing(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "pending_migrations": 0,
        "writable": True,
        "problems": [],
        "queue_age_seconds": None,  # tests run tasks at once, without a queue
    }
    assert probes_left() == 0


@pytest.mark.django_db
def test_a_further_check_joins_the_answer(client, monkeypatch):
    def check_queue():
        return health.Check({"queue_age_seconds": 900}, "The oldest task waits 15 minutes.")

    monkeypatch.setattr(health, "CHECKS", [*health.CHECKS, check_queue])
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["queue_age_seconds"] == 900
    assert response.json()["problems"] == ["The oldest task waits 15 minutes."]


@pytest.mark.django_db
def test_health_is_unavailable_with_pending_migrations(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"
    assert response.json()["problems"] == ["1 migrations are not applied."]


@pytest.mark.django_db
def test_health_is_unavailable_when_the_database_fails(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("database gone")

    monkeypatch.setattr(MigrationExecutor, "__init__", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert response.json()["problems"][0] == "The database cannot be reached: database gone"


@pytest.mark.django_db
def test_health_reports_how_long_the_oldest_task_has_waited(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from menengage.core.mail import mail_deliver

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert client.get("/health").json()["queue_age_seconds"] == 0
    mail_deliver.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    mail_deliver.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()
    assert 299 <= client.get("/health").json()["queue_age_seconds"] <= 302
