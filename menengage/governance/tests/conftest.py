"""A small steering committee of five, built through the services, and its people."""

import datetime

import pytest
from django.utils import timezone

from menengage.accounts.models import User
from menengage.governance import services
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network

PASSWORD = "correct-horse-battery-staple"


def make_organisation(staff, name, *, kind="ngo", country="KE", network="kenya"):
    return organisation_register(
        actor=staff,
        name=name,
        kind=kind,
        country_id=country,
        memberships=[(Network.objects.get(slug=network), Membership.Status.ACTIVE)],
    )


def make_person(email, name):
    return User.objects.create_user(email, PASSWORD, name=name)


@pytest.fixture
def committee(staff):
    """MenEngage Africa's steering committee: five seats held, the first delegate a chair."""
    africa = Network.objects.get(slug="africa")
    body = services.body_create(
        actor=staff,
        network=africa,
        kind="steering_committee",
        name="Africa Steering Committee",
        slug="africa-steering-committee",
        publishes_decisions=True,
    )
    people = []
    kinds = ["womens_rights", "womens_rights", "ngo", "youth", "ngo"]
    for number, kind in enumerate(kinds):
        seat = services.seat_create(actor=staff, body=body, constituency="region", network=africa)
        organisation = make_organisation(staff, f"Invented Org {number}", kind=kind)
        person = make_person(f"member{number}@example.org", f"Member {number}")
        services.term_start(
            actor=staff,
            seat=seat,
            organisation=organisation,
            delegate=person,
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
            is_chair=number == 0,
        )
        people.append(person)
    body.people = people
    return body


@pytest.fixture
def members(committee):
    return committee.people


@pytest.fixture
def chair(members):
    return members[0]


@pytest.fixture
def proposal(committee, chair):
    return services.proposal_open(
        actor=chair,
        body=committee,
        title="Adopt the safeguarding policy",
        text="The committee adopts the safeguarding policy attached.",
        closes_at=timezone.now() + datetime.timedelta(days=3),
    )
