"""`/health`: is the database reachable and fully migrated, and how long has the oldest task
waited for a worker?"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_state():
    """Return (reachable, pending migration count)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False, None
    return True, len(plan)


def queue_age():
    """Seconds the oldest waiting task has waited (None: the queue lives elsewhere)."""
    from .queue import queue_oldest_wait_seconds

    return queue_oldest_wait_seconds()


@never_cache
def health(request):
    reachable, pending = database_state()
    healthy = reachable and pending == 0
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if reachable else "unreachable",
        "migrations": "unknown" if pending is None else ("ok" if pending == 0 else "pending"),
        "pending_migrations": pending,
        "queue_age_seconds": queue_age() if healthy else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)
