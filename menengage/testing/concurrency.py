"""`@concurrent_writers`: a test whose threads write at the same time, on PostgreSQL only.

SQLite serialises writers, so such a test proves nothing there; it is skipped before any
fixture touches the database. On PostgreSQL the threads must see committed rows, so the test
runs outside the usual per-test transaction; afterwards the database is flushed and, with
`serialized_rollback`, reloaded from the copy taken once the site was built (menengage/conftest.py),
so the tests after it still find the countries, networks and pages.
"""

import pytest
from django.conf import settings

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def concurrent_writers(test):
    test = pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)
    return pytest.mark.skipif(
        not ON_POSTGRESQL, reason="concurrent writers need PostgreSQL; SQLite serialises them"
    )(test)
