"""New representatives choose their first password from a one-time link in their language."""

import datetime
import re
import uuid

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.models import Country
from menengage.members import services
from menengage.members.models import FrameworkDocument

NEW_PASSWORD = "a-first-long-password-42"


@pytest.fixture
def framework(db):
    for kind in ("core-principles", "code-of-conduct"):
        FrameworkDocument.objects.create(
            kind=kind, version="1.0", in_force_from="2020-01-01", text={"en": f"The {kind}."}
        )


def _approved(coordinator, capture, email="amina@example.org"):
    application = services.application_submit(
        actor=None,
        submission_key=uuid.uuid4(),
        as_individual=False,
        country=Country.objects.get(code="KE"),
        applicant_name="Amina Applicant",
        applicant_email=email,
        language="es",
        activities="Groups with fathers.",
        organisation={"name": "Invented Fathers Forum", "kind": "ngo"},
    )
    application = services.application_confirm_email(application=application)
    with capture(execute=True):
        services.application_approve(application=application, actor=coordinator)
    return mail.outbox[-1]


def _link(message, language):
    found = re.search(rf"https?://[^/]+(/{language}/accounts/password/set/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def _choose_password(client, link):
    form = client.get(link, follow=True)
    assert form.context["validlink"], "the link was refused"
    return client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )


@pytest.mark.django_db
def test_the_link_works_once(client, framework, coordinator, django_capture_on_commit_callbacks):
    link = _link(_approved(coordinator, django_capture_on_commit_callbacks), "es")
    assert _choose_password(client, link).status_code == 302
    again = client.__class__().get(link, follow=True)
    assert not again.context["validlink"]


@pytest.mark.django_db
def test_the_link_expires(
    client, framework, coordinator, django_capture_on_commit_callbacks, monkeypatch, settings
):
    link = _link(_approved(coordinator, django_capture_on_commit_callbacks), "es")
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    assert not client.get(link, follow=True).context["validlink"]


@pytest.mark.django_db
def test_an_approved_applicant_chooses_a_password_in_their_language_and_signs_in(
    client, framework, coordinator, django_capture_on_commit_callbacks
):
    message = _approved(coordinator, django_capture_on_commit_callbacks)
    person = User.objects.get(email="amina@example.org")
    assert not person.has_usable_password()
    assert "Forgotten your password?' on the sign-in page to choose" not in message.body
    link = _link(message, "es")
    page = client.get(link, follow=True)
    assert '<html lang="es">' in page.content.decode()
    _choose_password(client, link)
    assert client.login(username="amina@example.org", password=NEW_PASSWORD)


@pytest.mark.django_db
def test_an_applicant_who_already_has_a_password_is_told_to_sign_in(
    framework, coordinator, outsider, django_capture_on_commit_callbacks
):
    message = _approved(coordinator, django_capture_on_commit_callbacks, email=outsider.email)
    assert "/accounts/password/set/" not in message.body
    assert "/es/accounts/sign-in/" in message.body


@pytest.mark.django_db
def test_an_invited_colleague_chooses_a_password_from_the_invitation(
    client, staff, kenya, django_capture_on_commit_callbacks
):
    organisation = services.organisation_register(
        actor=staff,
        name="Represented Org",
        slug="represented-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    rep = User.objects.create_user("rep@example.org", "x-long-password-1", language="fr")
    role_assign(user=rep, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_invite(
            organisation=organisation, actor=rep, email="colleague@example.org", name="Col"
        )
    link = _link(mail.outbox[-1], "fr")
    assert _choose_password(client, link).status_code == 302
    assert client.login(username="colleague@example.org", password=NEW_PASSWORD)
