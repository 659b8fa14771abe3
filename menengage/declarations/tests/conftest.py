"""Declarations fixtures: an adopted declaration, a draft open for comment, a member's
representative and a drafter, all set up through the services."""

import datetime

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.core.models import Country
from menengage.declarations import services
from menengage.members.services import organisation_register

TEXTS = {
    "en": "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
    "pt": "Primeiro parágrafo.\n\nSegundo parágrafo.\n\nTerceiro parágrafo.",
}


@pytest.fixture
def kenya_country(db):
    return Country.objects.get(code="KE")


@pytest.fixture
def declaration(staff):
    created = services.declaration_create(
        actor=staff,
        slug="test-call",
        titles={"en": "Test Call", "pt": "Chamado de Teste"},
        texts=TEXTS,
        commitments=[{"en": "Do the first thing."}, {"en": "Do the second thing."}],
    )
    return services.declaration_adopt(actor=staff, declaration=created)


@pytest.fixture
def draft(staff):
    created = services.declaration_create(
        actor=staff, slug="test-draft", titles={"en": "Test Draft"}, texts=TEXTS
    )
    return services.declaration_open_comments(
        actor=staff,
        declaration=created,
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )


@pytest.fixture
def member_org(staff, kenya, kenya_country):
    return organisation_register(
        actor=staff,
        memberships=[(kenya, "active")],
        name="Invented Fathers Circle",
        kind="ngo",
        country_id=kenya_country.code,
    )


@pytest.fixture
def representative(staff, member_org):
    person = User.objects.create_user("rep@example.org", PASSWORD, name="Rita Rep")
    role_assign(user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=member_org, actor=staff)
    return person


@pytest.fixture
def drafter(draft):
    person = User.objects.create_user("drafter@example.org", PASSWORD, name="Dana Drafter")
    draft.drafters.add(person)
    return person
