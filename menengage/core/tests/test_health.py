import pytest
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_health_reports_ok_when_migrated(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "pending_migrations": 0,
        "queue_age_seconds": None,  # tests run tasks at once, without a queue
    }


@pytest.mark.django_db
def test_health_is_unavailable_with_pending_migrations(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)])
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"


@pytest.mark.django_db
def test_health_is_unavailable_when_the_database_fails(client, monkeypatch):
    def broken(self):
        raise OSError("database gone")

    monkeypatch.setattr(MigrationExecutor, "__init__", broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


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
