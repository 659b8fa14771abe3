"""The fuzzing stage's figures: counted by the tests, printed under pytest's own summary."""

from dataclasses import dataclass, field

import pytest

# The test database migrated once and copied per worker, as for the suite.
from menengage.testing.database import (  # noqa: F401
    _cached_test_database,
    django_db_keepdb,
    django_db_modify_db_settings,
)


@dataclass
class Figures:
    operations: set = field(default_factory=set)
    cases: int = 0
    server_errors: int = 0
    failed_cases: int = 0


FIGURES = pytest.StashKey[Figures]()


def pytest_configure(config):
    config.stash[FIGURES] = Figures()


@pytest.fixture(scope="session")
def figures(request):
    return request.config.stash[FIGURES]


def pytest_terminal_summary(terminalreporter, config):
    counted = config.stash[FIGURES]
    if counted.cases:
        terminalreporter.write_line(
            f"schemathesis: {len(counted.operations)} operations, {counted.cases} cases, "
            f"{counted.server_errors} server errors, {counted.failed_cases} cases failing a check"
        )
