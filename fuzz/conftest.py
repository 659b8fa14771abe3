"""The fuzzing stage's figures: counted by each operation's test, printed under pytest's own
summary. They travel in the tests' reports, as the operations run in xdist workers."""

from dataclasses import asdict, dataclass, field

import pytest

from menengage.testing.reports import reported

FIGURES = "schemathesis"


@dataclass
class Figures:
    operations: set = field(default_factory=set)
    cases: int = 0
    server_errors: int = 0
    failed_cases: int = 0


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Each operation's test known by its operation (`test_...[GET /api/v1/networks]`), as
    schemathesis names it: under pytest 9 they all get the node id of the test function, and
    xdist, which tells tests apart by node id, would run one of them when it hands out whole
    modules (scripts/test_all.py); a failure or a slow one must say which operation it was."""
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and item._id.params is None:
            item._id = item._id.with_params(label)


@pytest.fixture
def figures(request):
    """This operation's figures, kept in its report when it ends."""
    counted = Figures()
    yield counted
    kept = {**asdict(counted), "operations": sorted(counted.operations)}
    request.node.user_properties.append((FIGURES, kept))


def pytest_terminal_summary(terminalreporter):
    total = Figures()
    for counted in reported(terminalreporter, FIGURES, when="teardown"):
        total.operations |= set(counted["operations"])
        total.cases += counted["cases"]
        total.server_errors += counted["server_errors"]
        total.failed_cases += counted["failed_cases"]
    if total.cases:
        terminalreporter.write_line(
            f"schemathesis: {len(total.operations)} operations, {total.cases} cases, "
            f"{total.server_errors} server errors, {total.failed_cases} cases failing a check"
        )
