"""Fixtures for every test folder (menengage/, tests/, fuzz/): the cached test database.

pytest-django's own fixtures are overridden here, at the root, so the suite and the fuzz
stages all start from the database migrated once (menengage.testing.database).
"""

import pytest


@pytest.fixture(scope="session")
def _cached_test_database(request):
    from menengage.testing.database import prepare

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
