"""Records' addresses, reversed once per process and language.

A page lists up to a few hundred records, each linked by `get_absolute_url()`, and Django's
`reverse()` matches the view's patterns and quotes the result again each time (20 µs: 3 ms for a
working group's 141 members). An address depends only on the view, its arguments, the language
(the `/en/` prefix), the script prefix and the URL configuration, so the answer for that
combination is kept: a record with a new slug simply gets a new entry. Every model's
`get_absolute_url()` goes through `address()`.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

ADDRESSES_KEPT = 50_000


@functools.lru_cache(maxsize=ADDRESSES_KEPT)
def _reversed(viewname, arguments, _language, _prefix, urlconf):
    # The language and the prefix are read by reverse() itself; they are in the key so that
    # each combination is kept apart.
    return reverse(viewname, kwargs=dict(arguments), urlconf=urlconf)


def address(viewname, **kwargs):
    """`reverse(viewname, kwargs=kwargs)`, remembered (see the module's docstring)."""
    arguments = tuple(sorted(kwargs.items()))
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(viewname, arguments, get_language(), get_script_prefix(), urlconf)
