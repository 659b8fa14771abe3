"""The read-replica router: reads go to the replica, except where they must see the primary."""

import pytest
from django.db import transaction

from menengage.core.routers import ReplicaRouter
from menengage.members.models import Organisation


@pytest.fixture
def router():
    ReplicaRouter.request_started()
    yield ReplicaRouter()
    ReplicaRouter.request_started()


def test_reads_inside_a_transaction_use_the_primary(router, db):
    with transaction.atomic():
        assert router.db_for_read(Organisation) == "default"


def test_after_a_write_the_request_reads_the_primary_until_the_next_request(router):
    assert router.db_for_read(Organisation) == "replica"
    assert router.db_for_write(Organisation) == "default"
    assert router.db_for_read(Organisation) == "default"
    ReplicaRouter.request_started()
    assert router.db_for_read(Organisation) == "replica"


def test_the_replica_setting_adds_the_database_and_the_router(monkeypatch):
    """Settings only: DATABASE_REPLICA_URL gives a second alias (a mirror in tests)."""
    import importlib

    import config.settings

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica.example:5432/menengage")
    try:
        loaded = importlib.reload(config.settings)
        assert loaded.DATABASES["replica"]["HOST"] == "replica.example"
        assert loaded.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
        assert loaded.DATABASE_ROUTERS == ["menengage.core.routers.ReplicaRouter"]
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        importlib.reload(config.settings)


def test_a_plain_read_goes_to_the_replica_and_only_the_primary_is_migrated(router):
    assert router.db_for_read(Organisation) == "replica"
    assert router.allow_migrate("default", "members")
    assert not router.allow_migrate("replica", "members")
