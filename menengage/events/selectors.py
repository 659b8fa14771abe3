"""Reads for events: lists, pages, programmes, registrations and reviews, each limited to
what the actor may see."""

from django.db.models import Avg, Count, Max, Prefetch, Q
from django.utils import timezone

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import is_secretariat, role_scopes
from menengage.networks.models import Network
from menengage.networks.selectors import networks_within

from .models import Call, Event, Registration, Review, Session, Submission
from .permissions import can_manage_call, can_see_event, is_organiser

EVENT_RELATED = ("network", "country")


def _published():
    return Event.objects.filter(is_published=True).select_related(*EVENT_RELATED)


def event_list(*, filters=None, when="upcoming", now=None):
    """Published events, upcoming (soonest first) or past (latest first), filtered by kind,
    mode, year and network (a network's slug also matches its country networks)."""
    now = now or timezone.now()
    filters = {key: value for key, value in (filters or {}).items() if value}
    events = _published()
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at")
    if "kind" in filters:
        events = events.filter(kind=filters["kind"])
    if "mode" in filters:
        events = events.filter(mode=filters["mode"])
    if "year" in filters:
        events = events.filter(starts_at__year=filters["year"])
    if "network" in filters:
        slug = filters["network"]
        events = events.filter(Q(network__slug=slug) | Q(network__parent__slug=slug))
    return events


def event_list_for_network(*, network, limit=5, now=None):
    """The next published events organised by `network` or a network below it, soonest first,
    at most `limit`: one query."""
    now = now or timezone.now()
    return list(
        _published()
        .filter(network__in=networks_within(pk=network.pk), ends_at__gte=now)
        .order_by("starts_at")[:limit]
    )


def event_years():
    return sorted(
        {
            moment.year
            for moment in Event.objects.filter(is_published=True).dates("starts_at", "year")
        },
        reverse=True,
    )


def event_feed(*, now=None):
    """Upcoming public events, for the iCalendar feed."""
    now = now or timezone.now()
    return (
        _published()
        .filter(ends_at__gte=now, audience=Event.Audience.PUBLIC)
        .order_by("starts_at")[:200]
    )


def event_get(*, slug, actor=None):
    """One event the actor may see, with its vocabularies and open calls; DoesNotExist if not."""
    event = (
        Event.objects.select_related(*EVENT_RELATED)
        .prefetch_related("calls")
        .with_vocabulary("languages", "interpretation")
        .get(slug=slug)
    )
    if not can_see_event(actor, event):
        raise Event.DoesNotExist
    return event


def event_places(*, event):
    """Confirmed registrations, waiting list length and places left (None when unlimited)."""
    counts = dict(
        event.registrations.filter(status__in=Registration.ACTIVE)
        .values_list("status")
        .annotate(count=Count("id"))
    )
    confirmed = counts.get(Registration.Status.CONFIRMED, 0)
    left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return {
        "confirmed": confirmed,
        "waitlisted": counts.get(Registration.Status.WAITLISTED, 0),
        "pending": counts.get(Registration.Status.PENDING, 0),
        "left": left,
    }


def session_list(*, event):
    """The published programme of an event, in time order."""
    return Session.objects.filter(event=event).order_by("starts_at", "room", "id")


def programme_version(*, event):
    """A text that changes whenever `event`'s programme does (a session added, edited or
    removed): the rendered programme is kept under it, so it is never shown stale. One
    aggregate over the (event, starts_at) index."""
    found = Session.objects.filter(event=event).aggregate(count=Count("pk"), last=Max("updated_at"))
    return f"{found['count']}:{found['last'].isoformat() if found['last'] else ''}"


def registration_list_for(*, event, actor):
    """Every registration of `event`, for its organisers only; raises PermissionError else."""
    if not is_organiser(actor, event):
        raise PermissionError
    return event.registrations.select_related("country").order_by("registered_at", "id")


def registration_confirmed_for(*, event, actor):
    """`actor`'s confirmed registration for `event` (made while signed in), or None."""
    if not getattr(actor, "is_authenticated", False):
        return None
    return (
        event.registrations.filter(user=actor, status=Registration.Status.CONFIRMED)
        .order_by("-registered_at")
        .first()
    )


def registration_by_key(*, key):
    return Registration.objects.select_related("event", "country").get(key=key)


def events_organised_by(*, actor):
    """Events `actor` organises, for the organiser's page."""
    events = Event.objects.select_related(*EVENT_RELATED).order_by("-starts_at")
    if is_secretariat(actor):
        return events[:100]
    return [event for event in events.filter(organisers=actor)] + [
        event for event in events.exclude(organisers=actor) if is_organiser(actor, event)
    ][:100]


def call_get(*, event, pk):
    return (
        Call.objects.prefetch_related("tracks", "criteria")
        .select_related("event")
        .get(event=event, pk=pk)
    )


def reviews_assigned_to(*, actor, call):
    """The reviews `actor` has been given in `call`; nothing else."""
    return (
        Review.objects.filter(reviewer_id=getattr(actor, "pk", None), submission__call=call)
        .select_related("submission__track")
        .order_by("completed_at", "assigned_at")
    )


def review_get_for(*, actor, pk):
    """A review the actor was assigned, with its submission; DoesNotExist otherwise."""
    return (
        Review.objects.select_related("submission__call__event", "submission__track")
        .prefetch_related("submission__coauthors", "scores")
        .get(pk=pk, reviewer_id=getattr(actor, "pk", None))
    )


def submissions_for_organiser(*, call, actor):
    """Every submission to `call` with its average score; organisers only."""
    if not can_manage_call(actor, call):
        raise PermissionError
    return (
        Submission.objects.filter(call=call)
        .select_related("track", "submitter", "organisation")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.select_related("reviewer")))
        .annotate(average=Avg("reviews__scores__value"))
        .order_by("status", "-average", "submitted_at")
    )


def submission_get_for_organiser(*, actor, pk):
    submission = (
        Submission.objects.select_related("call__event", "track", "submitter", "organisation")
        .prefetch_related("coauthors", "reviews__reviewer", "reviews__scores__criterion")
        .get(pk=pk)
    )
    if not can_manage_call(actor, submission.call):
        raise Submission.DoesNotExist
    return submission


def reviews_waiting_for(*, actor):
    """The reviews `actor` was given and has not yet submitted, newest assignment first."""
    return (
        Review.objects.filter(reviewer_id=getattr(actor, "pk", None), completed_at__isnull=True)
        .select_related("submission__call__event")
        .order_by("-assigned_at", "-pk")
    )


def events_with_requests_for(*, actor, now=None):
    """Events `actor` organises (as a named organiser, a coordinator of the organising network
    or its region, or staff; see `is_organiser`) that have not ended and have requests to take
    part awaiting approval, with `waiting` counted; the newest request first."""
    if not getattr(actor, "is_authenticated", False):
        return Event.objects.none()
    now = now or timezone.now()
    pending = Q(registrations__status=Registration.Status.PENDING)
    events = Event.objects.filter(ends_at__gte=now).annotate(
        waiting=Count("registrations", filter=pending),
        latest=Max("registrations__registered_at", filter=pending),
    )
    if not is_secretariat(actor):
        networks = role_scopes(actor, RoleAssignment.Role.COORDINATOR, Network)
        events = events.filter(
            Q(pk__in=Event.organisers.through.objects.filter(user_id=actor.pk).values("event_id"))
            | Q(network__in=networks)
            | Q(network__parent__in=networks)
        )
    return events.filter(waiting__gt=0).order_by("-latest", "-pk")


def registrations_of(*, actor, now=None):
    """`actor`'s own registrations: places, requests and waiting-list entries for events that
    have not ended, and any with a certificate; the newest first."""
    if not getattr(actor, "is_authenticated", False):
        return Registration.objects.none()
    now = now or timezone.now()
    return (
        Registration.objects.filter(user=actor)
        .filter(
            Q(status__in=Registration.ACTIVE, event__ends_at__gte=now)
            | Q(certificate_issued_at__isnull=False)
        )
        .select_related("event")
        .order_by("-registered_at", "-pk")
    )
