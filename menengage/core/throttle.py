"""Counting attempts in the shared cache ("default", the database cache: no Redis needed), for
every limit against guessing and abuse: sign-ins, two-factor codes, sign-ons, concerns."""

from django.core.cache import cache


def attempts(key):
    """How many attempts are counted under `key` now."""
    return cache.get(key, 0)


def attempt_count(key, seconds):
    """Count one attempt under `key`, expiring `seconds` after the first; the new count."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the add and the incr
        cache.set(key, 1, seconds)
        return 1
