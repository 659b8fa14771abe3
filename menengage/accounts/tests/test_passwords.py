"""Asking for a password link: every active account, the same answer, limited."""

import re

import pytest
from django.core import mail

from menengage.accounts.models import User
from menengage.accounts.passwords import RESET_PER_ADDRESS, RESET_PER_CLIENT

RESET = "/en/accounts/password/reset/"
LIMITED = "Too many requests for a password link"


@pytest.fixture
def newcomer(db):
    """A representative added by approval or invitation: no password yet."""
    return User.objects.create_user("newcomer@example.org", None, name="New Comer")


@pytest.mark.django_db
def test_an_account_without_a_password_gets_a_link_and_chooses_one(
    client, newcomer, django_capture_on_commit_callbacks
):
    assert not newcomer.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": "NewComer@example.org"})
    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert [message.to for message in mail.outbox] == [[newcomer.email]]
    link = re.search(r"https?://[^/]+(/en/accounts/password/reset/\S+/)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    new = "a-brand-new-long-password-42"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    newcomer.refresh_from_db()
    assert newcomer.check_password(new)


@pytest.mark.django_db
def test_an_inactive_account_gets_nothing(client, newcomer):
    newcomer.is_active = False
    newcomer.save()
    assert client.post(RESET, {"email": newcomer.email})["Location"].endswith("/reset/sent/")
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
    client, newcomer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(RESET, {"email": newcomer.email})
        unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_one_address_is_limited_known_or_not(client, newcomer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for address in (newcomer.email, "nobody@example.org"):
            for _attempt in range(RESET_PER_ADDRESS):
                assert client.post(RESET, {"email": address}).status_code == 302
            refused = client.post(RESET, {"email": address})
            assert refused.status_code == 200
            assert LIMITED in refused.content.decode()
    assert len(mail.outbox) == RESET_PER_ADDRESS


@pytest.mark.django_db
def test_one_client_is_limited_across_addresses(client):
    for number in range(RESET_PER_CLIENT):
        client.post(RESET, {"email": f"guess{number}@example.org"})
    refused = client.post(RESET, {"email": "one-more@example.org"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["email"]
    other_client = client.__class__(REMOTE_ADDR="192.0.2.9")
    assert other_client.post(RESET, {"email": "one-more@example.org"}).status_code == 302


@pytest.mark.django_db
def test_the_limit_is_told_in_the_visitors_language(client):
    for _attempt in range(RESET_PER_ADDRESS + 1):
        refused = client.post("/es/accounts/password/reset/", {"email": "x@example.org"})
    assert refused.status_code == 200
    assert '<html lang="es">' in refused.content.decode()
    assert refused.context["form"].errors.as_data()["email"][0].code == "limited"
