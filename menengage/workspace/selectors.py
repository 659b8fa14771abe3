"""What needs a person now, gathered from every app through that app's own selectors and
permissions: each section is there only when the person's roles open it.

This app sits above every other (it imports them; none imports it) and keeps no data.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from menengage.activities.selectors import working_groups_of
from menengage.concerns.models import Concern
from menengage.concerns.permissions import can_handle_cases
from menengage.concerns.selectors import case_list_for
from menengage.core.translation import translated_order
from menengage.declarations.selectors import declarations_unsigned_by
from menengage.events.selectors import (
    events_with_requests_for,
    registrations_of,
    reviews_waiting_for,
)
from menengage.governance.selectors import proposals_awaiting
from menengage.members.permissions import can_see_review_queue
from menengage.members.selectors import (
    application_queue_for,
    framework_unendorsed_by,
    organisations_represented_by,
)
from menengage.networks.models import Network

# Items shown per section; the count says how many there are, the section's link shows all.
SHOWN = 5


@dataclass
class Item:
    """One thing to act on: what it is, where to act, since when, and a short note."""

    label: str
    url: str
    when: object = None
    note: str = ""


@dataclass
class Section:
    """One kind of work, with how many wait and the newest of them."""

    key: str
    title: str
    count: int
    items: list = field(default_factory=list)
    url: str = ""
    # Counts without details: confidential cases before a fresh second factor.
    hidden: str = ""
    # (label, count) per network, scope or kind, where the work divides.
    breakdown: list = field(default_factory=list)


def _newest(queryset):
    """(the first SHOWN rows, how many there are): one query when they all fit."""
    rows = list(queryset[: SHOWN + 1])
    count = len(rows) if len(rows) <= SHOWN else queryset.count()
    return rows[:SHOWN], count


def _applications(actor):
    if not can_see_review_queue(actor):
        return None
    queue = application_queue_for(actor=actor).order_by("-submitted_at", "-pk")
    applications, count = _newest(queue)
    items = [
        Item(
            label=str(application.membership.member),
            url=reverse("members:review_detail", kwargs={"pk": application.pk}),
            when=application.submitted_at,
            note=application.membership.network.name,
        )
        for application in applications
    ]
    return Section(
        "applications",
        _("Applications to decide"),
        count,
        items,
        reverse("members:review_queue"),
        breakdown=_per_network(queue) if count else [],
    )


def _per_network(applications):
    """(network name, applications) for each network with any, by name."""
    counts = dict(
        applications.order_by().values_list("membership__network").annotate(waiting=Count("pk"))
    )
    networks = Network.objects.filter(pk__in=counts).order_by(translated_order("name"))
    return [(network.name, counts[network.pk]) for network in networks]


def _cases(actor, details):
    if not can_handle_cases(actor):
        return None
    cases = case_list_for(actor=actor).filter(status__in=Concern.OPEN_STATUSES)
    if not details:
        return Section(
            "cases",
            _("Concern cases assigned to you"),
            cases.count(),
            url=reverse("concerns:case_list"),
            hidden=_("Enter your two-factor code on the case list to see them."),
        )
    rows, count = _newest(cases)
    items = [
        Item(
            label=concern.reference,
            url=reverse("concerns:case_detail", kwargs={"pk": concern.pk}),
            when=concern.received_at,
            note=concern.get_status_display(),
        )
        for concern in rows
    ]
    return Section(
        "cases", _("Concern cases assigned to you"), count, items, reverse("concerns:case_list")
    )


def _proposals(actor):
    rows, count = _newest(proposals_awaiting(actor=actor))
    if not count:
        return None
    items = [
        Item(
            label=proposal.title,
            url=proposal.get_absolute_url(),
            when=proposal.opened_at,
            note=(
                _("%(body)s · your position is awaited") % {"body": proposal.body.name}
                if proposal.waiting
                else _("%(body)s · closing soon") % {"body": proposal.body.name}
            ),
        )
        for proposal in rows
    ]
    return Section("proposals", _("Proposals awaiting you"), count, items)


def _reviews(actor):
    rows, count = _newest(reviews_waiting_for(actor=actor))
    if not count:
        return None
    items = [
        Item(
            label=review.submission.title,
            url=reverse("events:review", kwargs={"pk": review.pk}),
            when=review.assigned_at,
            note=review.submission.call.event.title,
        )
        for review in rows
    ]
    return Section("reviews", _("Reviews to score"), count, items)


def _requests(actor):
    rows, count = _newest(events_with_requests_for(actor=actor))
    if not count:
        return None
    items = [
        Item(
            label=event.title,
            url=reverse("events:registrations", kwargs={"slug": event.slug}),
            when=event.latest,
            note=_("%(count)s waiting for approval") % {"count": event.waiting},
        )
        for event in rows
    ]
    return Section(
        "requests",
        _("Events you organise with requests waiting"),
        count,
        items,
        reverse("events:organiser"),
    )


def _registrations(actor):
    rows, count = _newest(registrations_of(actor=actor))
    if not count:
        return None
    items = [
        Item(
            label=registration.event.title,
            url=reverse("events:registration", kwargs={"key": registration.key}),
            when=registration.event.starts_at,
            note=(
                _("certificate ready")
                if registration.certificate_issued_at
                else registration.get_status_display()
            ),
        )
        for registration in rows
    ]
    return Section("registrations", _("Your registrations and certificates"), count, items)


def _declarations(organisations):
    rows = declarations_unsigned_by(organisations=organisations)
    if not rows:
        return None
    items = [
        Item(
            label=declaration.title,
            url=declaration.get_absolute_url(),
            when=declaration.adopted_on,
            note=", ".join(organisation.name for organisation in missing),
        )
        for declaration, missing in rows[:SHOWN]
    ]
    return Section(
        "declarations", _("Declarations your organisation has not signed"), len(rows), items
    )


def _framework(organisations):
    if not organisations:
        return None
    rows = [
        (org, documents)
        for org, documents in framework_unendorsed_by(organisations=organisations)
        if documents
    ]
    items = [
        Item(
            label=str(document),
            # Endorsing is a button on the portal, beside the organisation's other documents.
            url=f"{reverse('members:portal')}#org-{organisation.pk}",
            when=document.in_force_from,
            note=organisation.name,
        )
        for organisation, documents in rows
        for document in documents
    ]
    items.sort(key=lambda item: item.when, reverse=True)
    if not items:
        return None
    return Section(
        "framework",
        _("Framework versions to endorse"),
        len(items),
        items[:SHOWN],
        reverse("members:portal"),
    )


def _working_groups(actor):
    rows, count = _newest(working_groups_of(actor=actor))
    if not count:
        return None
    items = [Item(label=group.name, url=group.get_absolute_url()) for group in rows]
    return Section("working_groups", _("Your working groups"), count, items)


def workspace_sections(*, actor, case_details):
    """The sections of `actor`'s workspace, in the order they are acted on. Case details are
    shown only when `case_details` (a fresh second factor); otherwise their count alone."""
    organisations = list(organisations_represented_by(actor=actor))
    sections = [
        _applications(actor),
        _cases(actor, case_details),
        _proposals(actor),
        _reviews(actor),
        _requests(actor),
        _framework(organisations),
        _declarations(organisations),
        _registrations(actor),
        _working_groups(actor),
    ]
    return [section for section in sections if section is not None]
