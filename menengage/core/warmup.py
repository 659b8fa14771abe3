"""Work a server process does once before its first visitor instead of during it.

Django builds the table it reverses addresses with once per language, on the first page served
in that language: some 1.5 s at this site's size, paid by the first visitor of each language in
each worker (and by every visitor after a restart). `config.wsgi` calls `warm()` as a worker
loads the site; tests and management commands never do.

It then sets aside for Python's garbage collector everything loaded so far (`gc.freeze()`): the
code, the settings, the address tables, some 400,000 objects that live as long as the worker. A
full collection walked them all, 250 ms at a time, once every hundred pages or so, whichever
visitor it landed on; now it walks only what the requests since then left behind.
"""

import gc

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def warm():
    """Build the address tables of every site language, then leave what the worker has
    loaded out of garbage collections."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - reading it builds the table for the language
    gc.collect()
    gc.freeze()
