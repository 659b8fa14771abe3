"""Fixtures for the evidence tests: member organisations in Kenya and Brazil, their
representatives, the GEM Scale as the migration ships it, an evaluation registered through
the service, and CSV uploads of synthetic answers."""

import datetime
import random
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
from ..demo import synthetic_answers
from ..models import Instrument


def register(staff, network, name, status=Membership.Status.ACTIVE):
    return organisation_register(
        actor=staff,
        name=name,
        kind="ngo",
        country_id=network.country_id,
        identifier=f"{network.country_id}-TEST-{zlib.crc32(name.encode())}",
        memberships=[(network, status)],
    )


def person(email, name, staff, role=None, scope=None):
    user = User.objects.create_user(email, PASSWORD, name=name)
    if role:
        role_assign(user=user, role=role, scope=scope, actor=staff)
    return user


def register_evaluation(actor, organisation, instrument, **fields):
    values = {
        "title": "Fathers' circles in Nairobi",
        "design": "pre_post",
        "waves": ["baseline", "endline"],
        "country": Country.objects.get(code=organisation.country_id),
        "ethics_body": "Kenyatta University Ethics Review Committee",
        "ethics_reference": "KU/ERC/2024/17",
        "ethics_approved_on": datetime.date(2024, 1, 15),
        "consent_statement": "Participation is voluntary; answers are kept under a code.",
        "age_groups": list(Term.objects.filter(vocabulary="age_group", code="youth")),
    }
    values.update(fields)
    return services.evaluation_register(
        actor=actor, organisation=organisation, instrument=instrument, **values
    )


def synthetic_csv(
    instrument,
    *,
    respondents=30,
    shift=0.5,
    seed=1,
    waves=("baseline", "endline"),
    group="intervention",
    prefix="R",
):
    """The demo's invented answers, without missing ones, from a seeded generator."""
    return synthetic_answers(
        instrument,
        random.Random(seed),
        respondents=respondents,
        shift=shift,
        group=group,
        prefix=prefix,
        waves=waves,
        missing=0,
    )


@pytest.fixture
def gem(db):
    return Instrument.objects.get(family="gem", version=1)


@pytest.fixture
def brazil(db):
    return Network.objects.get(slug="brazil")


@pytest.fixture
def orgs(staff, kenya, brazil):
    return {
        "nairobi": register(staff, kenya, "Nairobi Fathers Forum"),
        "rio": register(staff, brazil, "Coletivo Pais do Rio"),
        "pending": register(staff, kenya, "Waiting Men Group", status=Membership.Status.APPLIED),
    }


@pytest.fixture
def representative(staff, orgs):
    return person(
        "rep@example.org", "Otieno Rep", staff, RoleAssignment.Role.REPRESENTATIVE, orgs["nairobi"]
    )


@pytest.fixture
def other_representative(staff, orgs):
    return person(
        "rio@example.org", "Rafa Rep", staff, RoleAssignment.Role.REPRESENTATIVE, orgs["rio"]
    )


@pytest.fixture
def evaluation(representative, orgs, gem):
    return register_evaluation(representative, orgs["nairobi"], gem)


@pytest.fixture
def scored_evaluation(representative, evaluation, gem):
    services.responses_upload(
        evaluation=evaluation, actor=representative, content=synthetic_csv(gem)
    )
    evaluation.refresh_from_db()
    return evaluation
