"""Member organisations in Kenya and Brazil with their representatives, a steering committee
with its chair, and a working group with its convener, all built through the services."""

import datetime

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.activities import services as activity_services
from menengage.conftest import PASSWORD
from menengage.governance import services as governance_services
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network


def register(staff, network, name, status=Membership.Status.ACTIVE):
    return organisation_register(
        actor=staff,
        name=name,
        kind="ngo",
        country_id=network.country_id,
        memberships=[(network, status)],
    )


def person(email, *, staff, language="en", role=None, scope=None, **dates):
    user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0], language=language)
    if role:
        role_assign(user=user, role=role, scope=scope, actor=staff)
        if dates:
            RoleAssignment.objects.filter(user=user).update(**dates)
    return user


@pytest.fixture
def brazil(db):
    return Network.objects.get(slug="brazil")


@pytest.fixture
def africa(db):
    return Network.objects.get(slug="africa")


@pytest.fixture
def orgs(staff, kenya, brazil):
    return {
        "nairobi": register(staff, kenya, "Nairobi Fathers Forum"),
        "lapsed": register(staff, kenya, "Mombasa Men Lapsed", Membership.Status.LAPSED),
        "rio": register(staff, brazil, "Coletivo Pais do Rio"),
    }


@pytest.fixture
def people(staff, orgs, kenya, brazil):
    rep = RoleAssignment.Role.REPRESENTATIVE
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    coord = RoleAssignment.Role.COORDINATOR
    nairobi, lapsed, rio = orgs["nairobi"], orgs["lapsed"], orgs["rio"]
    made = {
        "kenya_fr": ("kenya.fr@example.org", "fr", rep, nairobi, {}),
        "kenya_es": ("kenya.es@example.org", "es", rep, nairobi, {}),
        "kenya_ended": ("kenya.ended@example.org", "en", rep, nairobi, {"ends_on": yesterday}),
        "lapsed": ("lapsed@example.org", "en", rep, lapsed, {}),
        "brazil": ("brazil@example.org", "pt", rep, rio, {}),
        "brazil_coordinator": ("brazil.coord@example.org", "en", coord, brazil, {}),
    }
    return {
        name: person(email, staff=staff, language=language, role=role, scope=scope, **dates)
        for name, (email, language, role, scope, dates) in made.items()
    }


@pytest.fixture
def ended_coordinator(staff, kenya):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return person(
        "ended.coord@example.org",
        staff=staff,
        role=RoleAssignment.Role.COORDINATOR,
        scope=kenya,
        ends_on=yesterday,
    )


@pytest.fixture
def committee(staff, africa, kenya):
    """A steering committee of two: a chair and a member."""
    body = governance_services.body_create(
        actor=staff,
        network=africa,
        kind="steering_committee",
        name="Africa Steering Committee",
        slug="africa-steering-committee",
        publishes_decisions=False,
    )
    body.people = []
    for number in range(2):
        seat = governance_services.seat_create(
            actor=staff, body=body, constituency="region", network=africa
        )
        organisation = register(staff, kenya, f"Committee Org {number}")
        delegate = person(f"committee{number}@example.org", staff=staff)
        governance_services.term_start(
            actor=staff,
            seat=seat,
            organisation=organisation,
            delegate=delegate,
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
            is_chair=number == 0,
        )
        body.people.append(delegate)
    return body


@pytest.fixture
def working_group(staff, orgs, people):
    convener = person("convener@example.org", staff=staff)
    group = activity_services.working_group_create(
        actor=staff,
        slug="caring-masculinities",
        name={"en": "Caring masculinities"},
        convener_people=[convener],
        members=[orgs["rio"]],
    )
    group.convener = convener
    return group


TEXTS = {
    "en": ("Assembly next month", "The regional assembly meets in Nairobi."),
    "fr": ("Assemblée le mois prochain", "L'assemblée régionale se réunit à Nairobi."),
}
