"""Reads for activities and working groups; everything here is public."""

import datetime
import hashlib
import json
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import is_secretariat, role_scopes
from menengage.core.api_schema import listed
from menengage.core.countries import countries_by_name
from menengage.core.models import Country, Term
from menengage.core.translation import active_language, translated_order
from menengage.core.vocabulary import term_ids
from menengage.library.models import Resource
from menengage.members.models import Organisation
from menengage.members.selectors import map_countries, organisation_ids_for_network
from menengage.networks.models import Network
from menengage.networks.selectors import networks_within, region_slug_for_country

from .models import Activity, Consultation, Reach, WorkingGroup

ACTIVITY_FILTERS = (
    "kind",
    "status",
    "theme",
    "mandate",
    "age_group",
    "region",
    "country",
    "year",
    "working_group",
)
TERM_FILTERS = {"theme": "themes", "mandate": "mandates", "age_group": "age_groups"}
OPTIONS_CACHE_SECONDS = 300
MAP_CACHE_SECONDS = 60
REGIONS_CACHE_SECONDS = 24 * 60 * 60


def region_country_codes(slug):
    """The codes of the countries in the Alliance region `slug`, kept for a day: countries
    change only with a migration."""
    regions = caches["fragments"].get("activities:regions")
    if regions is None:
        regions = {}
        for country in Country.objects.only("code", "region", "subregion"):
            region = region_slug_for_country(country)
            if region:
                regions.setdefault(region, []).append(country.code)
        caches["fragments"].set("activities:regions", regions, REGIONS_CACHE_SECONDS)
    return regions.get(slug, [])


def _in_year(year):
    """Activities under way at some time in `year`. One with no end date runs until it is
    completed or cancelled: an ongoing or planned one counts in every year from its start."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    open_ended = Q(ends_on__isnull=True) & (
        Q(status__in=[Activity.Status.ONGOING, Activity.Status.PLANNED]) | Q(starts_on__gte=first)
    )
    return Q(starts_on__lte=last) & (Q(ends_on__gte=first) | open_ended)


def clean_filters(params):
    """The list's filters from a query string; unknown values are ignored, never an error."""
    filters = {key: str(params.get(key) or "").strip()[:80] for key in ACTIVITY_FILTERS}
    if filters["kind"] not in Activity.Kind.values:
        filters["kind"] = ""
    if filters["status"] not in Activity.Status.values:
        filters["status"] = ""
    filters["country"] = filters["country"].upper()[:2]
    if not (filters["year"].isdigit() and 1900 < int(filters["year"]) < 2200):
        filters["year"] = ""
    return filters


def _matching(filters):
    """Activities matching every filter. Related filters are `pk IN (ids from the link
    table)`: nothing is doubled, and the database reads each link table once instead of
    probing it per activity (the API's region-and-age-group count: 11 ms to 5 ms)."""
    active = {key: value for key, value in filters.items() if value}
    activities = Activity.objects.all()
    if kind := active.get("kind"):
        activities = activities.filter(kind=kind)
    if status := active.get("status"):
        activities = activities.filter(status=status)
    for key, field in TERM_FILTERS.items():
        if code := active.get(key):
            links = getattr(Activity, field).through.objects
            activities = activities.filter(
                pk__in=links.filter(term_id__in=term_ids(code)).values("activity_id")
            )
    places = Activity.countries.through.objects
    if country := active.get("country"):
        activities = activities.filter(
            pk__in=places.filter(country_id=country.upper()).values("activity_id")
        )
    if region := active.get("region"):
        in_region = places.filter(country_id__in=region_country_codes(region))
        activities = activities.filter(pk__in=in_region.values("activity_id"))
    if year := active.get("year"):
        activities = activities.filter(_in_year(int(year)))
    if group := active.get("working_group"):
        activities = activities.filter(working_group__slug=group)
    return activities


def _organisation_refs():
    """Organisations as lists and the API name them: without their long descriptions."""
    return Organisation.objects.only("pk", "slug", "name", "acronym", "country")


def _with_lead(activities):
    """`activities` with their lead organisation in the same query, without its long texts."""
    return activities.select_related("lead").defer("lead__description", "lead__search_text")


def activity_list(*, filters):
    """Activities matching `filters` (a mapping with the keys in ACTIVITY_FILTERS), latest
    start first, with their lead organisation, countries and themes preloaded."""
    return (
        _with_lead(_matching(filters))
        .with_vocabulary("countries", "themes")
        .order_by("-starts_on", "-pk")
    )


def activity_list_recent_for(*, organisation=None, network=None, limit=5):
    """The latest activities led or joined by `organisation`, or by the member organisations of
    `network` (or marked with it), latest start first, at most `limit`: one query."""
    activities = Activity.objects.exclude(status=Activity.Status.CANCELLED)
    if organisation is not None:
        partner = Activity.partners.through.objects.filter(
            activity=OuterRef("pk"), organisation=organisation
        )
        activities = activities.filter(Q(lead=organisation) | Exists(partner))
    if network is not None:
        members = organisation_ids_for_network(network=network)
        marked = Activity.networks.through.objects.filter(
            activity=OuterRef("pk"), network__in=networks_within(pk=network.pk)
        )
        activities = activities.filter(Q(lead__in=members) | Exists(marked))
    # The lead in the same query: one query for the whole section.
    return list(_with_lead(activities).order_by("-starts_on", "-pk")[:limit])


def activity_list_full(*, filters):
    """As activity_list, with everything the API shows preloaded."""
    return (
        activity_list(filters=filters)
        # References only: the API names them, their long texts stay in the database.
        .select_related("working_group")
        .defer("working_group__description", "working_group__created_at")
        .prefetch_related(
            listed("partners", _organisation_refs()),
            listed("networks", Network.objects.only("pk", "slug", "kind", "name")),
            listed("reach"),
        )
        .with_vocabulary("mandates", "age_groups")
    )


def activity_map(*, filters):
    """Activities matching `filters` per country where they happen, by country name in the
    active language: one aggregate query and one for the countries. An activity in three
    countries counts in each, within the country or region filtered on. Kept for
    MAP_CACHE_SECONDS per language and filters: a new activity shows in the list at once and
    on the map within a minute."""
    language = active_language()
    chosen = json.dumps(sorted((key, value) for key, value in filters.items() if value))
    key = f"activities:map:{language}:{hashlib.sha256(chosen.encode()).hexdigest()}"
    countries = caches["fragments"].get(key)
    if countries is not None:
        return countries
    links = Activity.countries.through.objects.filter(activity__in=_matching(filters).values("pk"))
    # A place filter also limits the circles: an activity in Kenya and Brazil appears only in
    # Kenya on the map of Kenya's (or Africa's) activities.
    if country := filters.get("country"):
        links = links.filter(country_id=country.upper())
    if region := filters.get("region"):
        links = links.filter(country_id__in=region_country_codes(region))
    counts = dict(links.values_list("country_id").annotate(count=Count("pk")).order_by())
    countries = map_countries(counts)
    caches["fragments"].set(key, countries, MAP_CACHE_SECONDS)
    return countries


class Option(NamedTuple):
    value: str
    label: str


def activity_filter_options():
    """Choices for the filters, in the active language, kept for a few minutes: the years
    activities run in, the countries that have any, the regions and the vocabularies."""
    language = active_language()
    key = f"activities:options:{language}"
    options = caches["fragments"].get(key)
    if options is not None:
        return options
    span = Activity.objects.aggregate(
        first=Min("starts_on"), last_start=Max("starts_on"), last_end=Max("ends_on")
    )
    years = []
    if span["first"]:
        last = max(filter(None, [span["last_start"], span["last_end"]]))
        years = [str(year) for year in range(last.year, span["first"].year - 1, -1)]
    places = Activity.countries.through.objects.filter(country=OuterRef("pk"))
    countries = countries_by_name(Country.objects.filter(Exists(places)))
    regions = Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
        "is_forming", translated_order("name")
    )
    terms = Term.objects.filter(
        vocabulary__in=[Term.Vocabulary.THEME, Term.Vocabulary.MANDATE, Term.Vocabulary.AGE_GROUP]
    )
    options = {
        "years": years,
        "countries": [Option(country.code, country.name) for country in countries],
        "regions": [Option(network.slug, network.name) for network in regions],
        "themes": [Option(t.code, t.name) for t in terms if t.vocabulary == "theme"],
        "mandates": [Option(t.code, t.name) for t in terms if t.vocabulary == "mandate"],
        "age_groups": [Option(t.code, t.name) for t in terms if t.vocabulary == "age_group"],
        "working_groups": [Option(group.slug, group.name) for group in WorkingGroup.objects.all()],
    }
    caches["fragments"].set(key, options, OPTIONS_CACHE_SECONDS)
    return options


def activity_get(*, pk):
    """One activity with everything its page shows; raises Activity.DoesNotExist."""
    consultations = Consultation.objects.prefetch_related("organisations").order_by(
        "consulted_on", "pk"
    )
    related = [
        "partners",
        "networks",
        "reach",
        Prefetch("consultations", queryset=consultations),
    ]
    # Published outputs are picked in Python: filtering on status in SQL makes SQLite walk
    # the library's status index (50,000 rows) instead of the activity's few links.
    titles = [field.attname for field in Resource._meta.fields if field.name.startswith("title")]
    outputs = Resource.objects.only("pk", "status", "language", *titles)
    related.append(Prefetch("outputs", queryset=outputs))
    activity = (
        Activity.objects.select_related("lead__country", "working_group")
        .prefetch_related(*related)
        .with_vocabulary("countries", "themes", "mandates", "age_groups")
        .get(pk=pk)
    )
    activity.published_outputs = [
        resource
        for resource in activity.outputs.all()
        if resource.status == Resource.Status.PUBLISHED
    ]
    return activity


class ReachRow(NamedTuple):
    label: str
    cells: list
    total: int


class ReachTable(NamedTuple):
    columns: list
    rows: list
    column_totals: list
    total: int


def reach_table(activity):
    """People reached as a table: a row per age band with any count, a column per gender
    category, with row, column and grand totals added up from the rows."""
    counts = {(row.age_band, row.gender): row.count for row in activity.reach.all()}
    genders = list(Reach.Gender)
    rows = []
    for band in Reach.AgeBand:
        cells = [counts.get((band.value, gender.value), 0) for gender in genders]
        if any(cells):
            rows.append(ReachRow(band.label, cells, sum(cells)))
    column_totals = [sum(row.cells[index] for row in rows) for index in range(len(genders))]
    return ReachTable([gender.label for gender in genders], rows, column_totals, sum(column_totals))


def activities_editable_by(*, actor):
    """The activities `actor` may edit, latest first: those their organisations lead, those
    involving networks they coordinate (or the countries below a region they coordinate);
    staff may edit every one."""
    activities = (
        _with_lead(Activity.objects.all())
        .with_vocabulary("countries")
        .order_by("-starts_on", "-pk")
    )
    if is_secretariat(actor):
        return activities
    organisations = role_scopes(actor, RoleAssignment.Role.REPRESENTATIVE, Organisation)
    networks = role_scopes(actor, RoleAssignment.Role.COORDINATOR, Network)
    involved = Activity.networks.through.objects.filter(activity=OuterRef("pk")).filter(
        Q(network__in=networks) | Q(network__parent__in=networks)
    )
    return activities.filter(Q(lead__in=organisations) | Exists(involved))


# Working groups


def _with_counts(working_groups):
    """`working_groups` with `member_count` and `activity_count`, each counted in a subquery:
    two joins in one GROUP BY multiply members by activities."""
    members = (
        WorkingGroup.members.through.objects.filter(workinggroup=OuterRef("pk"))
        .order_by()
        .values("workinggroup")
        .annotate(count=Count("pk"))
        .values("count")
    )
    activities = (
        Activity.objects.filter(working_group=OuterRef("pk"))
        .order_by()
        .values("working_group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return working_groups.annotate(
        member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0),
        activity_count=Coalesce(Subquery(activities, output_field=IntegerField()), 0),
    )


def working_group_list():
    """Every working group with its conveners and counts of members and activities."""
    return (
        _with_counts(WorkingGroup.objects.all())
        .prefetch_related("convener_people", "convener_organisations")
        .order_by(translated_order("name"))
    )


def working_group_get(*, slug):
    """One working group with its conveners and members; raises WorkingGroup.DoesNotExist."""
    # Only what the page shows: a group lists a hundred members and more.
    members = (
        Organisation.objects.with_vocabulary("country")
        .only("pk", "slug", "name", "country")
        .order_by("name")
    )
    people = User.objects.only("pk", "name", "pronouns")
    return (
        _with_counts(WorkingGroup.objects.all())
        .prefetch_related(
            Prefetch("convener_people", queryset=people),
            Prefetch("convener_organisations", queryset=members),
            Prefetch("members", queryset=members),
        )
        .get(slug=slug)
    )


WORKING_GROUP_RECENT = 20


def working_group_recent_activities(*, working_group):
    """The group's latest activities; the full list is the activity list filtered by group."""
    return (
        _with_lead(working_group.activities.all())
        .with_vocabulary("countries")
        .order_by("-starts_on", "-pk")[:WORKING_GROUP_RECENT]
    )


def working_groups_of(*, actor):
    """The working groups `actor` convenes, or that an organisation `actor` represents convenes
    or belongs to, the newest first."""
    if not getattr(actor, "is_authenticated", False):
        return WorkingGroup.objects.none()
    represented = role_scopes(actor, RoleAssignment.Role.REPRESENTATIVE, Organisation)
    convened = WorkingGroup.convener_people.through.objects.filter(user_id=actor.pk)
    joined = WorkingGroup.members.through.objects.filter(organisation_id__in=represented)
    convened_by_theirs = WorkingGroup.convener_organisations.through.objects.filter(
        organisation_id__in=represented
    )
    return WorkingGroup.objects.filter(
        Q(pk__in=convened.values("workinggroup_id"))
        | Q(pk__in=joined.values("workinggroup_id"))
        | Q(pk__in=convened_by_theirs.values("workinggroup_id"))
    ).order_by("-created_at", "-pk")
