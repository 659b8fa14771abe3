"""Reads for communications: whom a message reaches, and what each person may read."""

from django.db.models import Count, Q

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import is_secretariat, roles_in_force
from menengage.activities.models import WorkingGroup
from menengage.core.models import OutgoingMail
from menengage.core.translation import translated_order
from menengage.governance.models import Body
from menengage.governance.selectors import body_members, terms_current
from menengage.members.models import Membership, Organisation
from menengage.networks.models import Network

from .models import Announcement, NewsletterIssue, Subscriber, Suppression

ANNOUNCEMENT_KIND = "communications.announcement"
NEWSLETTER_KIND = "communications.newsletter"
DIGEST_KIND = "communications.digest"


def networks_coordinated(actor):
    """The networks `actor` coordinates today, and the country networks of regions they
    coordinate."""
    if not getattr(actor, "is_authenticated", False):
        return Network.objects.none()
    held = roles_in_force(RoleAssignment.Role.COORDINATOR, scope=Network).filter(user=actor)
    ids = held.values("scope_id")
    return Network.objects.filter(Q(pk__in=ids) | Q(parent__in=ids))


def audience_options(*, actor):
    """The networks, bodies and working groups `actor` may write to."""
    if is_secretariat(actor):
        return {
            "networks": Network.objects.select_related("parent").order_by(
                "kind", translated_order("name")
            ),
            "bodies": Body.objects.all(),
            "working_groups": WorkingGroup.objects.all(),
        }
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        empty = {"networks": Network, "bodies": Body, "working_groups": WorkingGroup}
        return {name: model.objects.none() for name, model in empty.items()}
    chaired = terms_current().filter(delegate=actor, is_chair=True).values("seat__body")
    return {
        "networks": networks_coordinated(actor).order_by("kind", translated_order("name")),
        "bodies": Body.objects.filter(pk__in=chaired),
        "working_groups": WorkingGroup.objects.filter(convener_people=actor),
    }


def suppressed_addresses():
    return Suppression.objects.values("email")


def _representatives_of(organisations):
    roles = roles_in_force(RoleAssignment.Role.REPRESENTATIVE, scope=Organisation)
    return roles.filter(scope_id__in=organisations).values("user")


def announcement_recipients(announcement):
    """The people `announcement` reaches, suppressed addresses left out.

    A body: its current members. A working group: its conveners and the representatives of
    its member and convening organisations. Otherwise the members of the network (a region
    with its country networks; the whole Alliance when none) whose membership has one of the
    chosen statuses, narrowed to the chosen roles.
    """
    people = User.objects.filter(is_active=True).exclude(email__in=suppressed_addresses())
    if announcement.governing_body_id:
        return body_members(announcement.governing_body).exclude(email__in=suppressed_addresses())
    if announcement.working_group_id:
        group = announcement.working_group
        organisations = Organisation.objects.filter(
            Q(working_groups=group) | Q(convened_working_groups=group)
        ).values("pk")
        return people.filter(
            Q(pk__in=group.convener_people.values("pk"))
            | Q(pk__in=_representatives_of(organisations))
        )
    statuses = announcement.membership_statuses or [Membership.Status.ACTIVE]
    memberships = Membership.objects.filter(status__in=statuses)
    networks = Network.objects.all()
    network = announcement.network
    if network is not None and network.kind != Network.Kind.GLOBAL:
        memberships = memberships.filter(Q(network=network) | Q(network__parent=network))
        networks = networks.filter(Q(pk=network.pk) | Q(parent=network))
    roles = announcement.roles or [
        Announcement.Role.REPRESENTATIVES,
        Announcement.Role.INDIVIDUALS,
    ]
    reached = Q(pk__in=[])
    if Announcement.Role.REPRESENTATIVES in roles:
        organisations = memberships.filter(organisation__isnull=False).values("organisation")
        reached |= Q(pk__in=_representatives_of(organisations))
    if Announcement.Role.INDIVIDUALS in roles:
        reached |= Q(pk__in=memberships.filter(person__isnull=False).values("person"))
    if Announcement.Role.COORDINATORS in roles:
        coordinators = roles_in_force(RoleAssignment.Role.COORDINATOR, scope=Network)
        reached |= Q(pk__in=coordinators.filter(scope_id__in=networks.values("pk")).values("user"))
    return people.filter(reached)


def _member_scopes(actor):
    """The networks (with their regions above), bodies and working groups `actor` belongs to."""
    organisation_ids = list(
        roles_in_force(RoleAssignment.Role.REPRESENTATIVE, scope=Organisation)
        .filter(user=actor)
        .values_list("scope_id", flat=True)
    )
    network_ids = set(
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .filter(Q(organisation__in=organisation_ids) | Q(person=actor))
        .values_list("network_id", flat=True)
    )
    network_ids |= set(networks_coordinated(actor).values_list("pk", flat=True))
    network_ids |= set(
        Network.objects.filter(pk__in=network_ids, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    bodies = terms_current().filter(delegate=actor).values("seat__body")
    groups = WorkingGroup.objects.filter(
        Q(convener_people=actor)
        | Q(members__in=organisation_ids)
        | Q(convener_organisations__in=organisation_ids)
    ).values("pk")
    return network_ids, bodies, groups


def announcement_archive(*, actor, query=""):
    """The sent announcements `actor` may read, newest first, matching `query` if given:
    staff read all; a member reads those to their networks (and their regions), to the whole
    Alliance, to their bodies and working groups, and their own."""
    sent = Announcement.objects.filter(status=Announcement.Status.SENT).select_related(
        "network", "governing_body", "working_group"
    )
    if not is_secretariat(actor):
        if not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return sent.none()
        network_ids, bodies, groups = _member_scopes(actor)
        everyone = Q(network__isnull=True, governing_body__isnull=True, working_group__isnull=True)
        visible = (
            Q(network__in=network_ids)
            | Q(governing_body__in=bodies)
            | Q(working_group__in=groups)
            | Q(author=actor)
        )
        if network_ids:
            visible |= everyone
        sent = sent.filter(visible)
    for word in query.lower().split()[:8]:
        sent = sent.filter(search_text__contains=word)
    return sent.order_by("-sent_at", "-id")


def announcement_drafts(*, actor):
    """Drafts `actor` wrote (staff: every draft)."""
    drafts = Announcement.objects.filter(status=Announcement.Status.DRAFT)
    if not is_secretariat(actor):
        drafts = drafts.filter(author_id=getattr(actor, "pk", None))
    return drafts.select_related("network", "governing_body", "working_group").order_by(
        "-created_at"
    )


def announcement_get_visible(*, actor, pk):
    """One announcement `actor` may read (a sent one in their archive, or their draft)."""
    found = announcement_archive(actor=actor).filter(pk=pk).first()
    return found or announcement_drafts(actor=actor).filter(pk=pk).first()


def delivery_key_prefix(kind, message):
    return f"{kind}:{message.pk}:"


def delivery_figures(kind, message):
    """How the messages of one announcement or issue stand in the outbox, by status."""
    rows = (
        OutgoingMail.objects.filter(key__startswith=delivery_key_prefix(kind, message))
        .values("status")
        .annotate(count=Count("id"))
    )
    return {row["status"]: row["count"] for row in rows}


def newsletter_recipients(issue):
    """Confirmed subscribers of `issue`'s topic whose address is not suppressed."""
    subscribers = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exclude(
        email__in=suppressed_addresses()
    )
    # Topics are a short JSON list; filtered here because SQLite cannot look inside it.
    return [s for s in subscribers.order_by("pk") if issue.topic in s.topics]


def subscriber_figures():
    """Subscribers by status, and confirmed ones by topic and by language."""
    by_status = dict(
        Subscriber.objects.values_list("status").annotate(count=Count("id")).order_by()
    )
    topics, languages = {}, {}
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    for chosen_topics, chosen_languages in confirmed.values_list("topics", "languages"):
        for topic in chosen_topics:
            topics[topic] = topics.get(topic, 0) + 1
        for language in chosen_languages:
            languages[language] = languages.get(language, 0) + 1
    return {"by_status": by_status, "topics": topics, "languages": languages}


def mail_figures():
    """Messages of each communications kind in the outbox, by status."""
    rows = (
        OutgoingMail.objects.filter(kind__startswith="communications.")
        .values("kind", "status")
        .annotate(count=Count("id"))
        .order_by("kind", "status")
    )
    figures = {}
    for row in rows:
        figures.setdefault(row["kind"], {})[row["status"]] = row["count"]
    return figures


def newsletter_issues():
    return NewsletterIssue.objects.order_by("-created_at")


def _item(title, url):
    return {"title": str(title), "url": url}


def digest_sections(*, person, since):
    """What is new for `person` since `since`, from the same selectors as their pages: new
    resources, new upcoming events, declarations open for sign-on, proposals of their bodies
    and announcements to them. Each section keeps at most ten items; empty ones are left out."""
    from django.urls import reverse_lazy
    from django.utils.translation import gettext_lazy as _

    from menengage.declarations.models import Declaration
    from menengage.declarations.selectors import declaration_list
    from menengage.events.selectors import event_list
    from menengage.governance.models import Proposal
    from menengage.library.selectors import resource_list_newest

    resources = [
        _item(resource, resource.get_absolute_url())
        for resource in resource_list_newest(limit=10)
        if resource.published_at and resource.published_at > since
    ]
    events = [
        _item(event, event.get_absolute_url())
        for event in event_list(when="upcoming").filter(created_at__gt=since)[:10]
    ]
    declarations = [
        _item(declaration, declaration.get_absolute_url())
        for declaration in declaration_list()
        .filter(status=Declaration.Status.ADOPTED)
        .filter(Q(adopted_on__gte=since.date()) | Q(created_at__gt=since))[:10]
    ]
    bodies = terms_current().filter(delegate=person).values("seat__body")
    proposals = [
        _item(proposal, reverse_lazy("governance:proposal", args=[proposal.pk]))
        for proposal in Proposal.objects.filter(
            body__in=bodies, status=Proposal.Status.OPEN, opened_at__gt=since
        ).order_by("-opened_at")[:10]
    ]
    announcements = [
        _item(announcement.subject, announcement.get_absolute_url())
        for announcement in announcement_archive(actor=person).filter(sent_at__gt=since)[:10]
    ]
    sections = [
        (_("Announcements"), announcements),
        (_("Proposals of your bodies"), proposals),
        (_("Declarations open for sign-on"), declarations),
        (_("New events"), events),
        (_("New resources"), resources),
    ]
    return [{"title": title, "items": items} for title, items in sections if items]


def digest_subscribers(frequency):
    from .models import DigestPreference

    return (
        DigestPreference.objects.filter(frequency=frequency, user__is_active=True)
        .exclude(user__email__in=suppressed_addresses())
        .select_related("user")
        .order_by("pk")
    )
