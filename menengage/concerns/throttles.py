"""Limits against abuse, kept in the shared cache under keyed hashes of the client's address.

The address itself is never stored: the cache holds only an HMAC of it, which expires, and the
concern rows never refer to it.
"""

from menengage.core.throttle import attempt_count, attempts

from .crypto import keyed_hash

SUBMISSIONS_PER_HOUR = 5
RECEIPT_FAILURES_PER_CLIENT = 5
RECEIPT_FAILURES_GLOBAL = 100
RECEIPT_WINDOW_SECONDS = 15 * 60


def client_key(request):
    """An HMAC of the client's address: enough to count its attempts, useless to identify it."""
    return keyed_hash("concerns.client", request.META.get("REMOTE_ADDR", ""))


def submission_allowed(client):
    return attempts(f"concerns-submit:{client}") < SUBMISSIONS_PER_HOUR


def submission_counted(client):
    attempt_count(f"concerns-submit:{client}", 3600)


def receipt_locked(client):
    return (
        attempts(f"concerns-receipt:{client}") >= RECEIPT_FAILURES_PER_CLIENT
        or attempts("concerns-receipt:all") >= RECEIPT_FAILURES_GLOBAL
    )


def receipt_failed(client):
    attempt_count(f"concerns-receipt:{client}", RECEIPT_WINDOW_SECONDS)
    attempt_count("concerns-receipt:all", RECEIPT_WINDOW_SECONDS)
