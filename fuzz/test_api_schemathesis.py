"""Schemathesis over `/api/v1/openapi.json`: the API answers what its document promises.

The WSGI application is called in-process with the demo alliance loaded, so cases reach real
rows. Each operation gets a bounded number of examples, valid and invalid (every generation
mode), and every check schemathesis has: no server error, every answer in its published
schema, invalid input refused with a 4xx, valid input accepted, the organiser token enforced.

`make test` runs it in the session of the suite's SQLite part, which hands out whole modules to
the xdist workers: one worker serves every operation from one copy of the demo alliance the
browser tests serve (built once per run), in place of its own database for the module.
"""

import shutil

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from config.wsgi import application

# Enough to meet every enum value, bound and format of a parameter a few times over, and
# quick: the whole stage stays near a minute on two cores.
EXAMPLES_PER_OPERATION = 40


# Marked slow as a whole (the demo, then every operation): started first (menengage/conftest.py).
pytestmark = [pytest.mark.fuzz, pytest.mark.slow(80)]


@pytest.fixture(scope="module")
def organiser_token(django_db_setup, django_db_blocker):
    """The demo alliance and an API token of its staff member, for the whole module.

    On SQLite, a copy of the demo the browser tests serve (menengage.testing.demo_site: built
    once per run, or kept from the last one) in place of the worker's database: loading the
    demo again here took a minute of the stage. Elsewhere, the demo is loaded into the worker's
    database in a transaction rolled back after the module's last test (each test's own is a
    savepoint inside it), so the tests that worker runs next find the database as it was."""
    from django.db import connection

    from menengage.accounts.models import User
    from menengage.content.models import HomePage
    from menengage.core.demodata import DEMO_STAFF_EMAIL, demo_load
    from menengage.events.services import api_token_create
    from menengage.testing import database, demo_site

    def token():
        return api_token_create(actor=User.objects.get(email=DEMO_STAFF_EMAIL))[1]

    built = demo_site.built_for_run() if connection.vendor == "sqlite" else None
    if built is not None:
        copy = database.sqlite_private_copy(built / "e2e.sqlite3")
        try:
            with django_db_blocker.unblock(), database.connected_to(str(copy)):
                yield token()
        finally:
            shutil.rmtree(copy.parent, ignore_errors=True)
        return
    with django_db_blocker.unblock(), transaction.atomic():
        # Where the suite's site is built already (menengage/conftest.py), the demo's is left out.
        without = ("content",) if HomePage.objects.exists() else ()
        demo_load(report=lambda message: None, without=without)
        yield token()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _connection_kept_between_requests():
    """Django's test client keeps the test's connection across requests; the WSGI client
    schemathesis calls does not, and the start and end of each request would close the
    connection inside the test's transaction (harmless on an in-memory database, fatal on the
    migrated file the suite now copies per run)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# The document is read at collection, before any database exists: serving it needs none, but
# for the version of the pages kept for anonymous visitors (core.page_cache), which is in the
# shared cache, in the database; the document is drawn without it.
with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json",
        application,
        config=SchemathesisConfig.from_dict(
            {"generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION}}
        ),
    )


@schema.parametrize()
@pytest.mark.django_db
# The database fixture is meant to last the operation's examples: they only read.
# No example database: each run starts afresh and leaves no `.hypothesis/` behind.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, database=None)
def test_the_api_keeps_its_document(case, organiser_token, figures):
    # The in-process client does not inflate gzip, which the site sends when asked.
    headers = {"Authorization": f"Bearer {organiser_token}", "Accept-Encoding": "identity"}
    response = case.call(headers=headers)
    figures.operations.add(case.operation.label)
    figures.cases += 1
    figures.server_errors += response.status_code >= 500
    try:
        case.validate_response(response, headers=headers)
    except BaseException:
        figures.failed_cases += 1
        raise
