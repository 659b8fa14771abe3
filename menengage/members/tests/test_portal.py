import pytest

from menengage.accounts.models import RoleAssignment
from menengage.accounts.services import role_assign
from menengage.core.models import AuditEvent
from menengage.members.models import Endorsement, FrameworkDocument, Membership
from menengage.members.services import organisation_register


@pytest.fixture
def member_rep(db, staff, kenya, outsider):
    organisation = organisation_register(
        actor=staff,
        name="Represented Org",
        slug="represented-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    from menengage.accounts.models import User

    person = User.objects.create_user("rep@example.org", "x-long-password-1", name="Rep")
    role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
    )
    return person


@pytest.fixture
def new_version(db):
    return FrameworkDocument.objects.create(
        kind="core-principles", version="2", in_force_from="2026-01-01", text={"en": "v2"}
    )


@pytest.mark.django_db
def test_portal_persona_matrix(client, member_rep, outsider):
    assert client.get("/en/portal/").status_code == 302
    client.force_login(outsider)
    assert "does not represent" in client.get("/en/portal/").content.decode()
    assert client.get("/en/portal/represented-org/edit/").status_code == 404
    client.force_login(member_rep)
    assert "Represented Org" in client.get("/en/portal/").content.decode()


@pytest.mark.django_db
def test_representative_endorses_a_new_version_from_the_banner(client, member_rep, new_version):
    client.force_login(member_rep)
    page = client.get("/en/portal/").content.decode()
    assert "A new version of the" in page
    client.post(f"/en/portal/represented-org/endorse/{new_version.pk}/")
    endorsement = Endorsement.objects.get(document=new_version)
    assert endorsement.signatory_name == "Rep"
    assert "A new version of the" not in client.get("/en/portal/").content.decode()


@pytest.mark.django_db
def test_representative_edits_the_profile_and_it_is_audited(client, member_rep):
    client.force_login(member_rep)
    form = {
        "name": "Represented Org",
        "city": "Kisumu",
        "website": "https://rep.example.org",
        "description": "We run groups.",
        "public_email": "",
        "public_phone": "",
    }
    assert client.post("/en/portal/represented-org/edit/", form).status_code == 302
    event = AuditEvent.objects.get(verb="organisation.update")
    assert event.after["city"] == "Kisumu" and event.actor == member_rep


@pytest.mark.django_db
def test_bad_website_is_refused_and_nothing_written(client, member_rep):
    client.force_login(member_rep)
    response = client.post(
        "/es/portal/represented-org/edit/", {"name": "Represented Org", "website": "not a site"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not AuditEvent.objects.filter(verb="organisation.update").exists()


@pytest.mark.django_db
def test_representative_withdraws_with_a_reason(client, member_rep):
    client.force_login(member_rep)
    membership = Membership.objects.get()
    url = f"/en/portal/represented-org/withdraw/{membership.pk}/"
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Membership.objects.get().status == "active"
    assert client.post(url, {"reason": "We are merging."}).status_code == 302
    assert Membership.objects.get().status == "withdrawn"


@pytest.mark.django_db
def test_representative_invites_and_removes_a_colleague(
    client, member_rep, outsider, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(member_rep)
    url = "/en/portal/represented-org/people/"
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(url, {"email": "Colleague@Example.org", "name": "Col"}).status_code == 302
        )
    assert [message.to for message in mail.outbox] == [["colleague@example.org"]]
    from menengage.accounts.models import User

    colleague = User.objects.get(email="colleague@example.org")
    assert "colleague@example.org" in client.get(url).content.decode()
    client.post(f"{url}{colleague.pk}/remove/")
    assert "colleague@example.org" not in client.get(url).content.decode()
    assert AuditEvent.objects.filter(verb="organisation.remove_person").count() == 1
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_last_representative_cannot_be_removed(member_rep):
    from menengage.core.errors import DomainError
    from menengage.members.models import Organisation
    from menengage.members.services import organisation_remove_person

    organisation = Organisation.objects.get(slug="represented-org")
    with pytest.raises(DomainError):
        organisation_remove_person(organisation=organisation, actor=member_rep, person=member_rep)


@pytest.mark.django_db
def test_a_version_no_longer_in_force_cannot_be_endorsed(client, member_rep, new_version):
    old = FrameworkDocument.objects.create(
        kind="core-principles", version="1", in_force_from="2020-01-01", text={"en": "v1"}
    )
    client.force_login(member_rep)
    assert client.post(f"/en/portal/represented-org/endorse/{old.pk}/").status_code == 404
    assert not Endorsement.objects.filter(document=old).exists()


@pytest.mark.django_db
def test_an_outsider_cannot_endorse_for_an_organisation(client, member_rep, outsider, new_version):
    client.force_login(outsider)
    assert client.post(f"/en/portal/represented-org/endorse/{new_version.pk}/").status_code == 404
    assert not Endorsement.objects.exists()
