"""Versions of what processes keep: a token per name in the cache every server shares, replaced
whenever a write changes what the name covers.

A process keeps derived rows or drawn HTML in its own cache (the `fragments` cache) under the
current token; after a write the token is new, so no server reads what it kept before. One read
of the shared cache gives every token a page needs, against the queries and drawing it saves.

    versions.follow("library-index", Resource, Resource.themes.through)   # in AppConfig.ready
    key = ("library-pool", versions.current("library-index"), words)      # when reading
"""

import uuid

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_PREFIX = "version:"


def current(*names):
    """The current token of `names` together (one string), in one read of the shared cache."""
    shared = caches["default"]
    keys = [_PREFIX + name for name in names]
    found = shared.get_many(keys)
    for key in keys:
        if key not in found:
            # The first read since the cache was emptied; another server may add it first.
            shared.add(key, uuid.uuid4().hex, None)
            found[key] = shared.get(key) or ""
    return ":".join(found[key] for key in keys)


def replace(name):
    """Give `name` a new token: at once, for this process, and again once the write commits,
    so that nothing a server read before the commit stays under the token it will use."""

    def new_token():
        caches["default"].set(_PREFIX + name, uuid.uuid4().hex, None)

    new_token()
    transaction.on_commit(new_token)


def follow(name, *senders):
    """Replace `name` on every save or delete of the models `senders`, and on every change to
    those of them that are many-to-many link tables."""

    def changed(**_signal):
        replace(name)

    for sender in senders:
        uid = f"versions:{name}:{sender._meta.label}"
        if sender._meta.auto_created:
            m2m_changed.connect(changed, sender=sender, weak=False, dispatch_uid=uid)
        else:
            post_save.connect(changed, sender=sender, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=sender, weak=False, dispatch_uid=uid)
