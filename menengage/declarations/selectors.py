"""Reads for declarations: the public list of signatories never carries an e-mail address."""

import hashlib
import json
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Count, Prefetch
from django.urls import reverse

from menengage.core.models import Country
from menengage.core.translation import active_language, translated_order
from menengage.networks.models import Network

from .models import Comment, Commitment, CommitmentAction, Declaration, Endorsement

SIGNATORY_FILTERS = ("country", "region", "kind")
SIGNATORY_PAGE_SIZE = 50
COUNTS_CACHE_SECONDS = 60
PLACES_CACHE_SECONDS = 300
# The only columns of an endorsement that the public ever sees.
PUBLIC_COLUMNS = (
    "id",
    "kind",
    "organisation_name",
    "signatory_name",
    "country_id",
    "region",
    "confirmed_at",
    "organisation__slug",
)


def declaration_list():
    """Every declaration, adopted ones first by date, with the counts kept on the row."""
    return Declaration.objects.order_by("status", "-adopted_on", translated_order("title"))


def declaration_get(*, slug, full=True):
    """One declaration, with its versions and commitments preloaded when `full`;
    raises Declaration.DoesNotExist."""
    declarations = Declaration.objects.all()
    if full:
        declarations = declarations.select_related("event").prefetch_related(
            Prefetch("versions", to_attr="all_versions"),
            Prefetch("commitments", queryset=Commitment.objects.order_by("number")),
        )
    return declarations.get(slug=slug)


def declaration_current_version(declaration):
    """The newest version: the adopted text once the declaration is adopted."""
    versions = getattr(declaration, "all_versions", None)
    if versions is None:
        return declaration.versions.order_by("-number").first()
    return max(versions, key=lambda version: version.number, default=None)


def clean_signatory_filters(params):
    """Filters from a query string; an unknown value is dropped, not an error."""
    filters = {key: (params.get(key) or "").strip()[:40] for key in SIGNATORY_FILTERS}
    filters["country"] = filters["country"].upper()
    if filters["kind"] not in Endorsement.Kind.values:
        filters["kind"] = ""
    if filters["country"] and filters["country"] not in dict(signatory_places()["countries"]):
        filters["country"] = ""
    if filters["region"] and filters["region"] not in dict(signatory_places()["regions"]):
        filters["region"] = ""
    return filters


def _confirmed(declaration, filters):
    rows = Endorsement.objects.filter(declaration=declaration, status=Endorsement.Status.CONFIRMED)
    if filters.get("country"):
        rows = rows.filter(country_id=filters["country"])
    if filters.get("region"):
        rows = rows.filter(region=filters["region"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    return rows


class Signatory(NamedTuple):
    id: int
    kind: str
    kind_label: str
    name: str
    organisation_slug: str | None
    organisation_url: str | None
    country: str
    country_name: str
    region: str
    region_name: str
    confirmed_at: object


def signatory_page(*, declaration, filters, after=None, limit=SIGNATORY_PAGE_SIZE, offset=0):
    """One page of confirmed signatories, newest first: (rows, id to continue after or None).

    Keyset pages (`after` an id) cost the same deep in a list of 50,000; `offset` is for the
    API's limit/offset. One query, on the (declaration, status, filter, id) indexes; names of
    countries and regions come from a cached table, not a join.
    """
    rows = _confirmed(declaration, filters).order_by("-id")
    if after:
        rows = rows.filter(id__lt=after)
    found = list(rows.values_list(*PUBLIC_COLUMNS)[offset : offset + limit + 1])
    places = signatory_places()
    countries, regions = dict(places["countries"]), dict(places["regions"])
    # Labels and links worked out once per page, not once per row in the template.
    labels = {kind.value: str(kind.label) for kind in Endorsement.Kind}
    member_url = reverse("members:organisation", kwargs={"slug": "-slug-"})
    signatories = [
        Signatory(
            id=pk,
            kind=kind,
            kind_label=labels[kind],
            name=organisation_name if kind == Endorsement.Kind.ORGANISATION else signatory_name,
            organisation_slug=slug,
            organisation_url=member_url.replace("-slug-", slug) if slug else None,
            country=country,
            country_name=countries.get(country, country),
            region=region,
            region_name=regions.get(region, ""),
            confirmed_at=confirmed_at,
        )
        for pk, kind, organisation_name, signatory_name, country, region, confirmed_at, slug in (
            found[:limit]
        )
    ]
    more = len(found) > limit
    return signatories, (signatories[-1].id if more and signatories else None)


def signatory_count(*, declaration, filters):
    """Confirmed signatories matching `filters`: the counters kept on the declaration when
    unfiltered, otherwise counted and kept for COUNTS_CACHE_SECONDS in this process."""
    chosen = {key: value for key, value in filters.items() if value}
    if not chosen:
        return declaration.signatory_count
    if set(chosen) == {"kind"}:
        if chosen["kind"] == Endorsement.Kind.ORGANISATION:
            return declaration.organisation_count
        return declaration.individual_count
    digest = hashlib.sha256(json.dumps(sorted(chosen.items())).encode()).hexdigest()[:24]
    key = f"declarations-count:{declaration.pk}:{digest}"
    count = caches["fragments"].get(key)
    if count is None:
        count = _confirmed(declaration, chosen).count()
        caches["fragments"].set(key, count, COUNTS_CACHE_SECONDS)
    return count


def signatory_places():
    """(code, name) of every country and (slug, name) of every Alliance region, in the active
    language, for the filters and the list; cached: they change only with a migration."""
    language = active_language()
    key = f"declarations-places:{language}"
    places = caches["fragments"].get(key)
    if places is None:
        countries = Country.objects.order_by(translated_order("name"))
        regions = Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
            translated_order("name")
        )
        places = {
            "countries": [(country.code, country.name) for country in countries],
            "regions": [(network.slug, network.name) for network in regions],
        }
        caches["fragments"].set(key, places, PLACES_CACHE_SECONDS)
    return places


def region_counts(*, declaration):
    """{region slug: confirmed signatories}, cached for COUNTS_CACHE_SECONDS."""
    key = f"declarations-regions:{declaration.pk}"
    counts = caches["fragments"].get(key)
    if counts is None:
        counts = dict(
            _confirmed(declaration, {}).values_list("region").annotate(count=Count("pk")).order_by()
        )
        caches["fragments"].set(key, counts, COUNTS_CACHE_SECONDS)
    return counts


class FollowUp(NamedTuple):
    commitment: Commitment
    total: int
    by_region: list  # (region slug, region name, count), every region in order


def commitment_follow_up(*, declaration):
    """For each commitment, how many actions members reported, in total and by region.

    One aggregate query, kept for COUNTS_CACHE_SECONDS (dropped when an action is reported).
    """
    key = f"declarations-followup:{declaration.pk}"
    counts = caches["fragments"].get(key)
    if counts is None:
        counts = {}
        rows = (
            CommitmentAction.objects.filter(commitment__declaration=declaration)
            .values_list("commitment_id", "region")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for commitment_id, region, count in rows:
            counts.setdefault(commitment_id, {})[region] = count
        caches["fragments"].set(key, counts, COUNTS_CACHE_SECONDS)
    regions = signatory_places()["regions"]
    follow_up = []
    for commitment in declaration.commitments.all():
        mine = counts.get(commitment.pk, {})
        follow_up.append(
            FollowUp(
                commitment=commitment,
                total=sum(mine.values()),
                by_region=[(slug, name, mine.get(slug, 0)) for slug, name in regions],
            )
        )
    return follow_up


def commitment_actions_recent(*, declaration, limit=10):
    return (
        CommitmentAction.objects.filter(commitment__declaration=declaration)
        .select_related("commitment", "organisation")
        .only(
            "description",
            "taken_on",
            "commitment__number",
            "organisation__name",
            "organisation__slug",
        )
        .order_by("-taken_on", "-pk")[:limit]
    )


def comment_threads(*, version):
    """(number, paragraph, [comment with `answers_list`]) for each paragraph of `version`,
    for the members' consultation; three queries however many comments."""
    answers = Comment.objects.select_related("author").order_by("created_at", "pk")
    comments = (
        Comment.objects.filter(version=version, answer_to__isnull=True)
        .select_related("author", "organisation")
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="answers_list"))
    )
    grouped = {}
    for comment in comments:
        grouped.setdefault(comment.paragraph, []).append(comment)
    return [(number, text, grouped.get(number, [])) for number, text in version.paragraphs]


EXPORT_COLUMNS = (
    "id",
    "kind",
    "status",
    "organisation",
    "member_organisation",
    "name",
    "email",
    "country",
    "region",
    "language",
    "signed_at",
    "confirmed_at",
    "withdrawn_at",
)


def endorsement_export_rows(*, declaration):
    """Every endorsement of `declaration`, for the Secretariat's CSV: with e-mail addresses."""
    rows = (
        Endorsement.objects.filter(declaration=declaration)
        .order_by("id")
        .values_list(
            "id",
            "kind",
            "status",
            "organisation_name",
            "organisation__slug",
            "signatory_name",
            "email",
            "country_id",
            "region",
            "language",
            "created_at",
            "confirmed_at",
            "withdrawn_at",
        )
    )
    for row in rows.iterator(chunk_size=2000):
        yield dict(zip(EXPORT_COLUMNS, row, strict=True))
