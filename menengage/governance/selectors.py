"""Reads for governance. Other apps (concerns) rely on the functions marked as a contract."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from menengage.core.translation import translated_order

from .composition import composition_check
from .models import Body, Decision, Election, Meeting, Position, Proposal, Term, Vote

GOVERNANCE_COMMITTEE_SLUG = "governance-committee"
BOARD_SLUG = "global-board"


def terms_current(on=None):
    """Terms running on `on` (today by default)."""
    on = on or timezone.localdate()
    return Term.objects.filter(starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def body_members(body):
    """Contract: the people sitting on `body` today (its seats' current delegates)."""
    delegates = terms_current().filter(seat__body=body).values("delegate")
    return get_user_model().objects.filter(pk__in=delegates, is_active=True)


def governance_committee():
    """Contract: the Governance Committee, or None before it exists."""
    return Body.objects.filter(slug=GOVERNANCE_COMMITTEE_SLUG).first()


def board_organisations():
    """Contract: ids of the organisations holding a seat on the Global Board today."""
    return set(
        terms_current().filter(seat__body__slug=BOARD_SLUG).values_list("organisation", flat=True)
    )


def sits_on_board(user):
    """Contract: is `user` a delegate on the Global Board today?"""
    return terms_current().filter(seat__body__slug=BOARD_SLUG, delegate=user).exists()


# Pages and services


def body_list():
    """Every body with its network, ordered by network then name, with seat counts."""
    return (
        Body.objects.select_related("network", "parent")
        .annotate(seat_count=Count("seats", distinct=True))
        .order_by(
            "network__kind", translated_order("network__name"), "kind", translated_order("name")
        )
    )


def body_get(*, slug):
    """One body; raises Body.DoesNotExist."""
    return Body.objects.select_related("network", "parent").get(slug=slug)


def body_terms_current(body, *, on=None):
    """The terms of `body` running on `on` (today), chairs first, with seat, organisation and
    delegate loaded."""
    return list(
        terms_current(on)
        .filter(seat__body=body)
        .select_related("seat__network", "organisation__country", "delegate")
        .order_by("-is_chair", "seat_id")
    )


def body_terms_past(body, *, on=None, limit=100):
    """The latest `limit` terms of `body` that ended before `on` (today), naming their seat,
    organisation and delegate and nothing more: a hundred rows of organisations' descriptions
    and delegates' accounts were most of the body's page."""
    on = on or timezone.localdate()
    return list(
        Term.objects.filter(seat__body=body, ends_on__lt=on)
        .select_related("seat", "organisation", "delegate")
        .only(
            *("seat_id", "organisation_id", "delegate_id", "starts_on", "ends_on", "is_chair"),
            *("seat__label", "seat__constituency"),
            *("organisation__name", "organisation__acronym", "delegate__name"),
        )
        .order_by("-ends_on", "seat_id")[:limit]
    )


def body_seats(body, *, on=None, current=None):
    """The body's seats, each with `current` set to its term running today, or None."""
    if current is None:
        current = body_terms_current(body, on=on)
    by_seat = {term.seat_id: term for term in current}
    seats = list(body.seats.select_related("network"))
    for seat in seats:
        seat.current = by_seat.get(seat.pk)
    return seats


def body_composition(body, *, on=None, current=None):
    """The body's composition rules checked against today's holders (or `current` terms)."""
    if current is None:
        current = body_terms_current(body, on=on)
    return composition_check(body, current, list(body.targets.all()))


def body_member_count(body):
    return body_members(body).count()


def proposals_for(*, body, status=None):
    """A body's proposals, newest first, with their decisions; callers check who may see them."""
    proposals = body.proposals.select_related("opened_by").prefetch_related("decisions")
    if status:
        proposals = proposals.filter(status=status)
    return proposals


def proposal_get(*, pk):
    """One proposal with its body; raises Proposal.DoesNotExist."""
    return Proposal.objects.select_related("body__network", "opened_by").get(pk=pk)


def proposal_tally(proposal):
    """Counts of each stance among the positions taken, and how many there are."""
    counts = dict.fromkeys(Position.Stance.values, 0)
    for stance, number in (
        proposal.positions.order_by().values_list("stance").annotate(number=Count("pk"))
    ):
        counts[stance] = number
    counts["taken"] = sum(counts.values())
    return counts


def vote_tally(proposal):
    counts = dict.fromkeys(Vote.Choice.values, 0)
    for choice, number in (
        proposal.votes.order_by().values_list("choice").annotate(number=Count("pk"))
    ):
        counts[choice] = number
    counts["cast"] = sum(counts.values())
    return counts


def proposal_positions(proposal):
    return proposal.positions.select_related("member", "cast_by").order_by("updated_at")


def decision_register(*, body=None):
    """Published decisions, newest first, with proposal and body loaded."""
    decisions = Decision.objects.filter(published=True).select_related("proposal__body__network")
    if body is not None:
        decisions = decisions.filter(proposal__body=body)
    return decisions.order_by("-decided_at", "-pk")


def meetings_for(*, body):
    return body.meetings.prefetch_related("agenda")


def meeting_get(*, pk):
    """One meeting with its body and agenda; raises Meeting.DoesNotExist."""
    return (
        Meeting.objects.select_related("body", "minutes_approved_by")
        .prefetch_related("agenda__proposal")
        .get(pk=pk)
    )


def elections_for(*, body):
    return (
        Election.objects.filter(seat__body=body)
        .select_related("seat", "elected__organisation")
        .order_by("-opened_at")
    )


def election_get(*, pk):
    """One election with its seat, body and nominations; raises Election.DoesNotExist."""
    return (
        Election.objects.select_related("seat__body__network", "seat__network", "elected")
        .prefetch_related("nominations__organisation")
        .get(pk=pk)
    )


def election_results(election):
    """Nominations with `votes` counted, most votes first."""
    return (
        election.nominations.select_related("organisation", "delegate")
        .annotate(votes=Count("ballots"))
        .order_by("-votes", "nominated_at")
    )


def network_subtree_ids(network):
    """`network` and every network below it (regions hold countries)."""
    from menengage.networks.models import Network

    return list(
        Network.objects.filter(
            Q(pk=network.pk) | Q(parent=network) | Q(parent__parent=network)
        ).values_list("pk", flat=True)
    )


def is_active_member_of(organisation, network):
    """Has `organisation` an active membership in `network` or a network below it?"""
    from menengage.members.models import Membership

    return Membership.objects.filter(
        organisation=organisation,
        status=Membership.Status.ACTIVE,
        network_id__in=network_subtree_ids(network),
    ).exists()


def user_bodies(user):
    """The bodies on which `user` sits today."""
    if not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    bodies = terms_current().filter(delegate=user).values("seat__body")
    return Body.objects.filter(pk__in=bodies)


def election_voters_for(*, actor, election):
    """The organisations `actor` may cast a ballot for in `election` (possibly none)."""
    from menengage.members.models import Membership, Organisation
    from menengage.members.selectors import organisations_represented_by

    body = election.seat.body
    if not getattr(actor, "is_authenticated", False):
        return Organisation.objects.none()
    if body.electorate == Body.Electorate.SEAT_HOLDERS:
        held = terms_current().filter(seat__body=body, delegate=actor).values("organisation")
        return Organisation.objects.filter(pk__in=held)
    members = Membership.objects.filter(
        status=Membership.Status.ACTIVE, network_id__in=network_subtree_ids(body.network)
    ).values("organisation")
    return organisations_represented_by(actor=actor).filter(pk__in=members)


def proposals_awaiting(*, actor, now=None, closing_within=datetime.timedelta(days=3)):
    """Undecided proposals of the bodies `actor` sits on today that wait for `actor`: open ones
    without their position, fallback votes without their vote, and any closing within
    `closing_within`; `waiting` says whether their position or vote is missing. Newest first."""
    if not getattr(actor, "is_authenticated", False):
        return Proposal.objects.none()
    now = now or timezone.now()
    positioned = Position.objects.filter(proposal=OuterRef("pk"), member=actor)
    voted = Vote.objects.filter(proposal=OuterRef("pk"), member=actor)
    soon = now + closing_within
    proposals = Proposal.objects.filter(body__in=user_bodies(actor)).annotate(
        waiting=Case(
            When(status=Proposal.Status.OPEN, then=~Exists(positioned)),
            When(status=Proposal.Status.VOTING, then=~Exists(voted)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
    undecided = Q(status=Proposal.Status.OPEN, closes_at__gt=now) | Q(
        status=Proposal.Status.VOTING, vote_closes_at__gt=now
    )
    closing = Q(status=Proposal.Status.OPEN, closes_at__lte=soon) | Q(
        status=Proposal.Status.VOTING, vote_closes_at__lte=soon
    )
    return (
        proposals.filter(undecided)
        .filter(Q(waiting=True) | closing)
        .select_related("body")
        .order_by("-opened_at", "-pk")
    )
