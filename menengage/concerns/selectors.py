"""Reads for concerns: cases an actor may see, the people who may handle one, and statistics."""

import statistics

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import role_holders, roles_in_force
from menengage.core.translation import translated_order
from menengage.governance import selectors as governance
from menengage.members.models import Membership, Organisation
from menengage.networks.models import Network

from . import crypto
from .models import Attachment, CaseAssignment, CaseExclusion, CaseStep, Concern

SUPPRESS_BELOW = 5


def case_list_for(*, actor):
    """The cases `actor` is assigned to and not excluded from, newest first."""
    if not getattr(actor, "is_authenticated", False):
        return Concern.objects.none()
    excluded = CaseExclusion.objects.filter(concern=OuterRef("pk"), user=actor)
    return (
        Concern.objects.filter(assignments__user=actor)
        .exclude(Exists(excluded))
        .select_related("handling_network", "region")
        .defer("content")
        .order_by("-received_at")
    )


def case_get_for(*, actor, pk):
    """One case `actor` may read; Concern.DoesNotExist otherwise (shown as 404)."""
    return case_list_for(actor=actor).get(pk=pk)


def case_thread(concern, *, for_reporter=False):
    """The case's steps, oldest first, each with its decrypted text and attachments' names;
    for the reporter only the steps addressed to them or written by them."""
    steps = concern.steps.select_related("actor").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.defer("data"))
    )
    if for_reporter:
        steps = steps.filter(kind__in=CaseStep.SEEN_BY_REPORTER)
    return [
        {
            "step": step,
            "text": crypto.decrypt_text(step.body),
            "attachments": [(a, crypto.decrypt_text(a.name)) for a in step.attachments.all()],
        }
        for step in steps
    ]


def case_first_attachments(concern):
    """Files given with the report itself, with their decrypted names."""
    files = concern.attachments.filter(step__isnull=True).defer("data")
    return [(a, crypto.decrypt_text(a.name)) for a in files]


def case_assignments(concern):
    return concern.assignments.select_related("user").order_by("role", "user__name")


def focal_points_of(network):
    return role_holders(RoleAssignment.Role.FOCAL_POINT, network)


def global_network():
    return Network.objects.filter(kind=Network.Kind.GLOBAL).first()


def network_chain(network):
    """`network`, the networks above it, and the global network last."""
    chain = []
    while network is not None and network not in chain:
        chain.append(network)
        network = network.parent
    top = global_network()
    if top is not None and top not in chain:
        chain.append(top)
    return chain


def organisation_network(organisation):
    """The network `organisation` belongs to (its active membership first)."""
    memberships = Membership.objects.filter(organisation=organisation).select_related(
        "network__parent"
    )
    membership = memberships.filter(status=Membership.Status.ACTIVE).first() or memberships.first()
    return membership.network if membership else None


def region_of(network):
    while network is not None:
        if network.kind == Network.Kind.REGIONAL:
            return network
        network = network.parent
    return None


def people_of_organisation(organisation):
    """Representatives of `organisation`, and its delegates on governing bodies."""
    representatives = roles_in_force(RoleAssignment.Role.REPRESENTATIVE, scope=organisation)
    delegates = governance.terms_current().filter(organisation=organisation).values("delegate")
    return set(representatives.values_list("user", flat=True)) | set(
        delegates.values_list("delegate", flat=True)
    )


def people_of_network(network):
    """Everyone holding a role in `network` (coordinators, focal points), and the
    representatives of its active member organisations."""
    in_network = roles_in_force(scope=network)
    members = Membership.objects.filter(
        network=network, status=Membership.Status.ACTIVE, organisation__isnull=False
    ).values("organisation")
    representatives = roles_in_force(RoleAssignment.Role.REPRESENTATIVE, scope=Organisation).filter(
        scope_id__in=members
    )
    individuals = Membership.objects.filter(
        network=network, status=Membership.Status.ACTIVE, person__isnull=False
    ).values_list("person", flat=True)
    return (
        set(in_network.values_list("user", flat=True))
        | set(representatives.values_list("user", flat=True))
        | set(individuals)
    )


def governance_committee_members():
    committee = governance.governance_committee()
    return list(governance.body_members(committee)) if committee else []


def case_eligible_handlers(concern):
    """People a lead may add to `concern`: focal points of the handling network and the networks
    above it, and the Governance Committee for its cases; never the excluded or those already on."""
    excluded = set(concern.exclusions.values_list("user", flat=True))
    assigned = set(concern.assignments.values_list("user", flat=True))
    people = {}
    if concern.route == Concern.Route.GOVERNANCE:
        people.update({person.pk: person for person in governance_committee_members()})
    start = concern.handling_network or global_network()
    for network in network_chain(start):
        people.update({person.pk: person for person in focal_points_of(network)})
    return sorted(
        (p for pk, p in people.items() if pk not in excluded | assigned),
        key=lambda person: (person.name, person.email),
    )


def cases_overdue(*, today=None):
    """Open cases past a deadline that their leads have not yet been told about."""
    today = today or timezone.localdate()
    acknowledge = Q(
        status__in=Concern.UNACKNOWLEDGED,
        acknowledge_due__lt=today,
        flagged_acknowledge_at__isnull=True,
    )
    respond = Q(
        status__in=Concern.OPEN_STATUSES, respond_due__lt=today, flagged_respond_at__isnull=True
    )
    return Concern.objects.filter(acknowledge | respond).defer("content")


def case_leads(concern):
    return User.objects.filter(
        concern_assignments__concern=concern,
        concern_assignments__role=CaseAssignment.Role.LEAD,
        is_active=True,
    ).exclude(concern_exclusions__concern=concern)


# Statistics


def _figure(count):
    """A published figure: the count, or None for 'fewer than 5' (suppressed)."""
    return count if count >= SUPPRESS_BELOW else None


def _median_days(pairs):
    days = [(end - start).total_seconds() / 86400 for start, end in pairs if start and end]
    if len(days) < SUPPRESS_BELOW:
        return None
    return round(statistics.median(days), 1)


def concern_statistics(*, year):
    """Counts for concerns received in `year` by kind, region and status, and the median days to
    acknowledge and to close; every figure under 5 is suppressed (None)."""
    rows = list(
        Concern.objects.filter(received_at__year=year).values_list(
            "kind", "region_id", "status", "received_at", "acknowledged_at", "closed_at"
        )
    )
    regions = list(
        Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(translated_order("name"))
    )

    def count(test):
        return _figure(sum(1 for row in rows if test(row)))

    by_kind = [
        (label, count(lambda r, v=value: r[0] == v)) for value, label in Concern.Kind.choices
    ]
    by_region = [(region.name, count(lambda r, pk=region.pk: r[1] == pk)) for region in regions]
    by_region.append((_("The Alliance as a whole"), count(lambda r: r[1] is None)))
    by_status = [
        (label, count(lambda r, v=value: r[2] == v)) for value, label in Concern.Status.choices
    ]
    return {
        "year": year,
        "total": _figure(len(rows)),
        "by_kind": by_kind,
        "by_region": by_region,
        "by_status": by_status,
        "median_acknowledge": _median_days((r[3], r[4]) for r in rows),
        "median_close": _median_days((r[3], r[5]) for r in rows),
    }


def concern_statistics_years():
    return [day.year for day in Concern.objects.dates("received_at", "year", order="DESC")]


def organisation_match(name):
    """The one organisation whose name or acronym is exactly `name` (any case), else None."""
    name = (name or "").strip()
    if not name:
        return None
    found = list(Organisation.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name))[:2])
    return found[0] if len(found) == 1 else None


def networks_for_choice():
    return Network.objects.order_by("kind", translated_order("name"))
