"""Reads for members."""

import hashlib
import json
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, When
from django.utils import timezone

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import (
    is_secretariat,
    role_holders,
    role_scopes,
    roles_in_force,
)
from menengage.core.countries import countries_by_name
from menengage.core.models import Country, Term
from menengage.core.translation import (
    active_language,
    site_languages,
    translated_order,
)
from menengage.core.vocabulary import term_ids
from menengage.networks.models import Network
from menengage.networks.selectors import network_ids_within, networks_within

from .models import Application, FrameworkDocument, Membership, Organisation

HOME_FIGURES_CACHE_SECONDS = 60


def alliance_figures():
    """Live figures for the home page: member organisations and the countries they work in.

    Counted from the data at most a minute ago: counting 7,000 memberships on every view of
    the home page was most of its time on PostgreSQL.
    """
    figures = caches["fragments"].get("home-figures")
    if figures is None:
        active = Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
        figures = active.aggregate(
            organisations=Count("pk", distinct=True),
            countries=Count("country", distinct=True, filter=Q(country__isnull=False)),
        )
        caches["fragments"].set("home-figures", figures, HOME_FIGURES_CACHE_SECONDS)
    return figures


def framework_current(*, kinds=None, on=None):
    """The version of each framework document in force on `on` (today by default)."""
    on = on or timezone.localdate()
    documents = FrameworkDocument.objects.filter(in_force_from__lte=on).order_by(
        "kind", "-in_force_from"
    )
    if kinds:
        documents = documents.filter(kind__in=kinds)
    current = {}
    for document in documents:
        current.setdefault(document.kind, document)
    return list(current.values())


def framework_versions():
    """Every version of every framework document, newest first within each kind."""
    return FrameworkDocument.objects.order_by("kind", "-in_force_from")


def framework_get(*, kind, version):
    return FrameworkDocument.objects.get(kind=kind, version=version)


def network_coordinators(*, network):
    """The people who coordinate `network`, who are told of its new applications."""
    return role_holders(RoleAssignment.Role.COORDINATOR, network)


def application_queue_for(*, actor):
    """Confirmed applications under review that `actor` may decide, oldest first.

    Staff see every network's; a coordinator sees the networks they coordinate and, for a
    region, its country networks' applications once they have been escalated.
    """
    applications = Application.objects.filter(
        email_confirmed_at__isnull=False, membership__status=Membership.Status.UNDER_REVIEW
    ).select_related(
        "membership__network__parent", "membership__organisation__country", "membership__person"
    )
    if is_secretariat(actor):
        return applications
    networks = role_scopes(actor, RoleAssignment.Role.COORDINATOR, Network)
    return applications.filter(
        Q(membership__network__in=networks)
        | Q(membership__network__parent__in=networks, escalated_at__isnull=False)
    )


def application_get_for(*, actor, pk):
    """One application from `actor`'s queue (or any state for staff); DoesNotExist otherwise."""
    applications = Application.objects.select_related(
        "membership__network__parent", "membership__organisation__country", "membership__person"
    )
    if is_secretariat(actor):
        return applications.get(pk=pk)
    queue = application_queue_for(actor=actor).values("pk")
    return applications.filter(pk__in=queue).get(pk=pk)


def organisations_represented_by(*, actor):
    """The organisations `actor` represents, with their memberships and networks."""
    ids = role_scopes(actor, RoleAssignment.Role.REPRESENTATIVE, Organisation)
    return (
        Organisation.objects.filter(pk__in=ids)
        .select_related("country")
        .prefetch_related("memberships__network", "endorsements__document")
    )


def organisation_people(*, organisation):
    """The people who represent `organisation`."""
    return role_holders(RoleAssignment.Role.REPRESENTATIVE, organisation).order_by("name", "email")


def framework_unendorsed_by(*, organisations):
    """(organisation, documents in force it has not endorsed) for each of `organisations`,
    whose endorsements are preloaded; the documents in force are read once."""
    current = framework_current()
    rows = []
    for organisation in organisations:
        endorsed = {endorsement.document_id for endorsement in organisation.endorsements.all()}
        rows.append((organisation, [doc for doc in current if doc.pk not in endorsed]))
    return rows


def framework_announcement_recipients():
    """Representatives of active member organisations, and active individual members."""
    active_orgs = Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__isnull=False
    ).values("organisation")
    representatives = Q(
        pk__in=roles_in_force(RoleAssignment.Role.REPRESENTATIVE, scope=Organisation)
        .filter(scope_id__in=active_orgs)
        .values("user")
    )
    individuals = Q(memberships__status=Membership.Status.ACTIVE)
    return User.objects.filter(is_active=True).filter(representatives | individuals).distinct()


def membership_get_for_coordinator(*, actor, pk):
    """One membership of `actor`'s networks (any status but applied), or None."""
    memberships = Membership.objects.select_related("network__parent", "organisation", "person")
    if not is_secretariat(actor):
        networks = role_scopes(actor, RoleAssignment.Role.COORDINATOR, Network)
        memberships = memberships.filter(Q(network__in=networks) | Q(network__parent__in=networks))
    return memberships.exclude(status=Membership.Status.APPLIED).filter(pk=pk).first()


def endorsement_matrix(*, memberships, documents):
    """(membership, [endorsed each of `documents`?]) for memberships with endorsements loaded."""
    rows = []
    for membership in memberships:
        member = membership.organisation or membership.person
        endorsed = {endorsement.document_id for endorsement in member.endorsements.all()}
        rows.append((membership, [document.pk in endorsed for document in documents]))
    return rows


def applications_overdue(*, before):
    """Confirmed applications under review with no action since `before`, not yet escalated."""
    return Application.objects.filter(
        email_confirmed_at__isnull=False,
        membership__status=Membership.Status.UNDER_REVIEW,
        last_action_at__lt=before,
        escalated_at__isnull=True,
    ).select_related("membership__network__parent", "membership__organisation")


def network_members_for_coordinator(*, actor):
    """The current (active, lapsed, suspended) memberships of the networks `actor` coordinates
    and their country networks, with contact details and endorsements of the framework
    versions in force; staff see all."""
    current = [Membership.Status.ACTIVE, Membership.Status.LAPSED, Membership.Status.SUSPENDED]
    memberships = (
        Membership.objects.filter(status__in=current)
        .select_related("network", "organisation__country", "person__country")
        .prefetch_related("organisation__endorsements", "person__endorsements")
        .order_by(translated_order("network__name"), "organisation__name", "person__name")
    )
    if is_secretariat(actor):
        return memberships
    networks = role_scopes(actor, RoleAssignment.Role.COORDINATOR, Network)
    return memberships.filter(Q(network__in=networks) | Q(network__parent__in=networks))


# Directory

DIRECTORY_FILTERS = ("q", "region", "country", "network", "kind", "theme", "language")
DIRECTORY_SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "newest": ("-created_at", "-pk"),
}
DIRECTORY_FACETS_CACHE_SECONDS = 60


class FacetOption(NamedTuple):
    value: str
    label: str
    count: int


def _active_membership():
    return Membership.objects.filter(organisation=OuterRef("pk"), status=Membership.Status.ACTIVE)


def _active_members_of(networks):
    """The ids of organisations with an active membership in one of `networks` (ids)."""
    return Membership.objects.filter(
        status=Membership.Status.ACTIVE, network__in=networks, organisation__isnull=False
    ).values("organisation_id")


def _networks_chosen(filters):
    """{"region" or "network": the ids of that network and those below it} for the filters
    that name one: read once for a page, however many facets it counts."""
    chosen = {}
    if region := filters.get("region"):
        chosen["region"] = network_ids_within(slug=region, kind=Network.Kind.REGIONAL)
    if network := filters.get("network"):
        chosen["network"] = network_ids_within(slug=network)
    return chosen


def _directory_matching(filters, *, without=None, networks=None):
    """Member organisations matching every filter in `filters` except the one named `without`.

    Filters on related rows are `pk IN (ids from the link table)` rather than joins, so an
    organisation with several memberships or themes is counted once and facet counts stay
    exact. `networks` is what _networks_chosen(filters) gives, when the caller has it.
    """
    active = {key: value for key, value in filters.items() if value and key != without}
    organisations = Organisation.objects.all()
    if networks is None:
        networks = _networks_chosen(active)
    within = [ids for key, ids in networks.items() if key in active]
    for ids in within:
        organisations = organisations.filter(pk__in=_active_members_of(ids))
    if not within:
        # A network or a region asks for an active membership already.
        organisations = organisations.filter(Exists(_active_membership()))
    if q := active.get("q"):
        organisations = organisations.filter(search_text__contains=q.lower())
    if kind := active.get("kind"):
        organisations = organisations.filter(kind=kind)
    if country := active.get("country"):
        organisations = organisations.filter(country_id=country.upper())
    for key, field in (("theme", "themes"), ("language", "languages")):
        if code := active.get(key):
            # The link table read once, not probed per organisation.
            links = getattr(Organisation, field).through.objects
            organisations = organisations.filter(
                pk__in=links.filter(term_id__in=term_ids(code)).values("organisation_id")
            )
    return organisations


def organisation_list_for_network(*, network):
    """The member organisations of `network`: exactly what the directory finds for it, and
    what its member count counts (an active membership in it or a network below it)."""
    return _directory_matching({"network": network.slug})


def organisation_ids_for_network(*, network):
    """The ids of `network`'s member organisations, for use as a subquery: the organisations
    organisation_list_for_network lists, read from the memberships alone. A page section
    asking "resources by the network's members" reads the (network, status) index this way
    rather than testing every organisation (7 ms instead of 31 for Africa at ten times the
    Alliance)."""
    return _active_members_of(networks_within(pk=network.pk))


def organisation_list_for_directory(*, filters, sort="name", full=False):
    """Organisations with an active membership matching `filters` (a mapping with the keys in
    DIRECTORY_FILTERS), sorted by `sort` (a key of DIRECTORY_SORTS), with their country and
    themes preloaded; with `full`, also their age groups, languages and member networks.

    Contact details are on the rows: show them only through organisation_public_contact.
    """
    # The country comes in its own query: joining it before the sort makes SQLite sort wide rows.
    organisations = _directory_matching(filters).with_vocabulary("country", "themes")
    if full:
        networks = Membership.objects.filter(status=Membership.Status.ACTIVE).select_related(
            "network"
        )
        organisations = organisations.with_vocabulary("age_groups", "languages").prefetch_related(
            Prefetch("memberships", queryset=networks, to_attr="active_memberships"),
        )
    return organisations.order_by(*DIRECTORY_SORTS.get(sort, DIRECTORY_SORTS["name"]))


def _term_counts(field, organisations):
    links = getattr(Organisation, field).through.objects
    return dict(
        links.filter(organisation__in=organisations.values("pk"))
        .values_list("term__code")
        .annotate(count=Count("pk"))
        .order_by()
    )


def _region_counts(organisations):
    region = Case(
        When(network__kind=Network.Kind.REGIONAL, then=F("network__slug")),
        When(network__parent__kind=Network.Kind.REGIONAL, then=F("network__parent__slug")),
    )
    return dict(
        Membership.objects.filter(
            status=Membership.Status.ACTIVE, organisation__in=organisations.values("pk")
        )
        .annotate(region=region)
        .exclude(region=None)
        .values_list("region")
        .annotate(count=Count("organisation", distinct=True))
        .order_by()
    )


def _filters_key(filters):
    """A short cache key for a combination of directory filters (empty ones ignored)."""
    chosen = json.dumps(sorted((key, value) for key, value in filters.items() if value))
    return hashlib.sha256(chosen.encode()).hexdigest()


def _directory_facet_counts(filters):
    """{facet: {value: count}} under `filters`, kept for a minute.

    At ten times the real Alliance these four aggregates cost more than the page of results
    itself, so they are cached per combination of filters; a new member shows in the list at
    once and in the counts within DIRECTORY_FACETS_CACHE_SECONDS.
    """
    key = f"directory-facets:{_filters_key(filters)}"
    counts = caches["fragments"].get(key)
    if counts is None:
        networks = _networks_chosen(filters)

        def matching(without):
            return _directory_matching(filters, without=without, networks=networks)

        counts = {
            "kind": dict(
                matching("kind").values_list("kind").annotate(count=Count("pk")).order_by()
            ),
            "region": _region_counts(matching("region")),
            "theme": _term_counts("themes", matching("theme")),
            "language": _term_counts("languages", matching("language")),
        }
        caches["fragments"].set(key, counts, DIRECTORY_FACETS_CACHE_SECONDS)
    return counts


def organisation_directory_facets(*, filters):
    """Options with counts for the kind, region, theme and language filters.

    Each facet's counts apply every other filter and the query but not its own, so the counts
    say what choosing another value of that filter would give. One aggregate query per facet
    (cached briefly), plus one for the regional networks and one for the terms.
    """
    counts = _directory_facet_counts(filters)
    terms = Term.objects.filter(vocabulary__in=[Term.Vocabulary.THEME, Term.Vocabulary.LANGUAGE])
    regional = Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
        "is_forming", translated_order("name")
    )
    return {
        "kind": [
            FacetOption(kind.value, kind.label, counts["kind"].get(kind.value, 0))
            for kind in Organisation.Kind
        ],
        "region": [
            FacetOption(network.slug, network.name, counts["region"].get(network.slug, 0))
            for network in regional
        ],
        "theme": [
            FacetOption(term.code, term.name, counts["theme"].get(term.code, 0))
            for term in terms
            if term.vocabulary == Term.Vocabulary.THEME
        ],
        "language": [
            FacetOption(term.code, term.name, counts["language"].get(term.code, 0))
            for term in terms
            if term.vocabulary == Term.Vocabulary.LANGUAGE
        ],
    }


class CountryPlace(NamedTuple):
    code: str
    name: str


class NetworkPlace(NamedTuple):
    slug: str
    name: str


DIRECTORY_PLACES_CACHE_SECONDS = 300


def organisation_directory_places():
    """The countries and networks that have active member organisations, for the filters.

    Plain (code, name) pairs in the active language, cached for a few minutes: building
    and rendering some 180 model rows per request cost more than the page of results.
    """
    language = active_language()
    key = f"directory-places:{language}"
    places = caches["fragments"].get(key)
    if places is not None:
        return places
    members = Organisation.objects.filter(country=OuterRef("pk")).filter(
        Exists(_active_membership())
    )
    countries = countries_by_name(Country.objects.filter(Exists(members)))
    networks = Network.objects.filter(
        Exists(
            Membership.objects.filter(
                network__in=networks_within(pk=OuterRef(OuterRef("pk"))),
                status=Membership.Status.ACTIVE,
                organisation__isnull=False,
            )
        )
    ).order_by(translated_order("name"))
    places = {
        # Plain text: a kept Translation is rebuilt on every read of the cache.
        "countries": [CountryPlace(country.code, str(country.name)) for country in countries],
        "networks": [NetworkPlace(network.slug, str(network.name)) for network in networks],
    }
    caches["fragments"].set(key, places, DIRECTORY_PLACES_CACHE_SECONDS)
    return places


def organisation_get_for_directory(*, slug=None, pk=None):
    """One organisation with an active membership, by slug or id, with everything its public
    page shows preloaded; raises Organisation.DoesNotExist otherwise."""
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    networks = (
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .select_related("network__parent")
        .order_by("network__kind", translated_order("network__name"))
    )
    return (
        Organisation.objects.filter(Exists(_active_membership()))
        .select_related("logo")
        .with_vocabulary("country", "themes", "age_groups", "languages")
        .prefetch_related(
            Prefetch("memberships", queryset=networks, to_attr="active_memberships"),
        )
        .get(**lookup)
    )


def organisation_public_contact(organisation):
    """The contact details the organisation chose to publish: e-mail and telephone, or ""."""
    return {
        "email": organisation.public_email if organisation.show_email else "",
        "phone": organisation.public_phone if organisation.show_phone else "",
    }


# Map

MEMBER_MAP_CACHE_SECONDS = 300
COUNTRY_POINTS_CACHE_SECONDS = 24 * 60 * 60


class MapCountry(NamedTuple):
    code: str
    name: str
    count: int
    latitude: float | None
    longitude: float | None


def member_map(*, filters=None, network=None):
    """Member organisations per country, by country name in the active language, with each
    country's code and map position (None for the few countries without one).

    The map shows what the directory finds: every filter of `filters` (the directory's) but
    the country, which the map itself chooses. `network` is short for the network filter (a
    network and those below it, as its member count). One aggregate query and one for the
    countries, cached per language and filters for MEMBER_MAP_CACHE_SECONDS.
    """
    filters = dict(filters or {})
    if network is not None:
        filters["network"] = network.slug
    filters.pop("country", None)
    language = active_language()
    key = f"member-map:{language}:{_filters_key(filters)}"
    countries = caches["fragments"].get(key)
    if countries is not None:
        return countries
    counts = dict(
        _directory_matching(filters)
        .values_list("country_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    countries = map_countries(counts)
    caches["fragments"].set(key, countries, MEMBER_MAP_CACHE_SECONDS)
    return countries


def map_countries(counts):
    """MapCountry rows for {country code: count}, in the active language's alphabetical order
    of country names (one query for the countries)."""
    named = countries_by_name(Country.objects.filter(code__in=[code for code in counts if code]))
    return [
        MapCountry(
            country.code, country.name, counts[country.code], country.latitude, country.longitude
        )
        for country in named
    ]


def country_map_points():
    """(latitude, longitude) of every country that has a position: the map's faint background.

    The table only changes with a migration, so the list is kept for a day.
    """
    points = caches["fragments"].get("member-map:countries")
    if points is None:
        points = list(
            Country.objects.filter(latitude__isnull=False, longitude__isnull=False)
            .order_by("code")
            .values_list("latitude", "longitude")
        )
        caches["fragments"].set("member-map:countries", points, COUNTRY_POINTS_CACHE_SECONDS)
    return points


# Export

EXPORT_COLUMNS = (
    "identifier",
    "name",
    "acronym",
    "kind",
    "country",
    "city",
    "website",
    "founded",
    "email",
    "networks",
    "themes",
)


def export_columns():
    """The export's columns: the fixed ones, then the description in each site language (read
    from settings, so a language added there gets its column)."""
    return (*EXPORT_COLUMNS, *(f"description_{code}" for code in site_languages()))


def organisation_export_rows():
    """Every organisation with an active membership, by name, as a dict per EXPORT_COLUMNS for
    the staff export: the public e-mail whether or not it is shown, and the slugs of its active
    networks and codes of its themes as lists. Three queries, however many rows.

    The column names are those organisation_import_row reads, so an export can be imported.
    """
    networks = (
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .select_related("network")
        .order_by("network__slug")
    )
    organisations = (
        Organisation.objects.filter(Exists(_active_membership()))
        .prefetch_related(
            "themes", Prefetch("memberships", queryset=networks, to_attr="active_memberships")
        )
        .order_by("name", "pk")
    )
    return [
        {
            "identifier": organisation.identifier,
            "name": organisation.name,
            "acronym": organisation.acronym,
            "kind": organisation.kind,
            "country": organisation.country_id,
            "city": organisation.city,
            "website": organisation.website,
            "founded": organisation.founded,
            "email": organisation.public_email,
            "networks": [m.network.slug for m in organisation.active_memberships],
            "themes": sorted(term.code for term in organisation.themes.all()),
            **{
                f"description_{code}": organisation.description.get(code)
                for code in site_languages()
            },
        }
        for organisation in organisations
    ]
