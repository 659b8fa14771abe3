"""The task queue as the rest of the platform sees it: how long the oldest task has waited.

`/health` reports it, so a monitor notices a worker that stopped (mail piles up silently
otherwise). Only the database queue can be read from here; a broker has its own monitoring.
"""

from django.db.models import Min
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend


def queue_oldest_wait_seconds():
    """Seconds the oldest runnable task has waited, 0 for an empty queue, None when the queue
    is not kept in this database."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task_backends["default"], DatabaseBackend):
        return None
    ready = DBTaskResult.objects.ready()
    # A task waits from when it was queued, or, if it was deferred, from when it became due.
    oldest = [
        ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
        ready.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
    ]
    oldest = [at for at in oldest if at is not None]
    return round((timezone.now() - min(oldest)).total_seconds()) if oldest else 0
