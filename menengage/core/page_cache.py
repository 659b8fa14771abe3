"""Pages kept for visitors who are not signed in: each server keeps the page it drew for an
address and language, and gives it to the next anonymous visitor until anything public changes.

What is kept is what every anonymous visitor would be given alike: a GET answered 200 to a
request with no session, no messages and no credentials, that sets no cookie, writes nothing to
a session, does not vary on cookies (but for the session's "is anyone signed in?") and is not
private: so never a form with a CSRF token, a confidential page or a signed-in person's page.
It is kept under the `public-content` version, which every save or delete of the platform's
content replaces (see `follow_public_content`), and for at most PUBLIC_PAGE_CACHE_SECONDS,
because some pages change with the clock alone (an event stops coming once it ends). The
page's CSP nonce is written afresh into each copy given out.

The first visitor after a change pays for the drawing; `bench/inprocess.py` measures that cost
with the cache off (PUBLIC_PAGE_CACHE_SECONDS=0).
"""

import functools
import re

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import has_vary_header, patch_vary_headers
from django.utils.translation import get_language

from . import versions

VERSION = versions.PUBLIC_CONTENT

# Written by visits, sign-ins, the task queue and the admin's own bookkeeping, never shown on a
# public page (or shown only with the write that also changed a followed row).
NOT_CONTENT = {
    "sessions.Session",
    "core.AuditEvent",
    "core.AttemptCount",
    "core.OutgoingMail",
    "django_tasks_database.DBTaskResult",
    "accounts.TwoFactorDevice",
    "accounts.RecoveryCode",
    "admin.LogEntry",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.PageSubscription",
    "wagtailimages.Rendition",  # drawn on a page's first view
    "wagtailusers.UserProfile",
}

# Stands for the nonce in a kept page; no page's text contains it.
_NONCE_MARK = b"\x00csp-nonce\x00"
_PRIVATE = {"private", "no-store", "no-cache"}
_COMMA = re.compile(r"\s*,\s*")

# A page is 10-60 KB: at most some 30 MB per process, whatever addresses a crawler invents.
_pages = versions.Kept(size=500, seconds=max(settings.PUBLIC_PAGE_CACHE_SECONDS, 1))


def follow_public_content():
    """Replace the version on every write to every model but those in NOT_CONTENT."""
    versions.follow(
        VERSION,
        *(
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.label not in NOT_CONTENT
        ),
    )


class PublicPageCacheMiddleware:
    """Give an anonymous visitor the page kept for the address, or keep the one drawn now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request) if settings.PUBLIC_PAGE_CACHE_SECONDS else None
        if key is None:
            return self.get_response(request)
        kept = _pages.peek(key)
        if kept is not None:
            return _given_out(request, kept)
        response = self.get_response(request)
        if _same_for_everyone(request, response):
            _pages.put(key, _kept(request, response))
        return response


def not_kept(view):
    """A view whose pages are drawn for every visitor, never kept (the bench's floor and peer)."""

    @functools.wraps(view)
    def drawn_each_time(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.kept_for_everyone = False
        return response

    return drawn_each_time


def _key(request):
    """What the page depends on, or None when it is not the same for every anonymous visitor."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        version = versions.current(VERSION)
    except DatabaseError:
        return None  # the shared cache is out of reach: the page is drawn, as it would be
    return (
        version,
        get_language(),  # from the address, or from Accept-Language where it has no prefix
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )


def _same_for_everyone(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not getattr(response, "kept_for_everyone", True):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False  # the page wrote to a session or read one with something in it
    control = {
        part.split("=")[0].lower() for part in _COMMA.split(response.get("Cache-Control", ""))
    }
    return not (control & _PRIVATE) and not has_vary_header(response, "Cookie")


def _kept(request, response):
    content = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # the page used it: each copy gets the nonce of its own response
        content = content.replace(str(nonce).encode(), _NONCE_MARK)
    return tuple(item for item in response.items() if item[0] != "Content-Length"), content


def _given_out(request, kept):
    headers, content = kept
    if _NONCE_MARK in content:
        content = content.replace(_NONCE_MARK, str(request._csp_nonce).encode())
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    response["Content-Length"] = len(content)
    # As the session middleware says of the page drawn (it asked whether anyone signed in).
    patch_vary_headers(response, ("Cookie",))
    return response
