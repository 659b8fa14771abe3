"""Versions of what processes keep: a token per name in the cache every server shares, replaced
whenever a write changes what the name covers.

A process keeps derived rows or drawn HTML in its own cache (the `fragments` cache) under the
current token; after a write the token is new, so no server reads what it kept before. One read
of the shared cache gives every token a page needs, against the queries and drawing it saves.

    versions.follow("library-index", Resource, Resource.themes.through)   # in AppConfig.ready
    key = ("library-pool", versions.current("library-index"), words)      # when reading
"""

import functools
import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

_PREFIX = "version:"
# Replaced by every write to the platform's content (core.page_cache follows the models): what
# a process keeps of public pages and of the public lists forms offer.
PUBLIC_CONTENT = "public-content"


def current(*names):
    """The current token of `names` together (one string), in one read of the shared cache."""
    shared = caches["default"]
    keys = [_PREFIX + name for name in names]
    found = shared.get_many(keys)
    for key in keys:
        if key not in found:
            # The first read since the cache was emptied; another server may add it first.
            shared.add(key, uuid.uuid4().hex, None)
            # Gone again at once (the shared cache culled it): a token of our own is a miss,
            # never another server's stale one.
            found[key] = shared.get(key) or uuid.uuid4().hex
    connection = transaction.get_connection()
    written = _written_in_this_transaction(connection) if connection.in_atomic_block else {}
    return ":".join(
        f"{found[_PREFIX + name]}+{written[name][0]}" if name in written else found[_PREFIX + name]
        for name in names
    )


def replace(name):
    """Give `name` a new token once the write commits, so that nothing a server read before the
    commit stays under the token it will use; until then, in the writing transaction only, a
    token of its own, so that it does not read back what it kept before its own write.

    Other servers go on reading what was committed under the old token meanwhile, which is
    right for them. So a transaction that saves a thousand rows writes the shared token once.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _new_shared_token(name)  # no transaction: the write is committed already
        return
    written = _written_in_this_transaction(connection)
    if name in written:
        hook = written[name][1]
    else:
        hook = functools.partial(_new_shared_token, name)
        transaction.on_commit(hook)
    written[name] = (uuid.uuid4().hex, hook)


def _new_shared_token(name):
    caches["default"].set(_PREFIX + name, uuid.uuid4().hex, None)


def _written_in_this_transaction(connection):
    """The names replaced in the open transaction: {name: (its token here, its commit hook)}.

    A name counts while its hook waits for the commit. A commit or a rollback empties Django's
    list of hooks, and a savepoint's rollback drops those added after the savepoint, with the
    writes they were for; a name whose hook has gone is read under the shared token again."""
    written = connection.__dict__.setdefault("_versions_written", {})
    if written:
        waiting = {id(hook) for _sids, hook, _robust in connection.run_on_commit}
        for name in [name for name, (_token, hook) in written.items() if id(hook) not in waiting]:
            del written[name]
    return written


def follow(name, *senders):
    """Replace `name` on every save or delete of the models `senders`, and on every change to
    those of them that are many-to-many link tables."""

    def changed(action=None, **_signal):
        # A link table's change is signalled before and after; once, after, is enough.
        if action is None or action.startswith("post_"):
            replace(name)

    for sender in senders:
        uid = f"versions:{name}:{sender._meta.label}"
        if sender._meta.auto_created:
            m2m_changed.connect(changed, sender=sender, weak=False, dispatch_uid=uid)
        else:
            post_save.connect(changed, sender=sender, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=sender, weak=False, dispatch_uid=uid)


class Kept:
    """Values this process keeps, each under a key that holds a version token, for at most
    `seconds` and `size` values (the oldest forgotten first).

    Unlike the `fragments` cache it does not pickle what it keeps: LocMemCache pickles each value
    it stores and unpickles each it gives back, which for a search's thousand ranked candidates
    was most of what keeping them saved. What it gives back is shared, so callers only read it.
    """

    def __init__(self, *, size, seconds):
        self._size, self._seconds = size, seconds
        self._values = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, build):
        """The value kept under `key`, or `build()` kept under it now."""
        value = self.peek(key)
        if value is None:
            value = build()
            self.put(key, value)
        return value

    def peek(self, key):
        """The value kept under `key`, or None."""
        with self._lock:
            kept = self._values.get(key)
            if kept is None or kept[0] <= time.monotonic():
                return None
            self._values.move_to_end(key)
            return kept[1]

    def put(self, key, value):
        """Keep `value` under `key`."""
        with self._lock:
            self._values[key] = (time.monotonic() + self._seconds, value)
            self._values.move_to_end(key)
            while len(self._values) > self._size:
                self._values.popitem(last=False)

    def clear(self):
        with self._lock:
            self._values.clear()
