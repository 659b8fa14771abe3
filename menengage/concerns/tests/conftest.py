"""Fixtures for concerns: focal points of Kenya and of Africa, an organisation in Kenya whose
representative is also a Kenyan focal point (so must be excluded), and a verified session."""

import datetime
import uuid

import pytest

from menengage.accounts import twofactor
from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.concerns import services
from menengage.conftest import PASSWORD
from menengage.members.models import Membership, Organisation


def make_person(email, name):
    return User.objects.create_user(email, PASSWORD, name=name)


@pytest.fixture
def focal_kenya(staff, kenya):
    person = make_person("focal.kenya@example.org", "Achieng Focal")
    role_assign(user=person, role=RoleAssignment.Role.FOCAL_POINT, scope=kenya, actor=staff)
    return person


@pytest.fixture
def focal_africa(staff, kenya):
    person = make_person("focal.africa@example.org", "Kofi Regional")
    role_assign(user=person, role=RoleAssignment.Role.FOCAL_POINT, scope=kenya.parent, actor=staff)
    return person


@pytest.fixture
def organisation(kenya):
    organisation = Organisation.objects.create(
        name="Nairobi Fathers Circle",
        slug="nairobi-fathers-circle",
        kind="ngo",
        country=kenya.country,
    )
    Membership.objects.create(
        organisation=organisation,
        network=kenya,
        status=Membership.Status.ACTIVE,
        applied_on=datetime.date(2020, 1, 1),
    )
    return organisation


@pytest.fixture
def insider(staff, kenya, organisation):
    """A Kenyan focal point who also represents the organisation a concern will be about."""
    person = make_person("insider@example.org", "Otieno Insider")
    role_assign(user=person, role=RoleAssignment.Role.FOCAL_POINT, scope=kenya, actor=staff)
    role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
    )
    return person


@pytest.fixture
def verified(client):
    """`verified(user)`: the client signed in as `user` with a fresh second factor."""

    def sign_in(user):
        client.force_login(user)
        session = client.session
        twofactor.session_mark_verified(session)
        session.save()
        return client

    return sign_in


@pytest.fixture
def submit(kenya):
    """`submit(**fields)`: a concern about something in Kenya, through the service, from a new
    client each time (so the rate limit stays out of the way)."""

    def submit(**fields):
        values = {
            "client": uuid.uuid4().hex,
            "subject_network": kenya,
            "kind": "complaint",
            "subject_kind": "organisation",
            "subject_text": "The director",
            "what_happened": "Something happened at a workshop.",
        }
        values.update(fields)
        return services.concern_submit(**values)

    return submit
