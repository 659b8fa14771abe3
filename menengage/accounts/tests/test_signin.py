import re

import pytest
from django.core import mail

from menengage.conftest import PASSWORD


@pytest.mark.django_db
def test_sign_in_with_email_and_password(client, outsider):
    response = client.post(
        "/en/accounts/sign-in/", {"username": outsider.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/en/").context["user"] == outsider


@pytest.mark.django_db
def test_wrong_password_is_a_clear_message_in_the_visitors_language(client, outsider):
    response = client.post(
        "/es/accounts/sign-in/", {"username": outsider.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert response.context["form"].errors


@pytest.mark.django_db
def test_repeated_failures_lock_the_address_even_with_the_right_password(
    client, outsider, settings
):
    settings.LOGIN_ATTEMPTS = 3
    for _attempt in range(3):
        client.post("/en/accounts/sign-in/", {"username": outsider.email, "password": "wrong"})
    response = client.post(
        "/en/accounts/sign-in/", {"username": outsider.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_is_a_post(client, outsider):
    client.force_login(outsider)
    assert client.post("/en/accounts/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_lets_the_person_choose_a_new_password(
    client, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": outsider.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/en/accounts/password/reset/[^\s]+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    new = "a-brand-new-long-password-42"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.check_password(new)
    assert outsider.password.startswith("argon2")


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_sign_in_page_names_the_site_not_the_host_and_has_the_favicon(client):
    html = client.get("/en/accounts/sign-in/").content.decode()

    assert "<title>Sign in · MenEngage Alliance</title>" in html
    assert '<a class="brand" href="/en/">MenEngage Alliance</a>' in html
    assert '<meta property="og:site_name" content="MenEngage Alliance">' in html
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg"', html)
    assert client.get("/favicon.ico")["Location"].endswith(".svg")
