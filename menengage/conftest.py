"""Shared fixtures: the public site built once per run, and the named personas."""

import inspect
import uuid
from pathlib import Path

import pytest

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.networks.models import Network

PASSWORD = "correct-horse-battery-staple"
ROOT = Path(__file__).resolve().parent.parent


# The test files that exercise what differs between SQLite and PostgreSQL, marked
# `every_database`: `make test` runs the whole suite on PostgreSQL (production) and only these
# on SQLite (scripts/test_all.py), while the API fuzzing, form fuzz and browser stages serve every
# view from SQLite. A file belongs here when it tests search (FTS5 or tsvector), ordering and
# collation, migrations, backup and restore, locking and queues, lookups in the JSON of translated
# fields, case-insensitive matching of non-ASCII text, date and aggregate arithmetic, constraints,
# or anything that asks which database it runs on; and every test that counts queries.
EVERY_DATABASE = (
    # Search, filters and non-ASCII matching.
    "menengage/library/tests/test_search.py",
    "menengage/members/tests/test_directory.py",
    # Migrations, backups, reference data loaded by migrations.
    "menengage/core/tests/test_translation_migrations.py",
    "menengage/accounts/tests/test_secrets_at_rest.py",
    "menengage/core/tests/test_backup.py",
    "menengage/core/tests/test_countries.py",
    "menengage/core/tests/test_reference_data.py",
    # Queues, locks, throttles, transactions.
    "menengage/core/tests/test_worker.py",
    "menengage/core/tests/test_mail.py",
    "menengage/core/tests/test_throttle.py",
    "menengage/accounts/tests/test_signin_limits.py",
    "menengage/members/tests/test_announcement_queue.py",
    # Translated fields (JSON) and languages.
    "menengage/core/tests/test_translation.py",
    "menengage/core/tests/test_seventh_language.py",
    "menengage/core/tests/test_vocabulary.py",
    # Dates, sums and counts.
    "menengage/members/tests/test_map.py",
    "menengage/members/tests/test_export.py",
    "menengage/transparency/tests/test_services.py",
    "menengage/transparency/tests/test_iati.py",
    # Asks which database it runs on.
    "menengage/core/tests/test_health.py",
    "menengage/core/tests/test_routers.py",
    "menengage/concerns/tests/test_reporting.py",
)


def pytest_configure(config):
    missing = [path for path in EVERY_DATABASE if not (ROOT / path).exists()]
    assert not missing, f"EVERY_DATABASE names files that are gone: {missing}"


# A test that counts queries, wherever it is, runs on both too.
COUNTS_QUERIES = {"django_assert_num_queries", "django_assert_max_num_queries"}


def pytest_itemcollected(item):
    """Marked as it is collected, before `-m` chooses."""
    if item.nodeid.split("::")[0] in EVERY_DATABASE or _counts_queries(item):
        item.add_marker("every_database")


def _counts_queries(item):
    if COUNTS_QUERIES & set(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    return function is not None and "CaptureQueriesContext" in inspect.getsource(function)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests marked `slow(seconds)` run first, longest first; the rest keep their order.

    xdist hands the tests out in this order, two at a time with `--maxschedchunk 2` (as
    scripts/test_all.py runs the suites; by default each worker starts with a quarter of the
    suite, so one would get every slow test), so both workers start on long ones and share out
    the short ones as they free up. Left in the order of their
    files, a minute-long test could start last, with the other worker idle until it ends.
    Runs after pytest-django's own sort, which puts the tests that flush the database
    (`transaction=True`) last; `_reload_after_a_flush` below lets them run first too."""
    items.sort(key=_expected_seconds, reverse=True)


def _expected_seconds(item):
    marker = item.get_closest_marker("slow")
    return marker.args[0] if marker else 0


def _reloads_the_database(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that flushed the database (`serialized_rollback`), reload the copy taken
    once the site was built, as such a test's own set-up does: the tests after it, run by the
    same worker, expect the countries, networks and pages. Django reloads the copy before the
    next such test only, which is why pytest-django runs them last."""
    result = yield
    # When the next test is one too, its set-up reloads the copy (8 s a time on PostgreSQL).
    if _reloads_the_database(item) and nextitem is not None and not _reloads_the_database(nextitem):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        copies = {
            connection: connection._test_serialized_contents
            for connection in connections.all()
            if getattr(connection, "_test_serialized_contents", None)
        }
        # No copy: the worker's database was never set up (its first test was skipped).
        if not copies:
            return result
        with item.config.stash[blocking_manager_key].unblock():
            # Skipped before its set-up (`concurrent_writers` on SQLite), it flushed nothing.
            if Network.objects.exists():
                return result
            for connection, contents in copies.items():
                connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The four-language site, after migrations (countries, networks, locales): built into the
    cached test database once per run (menengage.testing.public_site), here when there is none."""
    from django.db import connections
    from wagtail.models import Page

    from menengage.content.models import HomePage
    from menengage.testing import public_site

    with django_db_blocker.unblock():
        if not HomePage.objects.exists():
            public_site.build()
            # What a `serialized_rollback` test reloads after its flush: taken again with the
            # site (menengage.testing.concurrency). A cached database had the site already
            # when Django took it, at its creation.
            for connection in connections.all():
                contents = connection.creation.serialize_db_to_string()
                connection._test_serialized_contents = contents
        assert Page.objects.live().count() > 1


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request to /es/ leaves Spanish active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run without `collectstatic`, so static URLs come unhashed, from the source."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _local_cache(settings):
    """A fresh in-process cache per test, so throttles and menus never leak between tests."""
    settings.CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(uuid.uuid4()),
        }
        for alias in settings.CACHES
    }


@pytest.fixture(autouse=True)
def _force_login_is_a_full_sign_in(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in, second factor included, as it
    skips the password too. A session signed in by the password alone is `client.login(...)`
    (or the `password_only` fixture): what the admins' old sign-in pages left behind."""
    from django.test import Client

    from menengage.accounts import twofactor

    force_login = Client.force_login

    def force_full_login(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        twofactor.session_mark_verified(session)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_full_login)


@pytest.fixture
def password_only(client):
    """`password_only(user)`: the client signed in as `user` by the password alone, with no
    second factor, as `login()` after a password check leaves a session."""

    def sign_in(user):
        assert client.login(username=user.email, password=PASSWORD)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Argon2 at its lowest cost (menengage.testing.hashers): the suite hashes thousands."""
    settings.PASSWORD_HASHERS = ["menengage.testing.hashers.QuickArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks (mail delivery, text extraction) run inside the test that queues them; the queue's
    own tests (core/tests/test_mail.py, test_worker.py) put the database queue back."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("staff@example.org", PASSWORD, name="Sam Staff")


@pytest.fixture
def outsider(db):
    return User.objects.create_user("outsider@example.org", PASSWORD, name="Olu Outsider")


@pytest.fixture
def kenya(db):
    return Network.objects.get(slug="kenya")


@pytest.fixture
def coordinator(db, staff, kenya):
    person = User.objects.create_user(
        "coordinator@example.org", PASSWORD, name="Wanjiru Coordinator"
    )
    role_assign(user=person, role=RoleAssignment.Role.COORDINATOR, scope=kenya, actor=staff)
    return person


@pytest.fixture
def visitor(client):
    """An anonymous visitor's browser."""
    return client


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
