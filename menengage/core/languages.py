"""The site's languages, and fields kept once per language (`name_en`, `name_es`, ...)."""

from django.conf import settings
from django.utils.translation import get_language

SITE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def active_language():
    """The active site language, or the default one outside a request in a site language."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in SITE_LANGUAGES else settings.LANGUAGE_CODE


def in_active_language(instance, field):
    """`instance.<field>_<language>` for the active language, falling back to English."""
    return getattr(instance, f"{field}_{active_language()}", "") or getattr(
        instance, f"{field}_{settings.LANGUAGE_CODE}"
    )


def has_active_language(instance, field):
    """Is `field` filled in the active language (rather than falling back)?"""
    return bool(getattr(instance, f"{field}_{active_language()}", ""))
