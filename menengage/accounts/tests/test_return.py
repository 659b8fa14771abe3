"""Sign-in returns to the page the person came from, in that page's language."""

import time

import pyotp
import pytest

from menengage.accounts import twofactor
from menengage.conftest import PASSWORD


def _sign_in(client, user, sign_in_page="/en/accounts/sign-in/", **extra):
    return client.post(sign_in_page, {"username": user.email, "password": PASSWORD, **extra})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/en/accounts/sign-in/",
        "/fr/accounts/sign-out/",
        "javascript:alert(1)",
    ],
)
def test_an_unsafe_or_looping_next_goes_to_the_workspace_instead(client, outsider, next_url):
    assert _sign_in(client, outsider, next=next_url)["Location"] == "/en/me/"


@pytest.mark.django_db
def test_sign_in_returns_to_the_page_it_came_from(client, outsider):
    response = _sign_in(client, outsider, next="/fr/members/?country=KE")
    assert response["Location"] == "/fr/members/?country=KE"


@pytest.mark.django_db
def test_without_next_sign_in_lands_on_the_workspace_in_its_own_language(client, outsider):
    assert _sign_in(client, outsider, "/es/accounts/sign-in/")["Location"] == "/es/me/"


@pytest.mark.django_db
def test_the_sign_in_page_speaks_the_language_of_the_page_it_returns_to(client):
    response = client.get("/en/accounts/sign-in/?next=/pt/events/")
    assert response["Location"] == "/pt/accounts/sign-in/?next=%2Fpt%2Fevents%2F"
    page = client.get(response["Location"])
    assert '<html lang="pt">' in page.content.decode()
    assert page.context["next"] == "/pt/events/"


@pytest.mark.django_db
def test_every_page_links_to_sign_in_with_itself_as_next(client):
    page = client.get("/fr/members/").content.decode()
    assert 'href="/fr/accounts/sign-in/?next=/fr/members/"' in page


@pytest.mark.django_db
def test_the_second_factor_keeps_the_page_and_its_language(client, staff):
    twofactor.device_enrol_fixed(user=staff, secret="MENENGAGEDEMOTOTPSECRETFORTRYING")
    response = _sign_in(client, staff, "/fr/accounts/sign-in/", next="/fr/membership/review/")
    assert response["Location"] == "/fr/accounts/two-factor/"
    page = client.get(response["Location"])
    assert '<html lang="fr">' in page.content.decode()
    code = pyotp.TOTP("MENENGAGEDEMOTOTPSECRETFORTRYING").at(time.time())
    done = client.post("/fr/accounts/two-factor/", {"code": code})
    assert done["Location"] == "/fr/membership/review/"
