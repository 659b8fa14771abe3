"""`/health`: can this instance serve? The database is reachable, fully migrated and writable;
and how long has the oldest task waited for a worker?

Each check is a function in `CHECKS` returning a `Check`: its fields join the answer and a
failing check gives the answer's status, 503, and its reason. A new check (a queue's age, the
cache) is one more function in the list.
"""

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@dataclass(frozen=True)
class Check:
    """One check's outcome: the fields it adds to the answer, and why it failed, if it did."""

    fields: dict = field(default_factory=dict)
    problem: str = ""


def _first_line(error):
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def check_migrations(connection=None):
    """The database answers and every migration is applied."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
        return Check(
            {"database": "unreachable", "migrations": "unknown", "pending_migrations": None},
            f"The database cannot be reached: {_first_line(error)}",
        )
    fields = {"database": "ok", "migrations": "ok" if not pending else "pending"}
    fields["pending_migrations"] = pending
    return Check(fields, f"{pending} migrations are not applied." if pending else "")


class _RolledBack(Exception):
    """Leaves the probe's transaction so that nothing it wrote stays."""


def check_writes(connection=None):
    """The database takes a write: a read-only file, connection or replica answers 503.

    The probe inserts a row into Django's own migration table inside a transaction that is
    always rolled back, so it exists on every database and nothing is left behind.
    """
    connection = connection or connections[DEFAULT_DB_ALIAS]
    try:
        with transaction.atomic(using=connection.alias):
            MigrationRecorder(connection).Migration.objects.using(connection.alias).create(
                app="health", name="write probe"
            )
            raise _RolledBack
    except _RolledBack:
        return Check({"writable": True})
    except DatabaseError as error:
        return Check({"writable": False}, f"The database refuses writes: {_first_line(error)}")


CHECKS = [check_migrations, check_writes]


def health_report(checks=None):
    """(healthy, answer) from every check, in order."""
    body, problems = {}, []
    for check in checks or CHECKS:
        outcome = check()
        body.update(outcome.fields)
        if outcome.problem:
            problems.append(outcome.problem)
    return not problems, {
        "status": "unavailable" if problems else "ok",
        **body,
        "problems": problems,
    }


def check_queue():
    """Seconds the oldest waiting task has waited (None: the queue lives elsewhere). Reported,
    never failing: a backlog is for the operator to judge, the site still serves."""
    from .queue import queue_oldest_wait_seconds

    try:
        age = queue_oldest_wait_seconds()
    except DatabaseError:
        age = None
    return Check({"queue_age_seconds": age})


CHECKS.append(check_queue)


@never_cache
def health(request):
    healthy, body = health_report()
    return JsonResponse(body, status=200 if healthy else 503)
