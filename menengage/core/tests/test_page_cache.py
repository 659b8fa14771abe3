"""Pages kept for anonymous visitors (core.page_cache): never a signed-in person's page, a form's
or a confidential one; gone at the next write; one per address and language; the CSP nonce new
in every copy."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client

from menengage.core import page_cache, versions
from menengage.members.models import Organisation
from menengage.members.services import organisation_register

pytestmark = pytest.mark.django_db


GIVEN_OUT = []


@pytest.fixture(autouse=True)
def _kept_pages(settings, monkeypatch):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    page_cache._pages.clear()
    given_out = page_cache._given_out
    monkeypatch.setattr(
        page_cache, "_given_out", lambda *args: GIVEN_OUT.append(1) or given_out(*args)
    )


def drawn(client, path, **headers):
    """The page, and whether it was drawn for this request (not a kept copy)."""
    GIVEN_OUT.clear()
    response = client.get(path, **headers)
    return response, not GIVEN_OUT


@pytest.fixture
def organisation(staff, kenya):
    return organisation_register(
        actor=staff,
        name="Fathers Forward",
        slug="fathers-forward",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )


def test_a_signed_in_persons_page_is_never_kept_nor_given_a_kept_one(
    visitor, coordinator, organisation
):
    path = f"/en/members/{organisation.slug}/"
    visitor.get(path)  # kept for anonymous visitors
    signed_in = Client()
    signed_in.force_login(coordinator)
    response, was_drawn = drawn(signed_in, path)
    assert was_drawn and coordinator.name in response.content.decode()
    # What the coordinator was shown is not what the next anonymous visitor gets.
    response, _ = drawn(Client(), path)
    assert coordinator.name not in response.content.decode()
    assert "Sign in" in response.content.decode()


def test_a_page_with_a_form_is_drawn_for_each_visitor_with_its_own_token(visitor):
    tokens = set()
    for _visit in range(2):
        response, was_drawn = drawn(Client(), "/en/join/")
        assert response.status_code == 200 and was_drawn
        tokens |= set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text))
    assert len(tokens) == 2


def test_a_confidential_page_is_never_kept():
    for _visit in range(2):
        response, was_drawn = drawn(Client(), "/en/concerns/")
        assert "no-store" in response["Cache-Control"] and was_drawn


def test_credentials_a_session_or_a_message_mean_the_page_is_drawn(visitor):
    visitor.get("/en/about/")
    assert not drawn(Client(), "/en/about/")[1]  # kept for the next anonymous visitor
    assert drawn(Client(), "/en/about/", HTTP_AUTHORIZATION="Bearer x")[1]
    with_session = Client()
    with_session.cookies["sessionid"] = "no-such-session"
    assert drawn(with_session, "/en/about/")[1]
    with_message = Client()
    with_message.cookies["messages"] = "x"
    assert drawn(with_message, "/en/about/")[1]


def test_a_write_shows_at_once(visitor, organisation):
    path = f"/en/members/{organisation.slug}/"
    assert organisation.name in visitor.get(path).text
    organisation.name = "Fathers Forward Renamed"
    organisation.save()
    response, was_drawn = drawn(Client(), path)
    assert was_drawn and "Fathers Forward Renamed" in response.text


def test_each_language_and_address_is_kept_apart(visitor):
    english = visitor.get("/en/about/")
    french = Client().get("/fr/about/")
    assert english.text != french.text
    assert Client().get("/fr/about/").text == french.text
    assert Client().get("/en/about/").text == english.text
    assert Client().get("/en/members/?q=fathers").text != Client().get("/en/members/").text


def test_a_kept_page_gets_a_new_nonce_each_time_matching_its_policy(visitor, organisation):
    path = f"/en/members/{organisation.slug}/"
    nonces = []
    for _visit in range(3):
        response = Client().get(path)
        (in_page,) = re.findall(r'nonce="([^"]+)"', response.text)
        assert f"'nonce-{in_page}'" in response["Content-Security-Policy"]
        assert int(response["Content-Length"]) == len(response.content)
        nonces.append(in_page)
    assert len(set(nonces)) == 3


def test_a_failed_or_missing_page_is_not_kept():
    for _visit in range(2):
        assert drawn(Client(), "/en/members/no-such-organisation/")[0].status_code == 404
        assert drawn(Client(), "/en/members/no-such-organisation/")[1]


def test_off_when_the_setting_is_zero(settings, visitor):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    visitor.get("/en/about/")
    assert drawn(Client(), "/en/about/")[1]


def test_bookkeeping_writes_leave_the_kept_pages(visitor, staff):
    from menengage.core.models import AttemptCount

    token = versions.current(page_cache.VERSION)
    AttemptCount.objects.create(key="sign-in:somebody", window_ends=0, count=1)
    assert versions.current(page_cache.VERSION) == token
    Organisation.objects.create(name="Saved", slug="saved", kind="ngo", country_id="KE")
    assert versions.current(page_cache.VERSION) != token


def _response(**headers):
    response = HttpResponse("page")
    for header, value in headers.items():
        response[header.replace("_", "-")] = value
    return response


@pytest.mark.parametrize(
    ("response", "kept"),
    [
        (_response(), True),
        (_response(Cache_Control="max-age=60"), True),
        (_response(Cache_Control="private"), False),
        (_response(Cache_Control="max-age=0, no-store"), False),
        (_response(Cache_Control="No-Cache"), False),
        (_response(Vary="Accept-Language, Cookie"), False),
        (HttpResponse("gone", status=410), False),
        (StreamingHttpResponse(iter([b"page"])), False),
    ],
)
def test_only_a_page_the_same_for_everyone_is_kept(rf, response, kept):
    assert page_cache._same_for_everyone(rf.get("/en/about/"), response) is kept


def test_a_page_that_sets_a_cookie_or_writes_a_session_is_not_kept(rf):
    response = _response()
    response.set_cookie("chosen", "1")
    assert not page_cache._same_for_everyone(rf.get("/en/about/"), response)
    request = rf.get("/en/about/")
    request.session = SessionStore()
    assert page_cache._same_for_everyone(request, _response())  # read, empty: anonymous
    request.session["seen"] = True
    assert not page_cache._same_for_everyone(request, _response())


def test_without_the_shared_cache_the_page_is_drawn(visitor, monkeypatch):
    def out_of_reach(*names):
        raise DatabaseError("the cache table is gone")

    monkeypatch.setattr(page_cache.versions, "current", out_of_reach)
    for _visit in range(2):
        response, was_drawn = drawn(Client(), "/en/about/")
        assert response.status_code == 200 and was_drawn
