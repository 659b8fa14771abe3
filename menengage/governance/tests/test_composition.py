import datetime

import pytest
from django.utils import timezone

from menengage.core.errors import DomainError, NotPermitted
from menengage.governance import selectors, services
from menengage.governance.models import Term
from menengage.networks.models import Network

from .conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db


def test_the_committee_meets_the_womens_rights_rule(committee):
    (check,) = selectors.body_composition(committee)
    assert (check.code, check.actual, check.ok) == ("womens_rights_minimum", "2", True)


def test_ending_a_womens_rights_term_warns_staff(committee, staff):
    term = committee.people[1].seat_terms.get()
    _term, broken = services.term_end(actor=staff, term=term, ends_on=timezone.localdate())
    assert [check.code for check in broken] == ["womens_rights_minimum"]
    assert selectors.body_composition(committee)[0].ok is True  # still met today
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert selectors.body_composition(committee, on=tomorrow)[0].ok is False


def test_works_with_womens_rights_does_not_make_an_organisation_one(staff, committee):
    term = committee.people[0].seat_terms.get()
    services.term_end(
        actor=staff, term=term, ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    ally = make_organisation(staff, "Invented Allies")
    ally.works_with_womens_rights = True
    ally.save()
    _term, broken = services.term_start(
        actor=staff, seat=term.seat, organisation=ally, delegate=make_person("a@example.org", "A")
    )
    assert [check.code for check in broken] == ["womens_rights_minimum"]


def test_board_targets_are_checked_as_shares(staff):
    alliance = Network.objects.get(slug="menengage-alliance")
    board = services.body_create(
        actor=staff, network=alliance, kind="board", name="Board", slug="global-board"
    )
    services.target_set(actor=staff, body=board, constituency="womens_rights", minimum_percent=29)
    services.target_set(actor=staff, body=board, constituency="global_south", minimum_percent=47)
    places = [("KE", "kenya", "womens_rights"), ("BR", "brazil", "ngo"), ("SE", "sweden", "ngo")]
    for number, (country, network, kind) in enumerate(places):
        seat = services.seat_create(actor=staff, body=board, constituency="region")
        organisation = make_organisation(
            staff, f"Org {number}", kind=kind, country=country, network=network
        )
        _term, broken = services.term_start(
            actor=staff,
            seat=seat,
            organisation=organisation,
            delegate=make_person(f"b{number}@example.org", "B"),
        )
    checks = {check.code: check for check in selectors.body_composition(board)}
    assert checks["share_womens_rights"].ok  # 1 of 3 = 33 %
    assert checks["share_global_south"].ok  # Kenya and Brazil: 2 of 3
    assert broken == []
    sweden = selectors.terms_current().get(organisation__country="SE")
    seat = services.seat_create(actor=staff, body=board, constituency="region")
    _term, broken = services.term_start(
        actor=staff,
        seat=seat,
        organisation=make_organisation(staff, "Org 4", country="SE", network="sweden"),
        delegate=make_person("b4@example.org", "B"),
    )
    assert {check.code for check in broken} == {"share_womens_rights"}  # 1 of 4 = 25 %
    assert sweden.seat.body == board
    assert selectors.board_organisations() == set(
        selectors.terms_current().filter(seat__body=board).values_list("organisation", flat=True)
    )
    assert selectors.sits_on_board(sweden.delegate)


def test_a_held_seat_is_not_seated_twice_and_only_staff_seat(committee, staff, outsider):
    seat = committee.seats.first()
    organisation = make_organisation(staff, "Invented Newcomer")
    with pytest.raises(DomainError):
        services.term_start(actor=staff, seat=seat, organisation=organisation, delegate=outsider)
    with pytest.raises(NotPermitted):
        services.term_start(actor=outsider, seat=seat, organisation=organisation, delegate=outsider)
    assert Term.objects.count() == 5
