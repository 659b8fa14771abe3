"""Reads from a PostgreSQL read replica, writes to the primary: set DATABASE_REPLICA_URL.

A replica lags its primary by a moment, so some reads must still go to the primary:
- inside a transaction (every service runs in one; its reads decide what it writes);
- for the rest of a request or task once it has written, so a page shown after a change shows
  the change (the thread's mark is cleared by `ReplicaRouter.request_started` at each request).

Only the primary is migrated; the replica follows it by replication, not by Django.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_state = threading.local()


class ReplicaRouter:
    """Send reads to the replica unless the primary is needed for consistency."""

    def db_for_read(self, model, **hints):
        if getattr(_state, "wrote", False) or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        _state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS

    @staticmethod
    def request_started(**kwargs):
        _state.wrote = False
