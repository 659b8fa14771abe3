"""Kept only while library and transparency still have `*_en/_es/...` columns: they move to
`menengage.core.translation` (the one place for languages and translated content), and then
this module goes. New code imports from `menengage.core.translation`."""

from .translation import active_language, site_languages

__all__ = [  # noqa: F822 (SITE_LANGUAGES comes from __getattr__)
    "SITE_LANGUAGES",
    "active_language",
    "has_active_language",
    "in_active_language",
]


def __getattr__(name):
    # Read from settings each time, so `override_settings(LANGUAGES=...)` is seen.
    if name == "SITE_LANGUAGES":
        return site_languages()
    raise AttributeError(name)


def in_active_language(instance, field):
    """`instance.<field>_<language>` for the active language, falling back to the default."""
    from django.conf import settings

    return getattr(instance, f"{field}_{active_language()}", "") or getattr(
        instance, f"{field}_{settings.LANGUAGE_CODE}", ""
    )


def has_active_language(instance, field):
    """Is `field` filled in the active language (rather than falling back)?"""
    return bool(getattr(instance, f"{field}_{active_language()}", ""))
