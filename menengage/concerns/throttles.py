"""Limits against abuse, kept in the shared cache under keyed hashes of the client's address.

The address itself is never stored: the cache holds only an HMAC of it, which expires, and the
concern rows never refer to it.
"""

from django.core.cache import cache

from .crypto import keyed_hash

SUBMISSIONS_PER_HOUR = 5
RECEIPT_FAILURES_PER_CLIENT = 5
RECEIPT_FAILURES_GLOBAL = 100
RECEIPT_WINDOW_SECONDS = 15 * 60


def client_key(request):
    """An HMAC of the client's address: enough to count its attempts, useless to identify it."""
    return keyed_hash("concerns.client", request.META.get("REMOTE_ADDR", ""))


def _count(key):
    return cache.get(key, 0)


def _bump(key, seconds):
    if cache.add(key, 1, seconds):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds)


def submission_allowed(client):
    return _count(f"concerns-submit:{client}") < SUBMISSIONS_PER_HOUR


def submission_counted(client):
    _bump(f"concerns-submit:{client}", 3600)


def receipt_locked(client):
    return (
        _count(f"concerns-receipt:{client}") >= RECEIPT_FAILURES_PER_CLIENT
        or _count("concerns-receipt:all") >= RECEIPT_FAILURES_GLOBAL
    )


def receipt_failed(client):
    _bump(f"concerns-receipt:{client}", RECEIPT_WINDOW_SECONDS)
    _bump("concerns-receipt:all", RECEIPT_WINDOW_SECONDS)
