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
