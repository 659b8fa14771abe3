"""Keys for concerns: content encrypted with keys kept outside the database, and keyed hashes.

Fernet keys come from `CONCERNS_KEYS` (comma-separated, the first encrypts, all decrypt) or
from `CONCERNS_KEY_FILE` (one a line). A development key is derived from `SECRET_KEY` only with
`DEBUG` or while `SECRET_KEY` is still the development default; a production site without a
key refuses to take or show concerns rather than store them readable.
"""

import hashlib
import hmac
import json
from pathlib import Path

from django.conf import settings

from menengage.core import keyring


class ConcernKeyMissing(keyring.KeyMissing):
    """No encryption key is configured for concerns on a production site."""


def configured_keys():
    """The Fernet keys, current first; a derived development key only outside production."""
    keys = list(settings.CONCERNS_KEYS)
    if not keys and settings.CONCERNS_KEY_FILE:
        text = Path(settings.CONCERNS_KEY_FILE).read_text()
        keys = [line.strip() for line in text.splitlines() if line.strip()]
    try:
        return keyring.keys_or_development(
            keys, purpose="concerns", setting="CONCERNS_KEYS or CONCERNS_KEY_FILE"
        )
    except keyring.KeyMissing as missing:
        raise ConcernKeyMissing(
            f"{missing} Without one the concerns area stays closed."
        ) from missing


def fernet():
    return keyring.fernet(configured_keys(), purpose="concerns", setting="CONCERNS_KEYS")


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token) -> bytes:
    return fernet().decrypt(bytes(token))


def encrypt_json(data) -> bytes:
    return encrypt_bytes(json.dumps(data, ensure_ascii=False).encode())


def decrypt_json(token):
    if not token:
        return {}
    return json.loads(decrypt_bytes(token))


def encrypt_text(text: str) -> bytes:
    return encrypt_bytes(text.encode()) if text else b""


def decrypt_text(token) -> str:
    return decrypt_bytes(token).decode() if token else ""


def rotate(token) -> bytes:
    """Re-encrypt `token` with the current key (it may have been made with an older one)."""
    return fernet().rotate(bytes(token))


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` with a key derived from SECRET_KEY for one `purpose`: a stable
    lookup or throttle key that reveals nothing without the server's secret."""
    key = hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
