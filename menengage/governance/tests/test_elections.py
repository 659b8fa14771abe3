import datetime

import pytest
from django.utils import timezone

from menengage.accounts.models import RoleAssignment
from menengage.accounts.services import role_assign
from menengage.core.errors import DomainError, NotPermitted
from menengage.governance import selectors, services
from menengage.governance.models import Ballot, Election, Nomination
from menengage.members.models import Membership

from .conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(committee, staff):
    seat = services.seat_create(
        actor=staff, body=committee, constituency="youth", network=committee.network
    )
    today = timezone.localdate()
    return services.election_open(
        actor=staff,
        seat=seat,
        nominations_close_on=today,
        term_starts_on=today + datetime.timedelta(days=1),
    )


def representative(staff, organisation, email):
    person = make_person(email, email.split("@")[0])
    role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
    )
    return person


def test_an_election_from_call_to_seated_term(election, staff, committee):
    youth = [make_organisation(staff, f"Invented Youth {n}", kind="youth") for n in range(2)]
    candidates = [representative(staff, org, f"rep{n}@example.org") for n, org in enumerate(youth)]
    nominations = [
        services.nomination_submit(
            actor=person, election=election, organisation=org, statement="We stand."
        )
        for person, org in zip(candidates, youth, strict=True)
    ]
    services.election_open_voting(actor=staff, election=election)
    voters = [make_organisation(staff, f"Voter {n}") for n in range(3)]
    for number, voter in enumerate(voters):
        person = representative(staff, voter, f"voter{number}@example.org")
        services.ballot_cast(
            actor=person, election=election, voter=voter, nomination=nominations[0 if number else 1]
        )
        with pytest.raises(DomainError):
            services.ballot_cast(
                actor=person, election=election, voter=voter, nomination=nominations[0]
            )
    election, broken = services.election_publish(actor=staff, election=election)
    assert election.elected == nominations[0] and election.status == Election.Status.PUBLISHED
    term = election.seat.terms.get()
    assert (term.organisation, term.delegate) == (youth[0], candidates[0])
    assert broken == []
    assert Ballot.objects.count() == 3


def test_only_eligible_organisations_stand(election, staff):
    not_youth = make_organisation(staff, "Invented Adults")
    lapsed = make_organisation(staff, "Invented Lapsed Youth", kind="youth")
    Membership.objects.filter(organisation=lapsed).update(status=Membership.Status.LAPSED)
    elsewhere = make_organisation(
        staff, "Invented Swedish Youth", kind="youth", country="SE", network="sweden"
    )
    for organisation in (not_youth, lapsed, elsewhere):
        person = representative(staff, organisation, f"{organisation.slug}@example.org")
        with pytest.raises(DomainError):
            services.nomination_submit(
                actor=person, election=election, organisation=organisation, statement="S"
            )
    youth = make_organisation(staff, "Invented Youth", kind="youth")
    with pytest.raises(NotPermitted):
        services.nomination_submit(
            actor=make_person("x@example.org", "X"),
            election=election,
            organisation=youth,
            statement="S",
        )
    assert not Nomination.objects.exists()


def test_outsiders_of_the_network_do_not_vote(election, staff):
    youth = make_organisation(staff, "Invented Youth", kind="youth")
    nomination = services.nomination_submit(
        actor=staff, election=election, organisation=youth, statement="S", delegate=staff
    )
    services.election_open_voting(actor=staff, election=election)
    swedish = make_organisation(staff, "Invented Swedes", country="SE", network="sweden")
    person = representative(staff, swedish, "se@example.org")
    with pytest.raises(NotPermitted):
        services.ballot_cast(actor=person, election=election, voter=swedish, nomination=nomination)
    assert selectors.election_voters_for(actor=person, election=election).count() == 0
    assert not Ballot.objects.exists()


def test_a_seat_held_for_the_term_is_not_put_to_election(committee, staff):
    with pytest.raises(DomainError):
        services.election_open(
            actor=staff,
            seat=committee.seats.first(),
            nominations_close_on=timezone.localdate(),
            term_starts_on=timezone.localdate(),
        )
