"""Every address of the project, walked as a staff member signed in by the password alone.

The resolver is walked, not a hand-kept list, so a new page, API route or admin view is covered
the day it is added. Path parameters are filled with sample values until the address resolves to
the same view. Such a session must get exactly what an anonymous visitor gets, GET and POST
(API writes included), and every address a fully signed-in staff member can open but a visitor
cannot must refuse it.
"""

import datetime
import itertools

import pyotp
import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize

from menengage.accounts import twofactor
from menengage.conftest import PASSWORD
from menengage.transparency.models import FinancialYear

SAMPLES = ["2031", "1", "kenya", "00000000-0000-0000-0000-000000000000", "x", "about/"]
# Addresses left out, and why.
SKIPPED = {
    # Signing out ends the session under test; it is tested on its own (test_one_sign_in).
    "en/accounts/sign-out/",
    "admin/logout/",
    "django-admin/logout/",
}
# Where such a session is meant to differ from a visitor's: the way on to the second factor.
SECOND_FACTOR_STEP = {"/en/accounts/sign-in/", "/en/accounts/two-factor/"}


def _addresses():
    """(address, view) for every URL pattern, its parameters filled with sample values."""

    def walk(patterns, prefix=""):
        for entry in patterns:
            regex = entry.pattern.regex.pattern.removeprefix("^")
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + regex)
            else:
                yield prefix + regex, entry

    found, unfilled = {}, []
    for regex, entry in walk(get_resolver().url_patterns):
        resolving = []
        for template, params in normalize(regex):
            for values in itertools.product(SAMPLES, repeat=len(params)):
                address = "/" + template % dict(zip(params, values, strict=True))
                try:
                    resolving.append((resolve(address).func is not entry.callback, address))
                except Resolver404:
                    continue
        if resolving:
            # Its own view where the samples reach it; else the one that shadows it (the admins'
            # sign-in pages, replaced by a redirect to the site's).
            found[sorted(resolving, key=lambda item: item[0])[0][1]] = entry
        else:
            unfilled.append(regex)
    return list(found), unfilled


def _answer(response):
    return response.status_code, response.get("Location", "")


def _refused(response):
    status, location = _answer(response)
    return status in (401, 403, 404, 405) or (
        status == 302
        and location.startswith(("/en/accounts/sign-in/", "/admin/login/", "/django-admin/login/"))
    )


@pytest.mark.slow(50)
@pytest.mark.django_db
def test_a_password_only_staff_session_is_refused_wherever_a_visitor_is(client, staff):
    FinancialYear.objects.create(
        year=2031, starts_on=datetime.date(2031, 1, 1), ends_on=datetime.date(2031, 12, 31)
    )
    twofactor.device_enrol_fixed(user=staff, secret=pyotp.random_base32())
    visitor, password_only, verified = client, client.__class__(), client.__class__()
    assert password_only.login(username=staff.email, password=PASSWORD)
    verified.force_login(staff)
    for browser in (visitor, password_only, verified):
        browser.raise_request_exception = False

    addresses, unfilled = _addresses()
    assert unfilled == [], "patterns the sample values cannot fill: give them values"
    assert {"/admin/", "/django-admin/", "/api/v1/transparency/years/2031"} <= set(addresses), (
        addresses
    )

    differs, not_refused, private = [], [], []
    for address in addresses:
        if address.lstrip("/") in SKIPPED or address in SECOND_FACTOR_STEP:
            continue
        answers = {}
        for method in ("get", "post"):
            as_visitor = getattr(visitor, method)(address)
            as_password_only = getattr(password_only, method)(address)
            if _answer(as_password_only) != _answer(as_visitor):
                differs.append((method, address, _answer(as_visitor), _answer(as_password_only)))
            answers[method] = (as_visitor, as_password_only)
        as_visitor, as_password_only = answers["get"]
        # A page the visitor opens is not private: it is not asked for a third time.
        if as_visitor.status_code != 200 and verified.get(address).status_code == 200:
            private.append(address)
            if not _refused(as_password_only):
                not_refused.append(address)

    assert differs == []
    assert password_only.get("/en/accounts/sign-in/")["Location"].startswith(
        "/en/accounts/two-factor/"
    )
    assert password_only.get("/en/accounts/two-factor/").context["form"]
    assert not_refused == []
    # The walk reached the private side of the site: both admins, the API, the review queue.
    assert {"/admin/", "/django-admin/", "/en/membership/review/"} <= set(private)
    assert "/api/v1/transparency/years/2031" in private
    assert len(private) > 50
