"""Keys for concerns: content encrypted with keys kept outside the database, and keyed hashes.

Fernet keys come from `CONCERNS_KEYS` (comma-separated, the first encrypts, all decrypt) or
from `CONCERNS_KEY_FILE` (one a line). A development key is derived from `SECRET_KEY` only with
`DEBUG` or while `SECRET_KEY` is still the development default; a production site without a
key refuses to take or show concerns rather than store them readable.

Receipts are found by an HMAC keyed with `CONCERNS_RECEIPT_KEY` (comma-separated, the first
current), not with `SECRET_KEY`: only the receipt's argon2 hash is stored, so its lookup cannot
be recomputed without the receipt, and tying it to `SECRET_KEY` lost every receipt when that was
rotated. A receipt found under an older key is moved to the current one when it is used.
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


def receipt_keys():
    """The keys for receipt lookups, current first. Without CONCERNS_RECEIPT_KEY a development
    site uses SECRET_KEY, which gives the same lookups the platform made before the setting."""
    if settings.CONCERNS_RECEIPT_KEY:
        return tuple(settings.CONCERNS_RECEIPT_KEY)
    if keyring.is_development():
        return (settings.SECRET_KEY,)
    raise ConcernKeyMissing(
        "Concern receipts need a key: set CONCERNS_RECEIPT_KEY (see .env.example). Without one "
        "the concerns area stays closed."
    )


def check_keys():
    """Raise ConcernKeyMissing (or ImproperlyConfigured) unless concerns can be taken and found."""
    configured_keys()
    receipt_keys()


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


def keyed_hash(purpose: str, value: str, *, secret: str) -> str:
    """HMAC-SHA256 of `value` with a key derived from `secret` for one `purpose`: a stable
    lookup that reveals nothing without the secret."""
    key = hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
