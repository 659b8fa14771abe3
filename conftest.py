"""Shared by every test directory (menengage/, tests/, fuzz/), so that one pytest session can
run them together, as `make test` does on SQLite: fixtures defined once here are set up once
per worker, where a copy in each directory's conftest would prepare a second database."""

import pytest

# The test database migrated once and copied per worker, in place of pytest-django's own.
from menengage.testing.database import (  # noqa: F401
    _cached_test_database,
    django_db_keepdb,
    django_db_modify_db_settings,
)
from menengage.testing.reports import reported

# What a test prints for the person running it (the form fuzz's figures): xdist keeps the
# workers' output, so it travels in the test's report and is shown under pytest's summary.
PRINTED = "printed"


@pytest.fixture
def print_in_summary(record_property):
    """`print_in_summary(text)`: print `text` now and again at the end of the run."""

    def printed(text):
        print(text, flush=True)
        record_property(PRINTED, text)

    return printed


def pytest_terminal_summary(terminalreporter):
    for text in reported(terminalreporter, PRINTED, when="call"):
        terminalreporter.write_line(text)
