"""`/api/v1/events`: public events and their programmes; registrations for organisers, who
authenticate with the personal token from their organiser page (`Authorization: Bearer ...`)."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import HttpBearer

from menengage.core.api_schema import named_choices
from menengage.core.translation import translation_schema

from . import selectors, services
from .models import Event
from .permissions import is_organiser

router = Router(tags=["events"])

EventKind = named_choices(Event.Kind)
EventMode = named_choices(Event.Mode)
EventAudience = named_choices(Event.Audience)


class OrganiserToken(HttpBearer):
    """An event organiser's API token, made on /en/events/organiser/ and shown once."""

    openapi_description = (
        "An organiser's personal token from the events organiser page, sent as "
        "`Authorization: Bearer mev_...`. It reads the registrations of the events its "
        "owner organises."
    )

    def authenticate(self, request, token):
        return services.api_token_user(token)


class NetworkRef(Schema):
    slug: str
    name: str


class EventOut(Schema):
    slug: str
    language: str = Field(description="The language the event was first described in")
    title: str = Field(description="In the requested language, else the original")
    titles: translation_schema() = Field(  # type: ignore[valid-type]
        description="The title in each language it is written in"
    )
    kind: EventKind
    mode: EventMode
    audience: EventAudience
    venue: str
    city: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code")
    starts_at: datetime = Field(description="UTC")
    ends_at: datetime = Field(description="UTC")
    time_zone: str = Field(description="IANA zone the event takes place in")
    capacity: int | None
    network: NetworkRef
    url: str

    @staticmethod
    def resolve_titles(event):
        return event.title.as_dict()

    @staticmethod
    def resolve_country(event):
        return event.country_id

    @staticmethod
    def resolve_url(event):
        return event.get_absolute_url()


class EventDetailOut(EventOut):
    description: str
    descriptions: translation_schema()  # type: ignore[valid-type]
    languages: list[str]
    interpretation: list[str]

    @staticmethod
    def resolve_descriptions(event):
        return event.description.as_dict()

    @staticmethod
    def resolve_languages(event):
        return [term.code for term in event.languages.all()]

    @staticmethod
    def resolve_interpretation(event):
        return [term.code for term in event.interpretation.all()]


class SessionOut(Schema):
    title: str
    titles: translation_schema()  # type: ignore[valid-type]
    format: str
    starts_at: datetime
    ends_at: datetime
    room: str
    chair: str
    speakers: list[str]

    @staticmethod
    def resolve_titles(session):
        return session.title.as_dict()

    @staticmethod
    def resolve_speakers(session):
        return session.speaker_list


class RegistrationOut(Schema):
    id: int
    name: str
    email: str
    organisation: str
    country: str | None
    language: str
    status: str
    accessibility_needs: str
    dietary_needs: str
    registered_at: datetime
    email_confirmed_at: datetime | None
    checked_in_at: datetime | None

    @staticmethod
    def resolve_country(registration):
        return registration.country_id


class EventFilters(Schema):
    when: Literal["upcoming", "past"] = "upcoming"
    kind: EventKind | None = None
    mode: EventMode | None = None
    network: str | None = Field(None, description="Slug of a network (regions include countries)")
    year: int | None = Field(None, ge=1990, le=2100)


def _event(request, slug):
    try:
        return selectors.event_get(slug=slug, actor=None)
    except Event.DoesNotExist as missing:
        raise Http404("No published event has that slug.") from missing


@router.get("/events", response=list[EventOut], summary="List events")
@paginate
def list_events(request, filters: Query[EventFilters]):
    values = filters.dict()
    when = values.pop("when")
    return selectors.event_list(filters=values, when=when)


@router.get("/events/{slug}", response=EventDetailOut, summary="One event")
def get_event(request, slug: str):
    return _event(request, slug)


@router.get("/events/{slug}/sessions", response=list[SessionOut], summary="An event's programme")
@paginate
def list_sessions(request, slug: str):
    return selectors.session_list(event=_event(request, slug))


@router.get(
    "/events/{slug}/registrations",
    response=list[RegistrationOut],
    auth=OrganiserToken(),
    summary="An event's registrations (organisers, with their token)",
)
@paginate
def list_registrations(request, slug: str):
    event = _event(request, slug)
    if not is_organiser(request.auth, event):
        raise HttpError(404, "No event you organise has that slug.")
    return selectors.registration_list_for(event=event, actor=request.auth)
