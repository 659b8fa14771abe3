import re
import time

import pyotp
import pytest

from menengage.accounts import twofactor
from menengage.accounts.models import RecoveryCode, TwoFactorDevice
from menengage.conftest import PASSWORD

SIGN_IN = "/en/accounts/sign-in/"
TWO_FACTOR = "/en/accounts/two-factor/"


def password_step(client, user, next_url=""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def code_at(secret, offset_steps=0):
    return pyotp.TOTP(secret).at(time.time() + 30 * offset_steps)


@pytest.mark.django_db
def test_people_without_a_sensitive_role_sign_in_with_the_password_alone(client, outsider):
    response = password_step(client, outsider)
    assert response["Location"] == "/en/me/"
    assert client.session["_auth_user_id"] == str(outsider.pk)


@pytest.mark.django_db
def test_a_coordinator_enrols_before_the_sign_in_completes(client, coordinator):
    response = password_step(client, coordinator, next_url="/en/membership/review/")
    assert response["Location"] == TWO_FACTOR
    assert "_auth_user_id" not in client.session
    page = client.get(TWO_FACTOR)
    assert page.context["enrolling"]
    assert page.context["qr"].startswith("data:image/svg+xml")
    secret = page.context["secret"]
    assert secret in page.content.decode()

    wrong = client.post(TWO_FACTOR, {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session

    done = client.post(TWO_FACTOR, {"code": code_at(secret)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert twofactor.session_is_fresh(client.session)
    assert "/en/membership/review/" in done.content.decode()
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not any(code in stored for code in codes)


@pytest.fixture
def enrolled(staff):
    secret = pyotp.random_base32()
    twofactor.device_enrol_fixed(user=staff, secret=secret)
    codes = twofactor.recovery_codes_generate(user=staff)
    return staff, secret, codes


@pytest.mark.django_db
def test_an_enrolled_person_enters_a_code_and_cannot_replay_it(client, enrolled):
    staff, secret, _codes = enrolled
    password_step(client, staff)
    assert not client.get(TWO_FACTOR).context["enrolling"]
    code = code_at(secret)
    assert client.post(TWO_FACTOR, {"code": code})["Location"] == "/en/me/"
    assert client.session["_auth_user_id"] == str(staff.pk)

    other = client.__class__()
    password_step(other, staff)
    replay = other.post(TWO_FACTOR, {"code": code})
    assert replay.status_code == 200
    assert "already been used" in replay.content.decode()
    assert "_auth_user_id" not in other.session


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, enrolled):
    staff, _secret, codes = enrolled
    password_step(client, staff)
    assert client.post(TWO_FACTOR, {"code": codes[0].upper()}).status_code == 302
    assert twofactor.recovery_codes_left(staff) == 9

    again = client.__class__()
    password_step(again, staff)
    response = again.post(TWO_FACTOR, {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in again.session


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client, enrolled, settings):
    settings.LOGIN_ATTEMPTS = 3
    staff, secret, _codes = enrolled
    password_step(client, staff)
    for _ in range(3):
        client.post(TWO_FACTOR, {"code": "123456"})
    response = client.post(TWO_FACTOR, {"code": code_at(secret)})
    assert "Too many wrong codes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_second_step_needs_the_first(client):
    assert client.get(TWO_FACTOR)["Location"] == SIGN_IN


@pytest.mark.django_db
def test_a_signed_in_person_verifies_again_for_sensitive_pages(client, enrolled, settings):
    staff, secret, _codes = enrolled
    client.force_login(staff)
    session = client.session
    session[twofactor.SEEN_KEY] -= settings.TWO_FACTOR_IDLE_MINUTES * 60 + 5
    session.save()
    assert not twofactor.session_is_fresh(client.session)
    response = client.post(f"{TWO_FACTOR}?next=/en/concerns/cases/", {"code": code_at(secret)})
    assert response["Location"] == "/en/concerns/cases/"
    assert twofactor.session_is_fresh(client.session)


@pytest.mark.django_db
def test_the_next_address_must_stay_on_this_site(client, enrolled):
    staff, secret, _codes = enrolled
    client.force_login(staff)
    response = client.post(f"{TWO_FACTOR}?next=https://evil.example/", {"code": code_at(secret)})
    assert response["Location"] == "/en/me/"


@pytest.mark.django_db
def test_the_enrolment_page_has_nothing_inline(client, coordinator):
    password_step(client, coordinator)
    page = client.get(TWO_FACTOR).content.decode()
    assert "<script" not in page and "style=" not in page
    assert re.search(r'<img src="data:image/svg\+xml', page)
    assert TwoFactorDevice.objects.filter(user=coordinator, confirmed_at__isnull=True).exists()
