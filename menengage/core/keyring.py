"""Fernet keys kept outside the database, for everything stored encrypted (concerns, two-factor
secrets): a list of keys, the first encrypting and all decrypting, so keys can be rotated.

Without configured keys a development key is derived from `SECRET_KEY`, only with `DEBUG` or
while `SECRET_KEY` is still the development default; a production site without one refuses
rather than store secrets readable.
"""

import base64
import hashlib
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DEVELOPMENT_SECRET_PREFIX = "insecure-"  # noqa: S105 - the default SECRET_KEY starts so


class KeyMissing(ImproperlyConfigured):
    """No encryption key is configured for a purpose on a production site."""


def is_development():
    return settings.DEBUG or settings.SECRET_KEY.startswith(DEVELOPMENT_SECRET_PREFIX)


def development_key(purpose, secret_key):
    """The key derived from `secret_key` for `purpose`, outside production only."""
    seed = f"menengage-{purpose}-development:".encode() + secret_key.encode()
    return base64.urlsafe_b64encode(hashlib.sha256(seed).digest()).decode()


def keys_or_development(keys, *, purpose, setting):
    """`keys` (current first), or the development key; KeyMissing in production without any."""
    if keys:
        return tuple(keys)
    if is_development():
        return (development_key(purpose, settings.SECRET_KEY),)
    raise KeyMissing(f"Set {setting} (see .env.example): {purpose} are stored encrypted.")


@lru_cache(maxsize=8)
def _multifernet(keys, purpose):
    if keys == (development_key(purpose, settings.SECRET_KEY),):
        logger.warning("%s are encrypted with a development key derived from SECRET_KEY.", purpose)
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as bad:
        raise ImproperlyConfigured(f"A key for {purpose} is not a valid Fernet key: {bad}") from bad


def fernet(keys, *, purpose, setting):
    """The MultiFernet for `purpose` from `keys` (the value of the setting named `setting`)."""
    return _multifernet(keys_or_development(keys, purpose=purpose, setting=setting), purpose)
