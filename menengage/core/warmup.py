"""Work a server process does once before its first visitor instead of during it.

Django builds the table it reverses addresses with once per language, on the first page served
in that language: some 1.5 s at this site's size, paid by the first visitor of each language in
each worker (and by every visitor after a restart). `config.wsgi` calls `warm()` as a worker
loads the site; tests and management commands never do.
"""

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def warm():
    """Build the address tables of every site language."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - reading it builds the table for the language
