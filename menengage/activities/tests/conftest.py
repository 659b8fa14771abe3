"""Fixtures for the activities tests: member organisations in Kenya and Brazil, their
representatives, and an activity recorded through the service."""

import datetime
import zlib

import pytest

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.core.models import Country, Term
from menengage.members.models import Membership
from menengage.members.services import organisation_register
from menengage.networks.models import Network

from .. import services


def register(staff, network, name, kind="ngo", status=Membership.Status.ACTIVE):
    return organisation_register(
        actor=staff,
        name=name,
        kind=kind,
        country_id=network.country_id,
        identifier=f"{network.country_id}-TEST-{zlib.crc32(name.encode())}",
        memberships=[(network, status)],
    )


def terms(vocabulary, *codes):
    return list(Term.objects.filter(vocabulary=vocabulary, code__in=codes))


def record(actor, lead, **fields):
    """An activity recorded through the service, with sensible defaults."""
    values = {
        "kind": "training",
        "status": "ongoing",
        "language": "en",
        "title": {"en": "Fathers' circles in Nairobi"},
        "summary": {"en": "Weekly groups on care and non-violence."},
        "lead": lead,
        "countries": [Country.objects.get(code=lead.country_id)],
        "starts_on": datetime.date(2024, 3, 1),
    }
    values.update(fields)
    return services.activity_create(actor=actor, **values)


@pytest.fixture
def brazil(db):
    return Network.objects.get(slug="brazil")


@pytest.fixture
def orgs(staff, kenya, brazil):
    return {
        "nairobi": register(staff, kenya, "Nairobi Fathers Forum"),
        "rio": register(staff, brazil, "Coletivo Pais do Rio"),
        "womens": register(staff, kenya, "Kenya Women's Voice", kind="womens_rights"),
        "pending": register(staff, kenya, "Waiting Men Group", status=Membership.Status.APPLIED),
    }


def person(email, name, staff, role=None, scope=None):
    user = User.objects.create_user(email, PASSWORD, name=name)
    if role:
        role_assign(user=user, role=role, scope=scope, actor=staff)
    return user


@pytest.fixture
def representative(staff, orgs):
    return person(
        "rep@example.org",
        "Otieno Rep",
        staff,
        RoleAssignment.Role.REPRESENTATIVE,
        orgs["nairobi"],
    )


@pytest.fixture
def other_representative(staff, orgs):
    return person(
        "rio@example.org", "Rafa Rep", staff, RoleAssignment.Role.REPRESENTATIVE, orgs["rio"]
    )


@pytest.fixture
def brazil_coordinator(staff, brazil):
    return person(
        "coord.br@example.org", "Bia Coord", staff, RoleAssignment.Role.COORDINATOR, brazil
    )


@pytest.fixture
def africa_coordinator(staff):
    return person(
        "coord.africa@example.org",
        "Thabo Coord",
        staff,
        RoleAssignment.Role.COORDINATOR,
        Network.objects.get(slug="africa"),
    )


@pytest.fixture
def activity(representative, orgs, kenya):
    return record(
        representative,
        orgs["nairobi"],
        networks=[kenya],
        themes=terms("theme", "care-fatherhood"),
        mandates=terms("mandate", "cedaw"),
        age_groups=terms("age_group", "adults"),
        reach={("25-59", "men"): 40, ("25-59", "women"): 12, ("15-19", "non_binary"): 3},
    )
