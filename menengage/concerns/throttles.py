"""Limits against abuse, counted under keyed hashes of the client's address (`core.clients`).

The address itself is never stored: the counters hold only an HMAC of it, which expires, and the
concern rows never refer to it.

Wrong receipts are counted per client only. A counter shared by all clients let one person lock
every reporter out of the follow-up page, again and again. Guessing stays bounded without it: a
receipt carries 48 bits or more, so even ten thousand addresses at five guesses per quarter hour
(200,000 an hour) would need millions of years, on average, to find one of ten thousand receipts.
"""

from menengage.core.clients import client_key as _core_client_key
from menengage.core.throttle import attempt_count, attempt_refund

SUBMISSIONS_PER_HOUR = 5
RECEIPT_FAILURES_PER_CLIENT = 5
RECEIPT_WINDOW_SECONDS = 15 * 60


def client_key(request):
    """An HMAC of the client's address: enough to count its attempts, useless to identify it."""
    return _core_client_key(request)


def submission_attempt(client):
    """Count one submission from `client` before it is taken; False when over the limit."""
    return attempt_count(f"concerns-submit:{client}", 3600) <= SUBMISSIONS_PER_HOUR


def receipt_attempt(client):
    """Count one receipt tried by `client` before it is checked; False when over the limit."""
    return (
        attempt_count(f"concerns-receipt:{client}", RECEIPT_WINDOW_SECONDS)
        <= RECEIPT_FAILURES_PER_CLIENT
    )


def receipt_succeeded(client):
    """A right receipt does not count against the reporter who typed it."""
    attempt_refund(f"concerns-receipt:{client}")
