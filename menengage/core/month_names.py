"""Month names in the project's own catalogues, so each language writes them its own way.

Django's Portuguese catalogue capitalises them ("20 de Dezembro de 2026"); Portuguese writes
"dezembro". The project's catalogues (LOCALE_PATHS) take precedence over Django's, so the
translations of these messages are the month names every date format prints. Nothing imports
this module: `makemessages` reads it.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
