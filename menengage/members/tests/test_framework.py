import datetime

import pytest
from django.core.management import call_command

from menengage.members.models import Endorsement, FrameworkDocument, Membership
from menengage.members.services import membership_lapse_unendorsed, organisation_register


@pytest.fixture
def two_versions(db):
    first = FrameworkDocument.objects.create(
        kind="core-principles", version="1", in_force_from="2020-01-01", text={"en": "v1"}
    )
    second = FrameworkDocument.objects.create(
        kind="core-principles",
        version="2",
        in_force_from="2026-01-01",
        grace_days=30,
        text={"en": "v2"},
    )
    return first, second


def member(staff, network, name):
    return organisation_register(
        actor=staff,
        name=name,
        slug=name.lower(),
        kind="ngo",
        country_id="KE",
        memberships=[(network, "active")],
    )


@pytest.mark.django_db
def test_members_who_did_not_endorse_the_new_version_lapse_after_the_grace_period(
    staff, kenya, two_versions
):
    _first, second = two_versions
    faithful, late = member(staff, kenya, "Faithful"), member(staff, kenya, "Late")
    Endorsement.objects.create(document=second, organisation=faithful, signatory_name="F")
    assert membership_lapse_unendorsed(on=datetime.date(2026, 1, 31)) == 0
    assert membership_lapse_unendorsed(on=datetime.date(2026, 2, 1)) == 1
    assert Membership.objects.get(organisation=late).status == "lapsed"
    assert Membership.objects.get(organisation=faithful).status == "active"
    assert membership_lapse_unendorsed(on=datetime.date(2026, 2, 2)) == 0


@pytest.mark.django_db
def test_the_first_version_never_lapses_anyone(staff, kenya):
    FrameworkDocument.objects.create(
        kind="code-of-conduct", version="1", in_force_from="2020-01-01", text={"en": "v1"}
    )
    member(staff, kenya, "Founder")
    call_command("framework_lapse")
    assert Membership.objects.get().status == "active"
