"""`/api/v1/bodies` and `/api/v1/decisions`: governing bodies, their seats and current holders,
and the published decision register. Public and read-only.

Holders are given by organisation name only: no delegate names or e-mail addresses.
"""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from menengage.core.api_schema import NetworkRefOut, named_choices
from menengage.core.translation import translation_schema

from . import selectors
from .models import Body, Decision

router = Router(tags=["governance"])

DecisionMethod = named_choices(Decision.Method)
DecisionOutcome = named_choices(Decision.Outcome)
BodyKind = named_choices(Body.Kind)


class BodyOut(Schema):
    slug: str
    name: str
    kind: str
    network: NetworkRefOut
    parent: str | None = Field(None, description="Slug of the parent body")
    seats: int = Field(description="Number of seats")
    publishes_decisions: bool
    url: str

    @staticmethod
    def resolve_parent(body):
        return body.parent.slug if body.parent else None

    @staticmethod
    def resolve_seats(body):
        return body.seat_count

    @staticmethod
    def resolve_url(body):
        return body.get_absolute_url()


class HolderOut(Schema):
    organisation: str
    organisation_slug: str
    starts_on: date
    ends_on: date | None
    is_chair: bool


class SeatOut(Schema):
    id: int
    label: str
    constituency: str
    network: str | None = Field(None, description="Slug of the network the seat represents")
    holder: HolderOut | None = Field(None, description="The organisation holding it today")


class RuleOut(Schema):
    code: str
    label: str
    required: str
    actual: str
    ok: bool


class BodyDetailOut(Schema):
    slug: str
    name: str
    names: translation_schema()  # type: ignore[valid-type]
    kind: str
    network: NetworkRefOut
    parent: str | None = Field(None, description="Slug of the parent body")
    seats: int = Field(description="Number of seats")
    publishes_decisions: bool
    url: str
    description: str
    descriptions: translation_schema()  # type: ignore[valid-type]
    quorum: int = Field(description="Positions needed for a decision")
    vote_threshold: str = Field(description="Share of yes among yes and no for a fallback vote")
    seat_list: list[SeatOut]
    rules: list[RuleOut]


class DecisionOut(Schema):
    id: int
    body: str = Field(description="Slug of the body")
    language: str = Field(description="The language the proposal was written in")
    title: str
    titles: translation_schema()  # type: ignore[valid-type]
    text: str
    texts: translation_schema()  # type: ignore[valid-type]
    method: DecisionMethod
    outcome: DecisionOutcome
    decided_at: datetime
    members: int
    quorum: int
    agree: int
    abstain: int
    disagree: int
    block: int
    conflicted: int

    @staticmethod
    def resolve_body(decision):
        return decision.proposal.body.slug

    @staticmethod
    def resolve_language(decision):
        return decision.proposal.language

    @staticmethod
    def resolve_title(decision):
        return decision.proposal.title

    @staticmethod
    def resolve_titles(decision):
        return decision.proposal.title.as_dict()

    @staticmethod
    def resolve_text(decision):
        return decision.proposal.text

    @staticmethod
    def resolve_texts(decision):
        return decision.proposal.text.as_dict()


class BodyFilters(Schema):
    network: str | None = Field(None, description="Slug of a network")
    kind: BodyKind | None = None


class DecisionFilters(Schema):
    body: str | None = Field(None, description="Slug of a body")
    outcome: DecisionOutcome | None = None
    sort: Literal["-decided_at", "decided_at"] = "-decided_at"


@router.get("/bodies", response=list[BodyOut], summary="List governing bodies")
@paginate
def list_bodies(request, filters: Query[BodyFilters]):
    bodies = selectors.body_list()
    if filters.network:
        bodies = bodies.filter(network__slug=filters.network)
    if filters.kind:
        bodies = bodies.filter(kind=filters.kind)
    return bodies


@router.get("/bodies/{slug}", response=BodyDetailOut, summary="One body, its seats and holders")
def get_body(request, slug: str):
    try:
        body = selectors.body_list().get(slug=slug)
    except Body.DoesNotExist as missing:
        raise Http404("No body has that slug.") from missing
    current = selectors.body_terms_current(body)
    seats = selectors.body_seats(body, current=current)
    return {
        "slug": body.slug,
        "name": body.name,
        "names": body.name.as_dict(),
        "kind": body.kind,
        "network": body.network,
        "parent": body.parent.slug if body.parent else None,
        "seats": body.seat_count,
        "publishes_decisions": body.publishes_decisions,
        "url": body.get_absolute_url(),
        "description": body.description,
        "descriptions": body.description.as_dict(),
        "quorum": body.quorum_for(body.seat_count),
        "vote_threshold": f"{body.vote_threshold_numerator}/{body.vote_threshold_denominator}",
        "seat_list": [
            {
                "id": seat.pk,
                "label": str(seat),
                "constituency": seat.constituency,
                "network": seat.network.slug if seat.network else None,
                "holder": None
                if seat.current is None
                else {
                    "organisation": str(seat.current.organisation),
                    "organisation_slug": seat.current.organisation.slug,
                    "starts_on": seat.current.starts_on,
                    "ends_on": seat.current.ends_on,
                    "is_chair": seat.current.is_chair,
                },
            }
            for seat in seats
        ],
        "rules": [check.__dict__ for check in selectors.body_composition(body, current=current)],
    }


@router.get("/decisions", response=list[DecisionOut], summary="Published decisions")
@paginate
def list_decisions(request, filters: Query[DecisionFilters]):
    decisions = selectors.decision_register()
    if filters.body:
        decisions = decisions.filter(proposal__body__slug=filters.body)
    if filters.outcome:
        decisions = decisions.filter(outcome=filters.outcome)
    return decisions.order_by(filters.sort, "pk")
