"""One sign-in for the site and both admins, with the second factor enforced for every request."""

import datetime
import time

import pyotp
import pytest

from menengage.accounts import twofactor
from menengage.accounts.models import RoleAssignment
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.transparency.models import FinancialYear

SIGN_IN = "/en/accounts/sign-in/"
TWO_FACTOR = "/en/accounts/two-factor/"
# What a staff password alone opened before: both admins, every member's e-mail address, the
# review queue, and draft finances through the API.
SENSITIVE = [
    "/admin/",
    "/admin/pages/",
    "/django-admin/",
    "/django-admin/accounts/user/",
    "/en/members/export.csv",
    "/en/membership/review/",
    "/en/transparency/2031/",
    "/api/v1/transparency/years/2031",
]


@pytest.fixture
def enrolled_staff(staff):
    secret = pyotp.random_base32()
    twofactor.device_enrol_fixed(user=staff, secret=secret)
    return staff, secret


@pytest.fixture
def draft_year(db):
    return FinancialYear.objects.create(
        year=2031, starts_on=datetime.date(2031, 1, 1), ends_on=datetime.date(2031, 12, 31)
    )


def _code(secret):
    return pyotp.TOTP(secret).at(time.time())


def _refused(response):
    """Sent to sign in (the site's page, or an admin's address that leads there) or refused."""
    if response.status_code in (401, 403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/accounts/sign-in/" in location
        or location.startswith(("/admin/login/", "/django-admin/login/"))
    )


# The attacker: a staff password without the second factor


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_sign_in_pages_no_longer_take_a_password(client, enrolled_staff, login_url):
    staff, _secret = enrolled_staff
    response = client.post(login_url, {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session
    assert _refused(client.get("/admin/")) and _refused(client.get("/django-admin/"))


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_sign_in_pages_ignore_a_locked_out_account_too(
    client, enrolled_staff, login_url, settings
):
    settings.LOGIN_ATTEMPTS = 2
    staff, _secret = enrolled_staff
    for _attempt in range(2):
        client.post(SIGN_IN, {"username": staff.email, "password": "wrong"})
    client.post(login_url, {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "next_url"),
    [
        ("/admin/login/?next=/admin/pages/", "/admin/pages/"),
        ("/admin/login/", "/admin/"),
        ("/django-admin/login/?next=/django-admin/accounts/user/", "/django-admin/accounts/user/"),
        ("/django-admin/login/", "/django-admin/"),
    ],
)
def test_the_admins_sign_in_pages_lead_to_the_site_sign_in_keeping_next(client, address, next_url):
    response = client.get(address)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["next"] == next_url


@pytest.mark.django_db
def test_an_anonymous_visit_to_an_admin_ends_on_the_site_sign_in(client):
    for admin_home in ("/admin/", "/django-admin/"):
        response = client.get(admin_home, follow=True)
        assert response.redirect_chain[-1][0].startswith(SIGN_IN)
        assert response.context["next"] == admin_home


@pytest.mark.django_db
def test_the_wagtail_password_reset_leads_to_the_site_reset(client):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/"


@pytest.mark.django_db
@pytest.mark.parametrize("address", SENSITIVE)
def test_a_password_only_staff_session_reaches_nothing(
    password_only, enrolled_staff, draft_year, address
):
    staff, _secret = enrolled_staff
    client = password_only(staff)
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert _refused(client.get(address))


@pytest.mark.django_db
def test_a_password_only_session_of_a_person_not_yet_enrolled_is_refused_too(password_only, staff):
    client = password_only(staff)
    assert _refused(client.get("/django-admin/"))
    assert client.get(SIGN_IN)["Location"].startswith(TWO_FACTOR)


@pytest.mark.django_db
def test_a_role_gained_since_sign_in_asks_for_the_second_factor(client, outsider, staff, kenya):
    client.post(SIGN_IN, {"username": outsider.email, "password": PASSWORD})
    assert client.get("/en/").context["user"] == outsider
    role_assign(user=outsider, role=RoleAssignment.Role.COORDINATOR, scope=kenya, actor=staff)
    assert not client.get("/en/").context["user"].is_authenticated
    assert _refused(client.get("/en/membership/review/"))


@pytest.mark.django_db
def test_the_sign_in_page_sends_a_password_only_session_to_the_second_factor(
    password_only, enrolled_staff
):
    staff, secret = enrolled_staff
    client = password_only(staff)
    response = client.get(f"{SIGN_IN}?next=/django-admin/")
    assert response["Location"] == f"{TWO_FACTOR}?next=%2Fdjango-admin%2F"
    done = client.post(response["Location"], {"code": _code(secret)})
    assert done["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.django_db
def test_signing_out_of_a_password_only_session_ends_it(password_only, staff):
    client = password_only(staff)
    client.post("/en/accounts/sign-out/")
    assert "_auth_user_id" not in client.session


# The allowed person, with the second factor


@pytest.mark.django_db
@pytest.mark.parametrize("address", SENSITIVE)
def test_staff_signed_in_with_the_second_factor_reach_them(
    client, enrolled_staff, draft_year, address
):
    staff, secret = enrolled_staff
    client.post(SIGN_IN, {"username": staff.email, "password": PASSWORD, "next": address})
    response = client.post(TWO_FACTOR, {"code": _code(secret)})
    assert response["Location"] == address
    assert client.get(address).status_code == 200


@pytest.mark.django_db
def test_people_without_a_role_needing_it_sign_in_with_the_password(password_only, outsider):
    client = password_only(outsider)
    assert client.get("/en/").context["user"] == outsider
    assert client.get("/en/portal/").status_code == 200
