import pytest
from django.core.exceptions import ValidationError

from menengage.core.errors import InvalidTransition
from menengage.core.models import AuditEvent
from menengage.members.models import Membership, Organisation
from menengage.members.selectors import alliance_figures
from menengage.members.services import organisation_register


@pytest.mark.django_db
def test_register_an_organisation_with_its_membership(staff, kenya):
    organisation = organisation_register(
        actor=staff,
        name="Invented Fathers Forum",
        kind="ngo",
        country_id="KE",
        identifier="KE-NCB-12345",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )
    assert organisation.memberships.get().network == kenya
    assert set(AuditEvent.objects.values_list("verb", flat=True)) >= {
        "organisation.register",
        "membership.create",
    }
    assert alliance_figures() == {"organisations": 1, "countries": 1}


@pytest.mark.django_db
def test_bad_identifier_is_refused_and_nothing_written(staff, kenya):
    with pytest.raises(ValidationError):
        organisation_register(
            actor=staff,
            name="Bad Id",
            kind="ngo",
            country_id="KE",
            identifier="12345 bad",
            memberships=[(kenya, Membership.Status.ACTIVE)],
        )
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_membership_status_guards(staff, kenya):
    organisation = organisation_register(
        actor=staff,
        name="Guarded",
        kind="youth",
        country_id="KE",
        memberships=[(kenya, Membership.Status.APPLIED)],
    )
    membership = organisation.memberships.get()
    membership.check_transition(Membership.Status.UNDER_REVIEW)
    with pytest.raises(InvalidTransition):
        membership.check_transition(Membership.Status.ACTIVE)
