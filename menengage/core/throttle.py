"""Counting attempts, for every limit against guessing and abuse: sign-ins, two-factor codes,
sign-ons, registrations, applications, concerns.

Each count is one SQL statement (an upsert that adds one and returns the new count), so parallel
requests each see a different count and none slips past a limit, on SQLite and PostgreSQL
alike; a cache's read-then-write let 15 sign-ons through a limit of 10.

Count first, then act: `attempt_count(key, seconds) > LIMIT` refuses the attempt that goes over,
however many arrive at once. A count written inside a transaction that is then rolled back is
lost, so count a failure outside the transaction that the failure rolls back.

When the count cannot be written (a read-only database, say), `attempt_count` logs an error and
returns a count above every limit: the limit fails closed rather than silently stop counting.
"""

import hashlib
import logging
import time

from django.db import DatabaseError, connection, transaction
from django.db.models import F

from .models import AttemptCount

logger = logging.getLogger(__name__)

# What `attempt_count` answers when it cannot count: above any limit.
UNCOUNTABLE = 2**31 - 1

_KEY_LENGTH = AttemptCount._meta.get_field("key").max_length


def _now():
    return int(time.time())


def _stored(key):
    """`key` as stored: long keys (an e-mail address with a prefix) are hashed to fit."""
    if len(key) <= _KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def attempts(key):
    """How many attempts are counted under `key` in its current window."""
    count = (
        AttemptCount.objects.filter(key=_stored(key), window_ends__gt=_now())
        .values_list("count", flat=True)
        .first()
    )
    return count or 0


def _upsert_sql():
    table = connection.ops.quote_name(AttemptCount._meta.db_table)
    key, count, ends = (connection.ops.quote_name(name) for name in ("key", "count", "window_ends"))
    # In SET every expression reads the row as it was, so both CASEs see the old window.
    # Names quoted from the model; every value is passed as a parameter.
    return (
        f"INSERT INTO {table} ({key}, {count}, {ends}) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{count} = CASE WHEN {table}.{ends} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
        f"{ends} = CASE WHEN {table}.{ends} <= %s THEN excluded.{ends} ELSE {table}.{ends} END "
        f"RETURNING {count}"
    )


def attempt_count(key, seconds):
    """Count one attempt under `key`, in a window of `seconds` from the first; the new count."""
    now = _now()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_upsert_sql(), [_stored(key), now + seconds, now, now])
            count = cursor.fetchone()[0]
    except DatabaseError:
        logger.exception("Attempts under %r could not be counted; refusing the attempt.", key)
        return UNCOUNTABLE
    if count == 1:
        _purge(now)
    return count


def _purge(now):
    """When a window opens, clear the windows that have ended, so the table holds only live
    counts. Two purges at once may trip over each other; the next one finishes the job."""
    try:
        with transaction.atomic():
            AttemptCount.objects.filter(window_ends__lte=now).delete()
    except DatabaseError:
        logger.warning("Ended attempt windows could not be cleared this time.", exc_info=True)


def attempt_refund(key):
    """Take back one attempt under `key` (one that turned out to be legitimate)."""
    AttemptCount.objects.filter(key=_stored(key), count__gt=0).update(count=F("count") - 1)


def attempts_clear(key):
    """Forget the attempts under `key` (after a success)."""
    AttemptCount.objects.filter(key=_stored(key)).delete()


def limit_exceeded(key, *, limit, seconds):
    """Count one attempt under `key`; True once the attempts in the window go over `limit`."""
    return attempt_count(key, seconds) > limit
