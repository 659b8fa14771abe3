"""A production site needs its two-factor key before it starts: without one, staff could not
sign in (their secrets are stored encrypted) and existing secrets could not be migrated."""

from django.conf import settings
from django.core.checks import Error

from menengage.core import keyring


def two_factor_keys(app_configs, **kwargs):
    if settings.TWO_FACTOR_KEYS or keyring.is_development():
        return []
    return [
        Error(
            "TWO_FACTOR_KEYS is not set: two-factor secrets are stored encrypted with it.",
            hint="Set TWO_FACTOR_KEYS to a Fernet key (see .env.example).",
            id="accounts.E001",
        )
    ]
