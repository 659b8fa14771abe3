"""Fixtures for events: an event factory, a call with its committee, and the people around it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.events.models import Call, Criterion, Event, Track
from menengage.members import services as member_services
from menengage.members.models import Membership


@pytest.fixture
def make_event(db, kenya):
    def make(slug="assembly", **fields):
        start = fields.pop("starts_at", timezone.now() + timedelta(days=30))
        values = {
            "title": slug.replace("-", " ").title(),
            "kind": Event.Kind.WEBINAR,
            "mode": Event.Mode.ONLINE,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "time_zone": "Africa/Nairobi",
            "network": kenya,
            **fields,
        }
        return Event.objects.create(slug=slug, **values)

    return make


@pytest.fixture
def organiser(db):
    return User.objects.create_user("organiser@example.org", PASSWORD, name="Oren Organiser")


@pytest.fixture
def event(make_event, organiser):
    event = make_event("webinar", capacity=2)
    event.organisers.add(organiser)
    return event


@pytest.fixture
def organisation(db, staff, kenya):
    return member_services.organisation_register(
        actor=staff,
        name="Invented Fathers Forum",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, Membership.Status.ACTIVE)],
    )


@pytest.fixture
def represent(staff):
    def make(user, organisation):
        role_assign(
            user=user, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
        )
        return user

    return make


@pytest.fixture
def call(event):
    call = Call.objects.create(
        event=event,
        title="Call for abstracts",
        deadline=timezone.now() + timedelta(days=10),
        time_zone="America/Sao_Paulo",
    )
    Track.objects.create(call=call, name="Caregiving")
    Criterion.objects.create(call=call, name="Relevance", max_score=5)
    Criterion.objects.create(call=call, name="Evidence", max_score=5)
    return call


@pytest.fixture
def reviewer(db, call):
    person = User.objects.create_user("reviewer@example.org", PASSWORD, name="Rae Reviewer")
    call.reviewers.add(person)
    return person


@pytest.fixture
def author(db):
    return User.objects.create_user("author@example.org", PASSWORD, name="Ama Author")
