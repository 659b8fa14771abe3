"""Escalation of stale applications, new framework versions, and the coordinators' member list."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent, Country
from menengage.members import services
from menengage.members.models import Application, FrameworkDocument
from menengage.members.selectors import application_queue_for
from menengage.networks.models import Network


@pytest.fixture
def regional_coordinator(db, staff):
    person = User.objects.create_user("region@example.org", "long-password-123", name="Region")
    role_assign(
        user=person,
        role=RoleAssignment.Role.COORDINATOR,
        scope=Network.objects.get(slug="africa"),
        actor=staff,
    )
    return person


def confirmed_application(name="Stale Org"):
    application = services.application_submit(
        actor=None,
        submission_key=uuid.uuid4(),
        as_individual=False,
        country=Country.objects.get(code="KE"),
        applicant_name="A",
        applicant_email="a@example.org",
        language="en",
        activities="x",
        organisation={"name": name, "kind": "ngo"},
    )
    return services.application_confirm_email(application=application)


@pytest.mark.django_db
def test_an_application_untouched_for_a_week_is_escalated_once_to_the_region(
    coordinator, regional_coordinator, django_capture_on_commit_callbacks
):
    application = confirmed_application()
    assert list(application_queue_for(actor=regional_coordinator)) == []
    week_later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.applications_escalate(now=week_later) == 1
    assert [message.to for message in mail.outbox] == [[regional_coordinator.email]]
    assert list(application_queue_for(actor=regional_coordinator)) == [application]
    assert services.applications_escalate(now=week_later) == 0
    assert AuditEvent.objects.filter(verb="membership.escalate").count() == 1


@pytest.mark.django_db
def test_a_recent_application_is_not_escalated(coordinator):
    confirmed_application()
    call_command("applications_escalate")
    assert not Application.objects.filter(escalated_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_new_version_asks_every_active_member_to_endorse_again(
    staff, kenya, django_capture_on_commit_callbacks
):
    services.framework_document_publish(
        actor=staff,
        kind="core-principles",
        version="1",
        in_force_from=datetime.date(2020, 1, 1),
        text={"en": "v1"},
    )
    organisation = services.organisation_register(
        actor=staff,
        name="Rep Org",
        slug="rep-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    representative = User.objects.create_user("rep@example.org", None, language="fr")
    role_assign(
        user=representative,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope=organisation,
        actor=staff,
    )
    User.objects.create_user("bystander@example.org", None)
    with django_capture_on_commit_callbacks(execute=True):
        services.framework_document_publish(
            actor=staff,
            kind="core-principles",
            version="2",
            in_force_from=datetime.date(2026, 1, 1),
            text={"en": "v2"},
        )
    assert [message.to for message in mail.outbox] == [["rep@example.org"]]
    assert "/fr/portal/" in mail.outbox[0].body


@pytest.mark.django_db
def test_only_staff_publish_framework_versions(outsider):
    with pytest.raises(NotPermitted):
        services.framework_document_publish(
            actor=outsider,
            kind="core-principles",
            version="1",
            in_force_from=datetime.date(2020, 1, 1),
            text={"en": "v1"},
        )
    assert not FrameworkDocument.objects.exists()


@pytest.mark.django_db
def test_a_published_version_is_frozen_but_translatable_in_the_admin(client, staff):
    client.force_login(staff)
    form = {
        "kind": "code-of-conduct",
        "version": "1.0",
        "in_force_from": "2020-01-01",
        "grace_days": "90",
        "text_en": "Be kind.",
        "text_es": "",
        "text_fr": "",
        "text_pt": "",
        "summary_en": "",
    }
    assert client.post("/django-admin/members/frameworkdocument/add/", form).status_code == 302
    document = FrameworkDocument.objects.get()
    url = f"/django-admin/members/frameworkdocument/{document.pk}/change/"
    client.post(url, {**form, "text_en": "Rewritten.", "text_es": "Sea amable."})
    document.refresh_from_db()
    assert (document.text["en"], document.text["es"]) == ("Be kind.", "Sea amable.")
    assert AuditEvent.objects.filter(verb="framework.translate").count() == 1


@pytest.mark.django_db
def test_coordinators_see_their_members_contacts_and_endorsements(
    client, staff, kenya, coordinator, outsider, django_assert_max_num_queries
):
    FrameworkDocument.objects.create(
        kind="core-principles", version="1", in_force_from="2020-01-01", text={"en": "v1"}
    )
    for number in range(3):
        services.organisation_register(
            actor=staff,
            name=f"Kenyan {number}",
            slug=f"kenyan-{number}",
            kind="ngo",
            country_id="KE",
            public_email=f"k{number}@example.org",
            memberships=[(kenya, "active")],
        )
    services.organisation_register(
        actor=staff,
        name="Brazilian",
        slug="brazilian",
        kind="ngo",
        country_id="BR",
        public_email="br@example.org",
        memberships=[(Network.objects.get(slug="brazil"), "active")],
    )
    assert client.get("/en/membership/members/").status_code == 302
    client.force_login(outsider)
    assert client.get("/en/membership/members/").status_code == 403
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        html = client.get("/en/membership/members/").content.decode()
    assert "k0@example.org" in html and "br@example.org" not in html
    assert "not yet" in html


@pytest.mark.django_db
def test_coordinator_suspends_and_reinstates_a_member_with_reasons(
    client, staff, kenya, coordinator, outsider
):
    from menengage.members.models import Membership

    services.organisation_register(
        actor=staff,
        name="Suspended Org",
        slug="suspended-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    membership = Membership.objects.get()
    url = f"/en/membership/members/{membership.pk}/status/"
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.post(url, {"status": "suspended", "reason": ""})
    assert response.status_code == 200 and Membership.objects.get().status == "active"
    assert (
        client.post(url, {"status": "suspended", "reason": "Pending a concern."}).status_code == 302
    )
    assert Membership.objects.get().status == "suspended"
    assert "Suspended Org" in client.get("/en/membership/members/").content.decode()
    client.post(url, {"status": "active", "reason": "Concern closed."})
    membership.refresh_from_db()
    assert (membership.status, membership.ended_on) == ("active", None)
    verbs = list(
        AuditEvent.objects.filter(target_id=str(membership.pk)).values_list("verb", flat=True)
    )
    assert {"membership.suspended", "membership.active"} <= set(verbs)


@pytest.mark.django_db
def test_a_coordinator_of_brazil_cannot_change_a_kenyan_membership(staff, kenya, outsider):
    from menengage.members.models import Membership

    role_assign(
        user=outsider,
        role=RoleAssignment.Role.COORDINATOR,
        scope=Network.objects.get(slug="brazil"),
        actor=staff,
    )
    services.organisation_register(
        actor=staff,
        name="Kenyan Org",
        slug="kenyan-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    with pytest.raises(NotPermitted):
        services.membership_change_status(
            membership=Membership.objects.get(), actor=outsider, status="removed", reason="x"
        )
    assert Membership.objects.get().status == "active"
