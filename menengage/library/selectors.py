# ruff: noqa: S608 - table and column names in SQL are module constants; values are parameters.
"""Reads for the library: the faceted search, one resource, the newest resources."""

import json
import math
from typing import NamedTuple

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr

from menengage.core import versions
from menengage.core.models import Term
from menengage.core.translation import (
    active_language,
    language_name,
    site_languages,
    translated_order,
)
from menengage.members.selectors import organisation_ids_for_network
from menengage.networks.models import Network

from . import search
from .models import Resource, ResourceFile
from .permissions import can_edit_library

FACETS = ("type", "theme", "language", "region", "year")
SORTS = ("relevance", "date")
PAGE_SIZE = 20
POOL_CACHE_SECONDS = 60
VOCABULARY_CACHE_SECONDS = 300
SNIPPET_SOURCE_CHARS = 20_000


class FacetOption(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool


class SearchResults(NamedTuple):
    q: str
    filters: dict
    sort: str
    total: int
    # True when the query matched more than search.CANDIDATE_LIMIT resources and only the
    # most relevant of them were kept.
    capped: bool
    offset: int
    limit: int
    resources: list
    facets: dict

    @property
    def candidate_limit(self):
        return search.CANDIDATE_LIMIT

    @property
    def page_number(self):
        return self.offset // self.limit + 1

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.limit))

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages


# What this process keeps of recent searches and browsing (candidate pools, snippets, facet
# counts), under the index's version (see _candidate_pool).
_searches = versions.Kept(size=500, seconds=POOL_CACHE_SECONDS)


def clean_filters(params):
    """The recognised filters of a query string; unknown values are dropped, not errors."""
    filters = {}
    kind = params.get("type", "")
    if kind in Resource.Kind.values:
        filters["type"] = kind
    language = params.get("language", "")
    if language in site_languages():
        filters["language"] = language
    for name in ("theme", "region"):
        value = (params.get(name) or "").strip()[:80]
        if value:
            filters[name] = value
    year = params.get("year", "")
    if str(year).isdigit() and 1900 <= int(year) <= 2100:
        filters["year"] = int(year)
    return filters


def clean_sort(value, q):
    if value in SORTS:
        return value
    return "relevance" if search.query_terms(q) else "date"


def _sql_filter(filters, skip=None):
    condition = Q(status=Resource.Status.PUBLISHED)
    if "type" in filters and skip != "type":
        condition &= Q(kind=filters["type"])
    if "language" in filters and skip != "language":
        condition &= Q(language=filters["language"])
    if "year" in filters and skip != "year":
        condition &= Q(year=filters["year"])
    if "theme" in filters and skip != "theme":
        condition &= Q(themes__code=filters["theme"], themes__vocabulary=Term.Vocabulary.THEME)
    if "region" in filters and skip != "region":
        condition &= Q(regions__slug=filters["region"])
    return condition


# Each facet: how to group resources in SQL, and the attribute of a candidate row in Python.
_GROUP = {
    "type": "kind",
    "language": "language",
    "year": "year",
    "theme": "themes__code",
    "region": "regions__slug",
}


def _browse_counts(filters, version):
    """Facet counts without a query, in SQL; kept a minute under the index's version, since
    every visit to the library's front page asks for the same counts over all 50,000
    resources."""

    def count():
        counts = {}
        for facet, column in _GROUP.items():
            rows = (
                Resource.objects.filter(_sql_filter(filters, skip=facet))
                .exclude(**{f"{column}__isnull": True})
                .values_list(column)
                .annotate(n=Count("id"))
                .order_by()
            )
            counts[facet] = {str(value): n for value, n in rows}
        return counts

    return _searches.get(("counts", version, *sorted(filters.items())), count)


def _id_filter(ids):
    """SQL for "id is one of `ids`" with a single parameter, however many ids there are."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [list(ids)]
    return "IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]


def _candidate_rows(ids, theme_codes, region_slugs):
    """Each published candidate's facet values (a tuple of values per facet, in FACETS order,
    then its publication date as text), in three queries whatever the number of hits.

    Plain SQL with one parameter for the id list: building a 1,000-value IN lookup through
    the ORM cost more than running it. The first query reads the facets index alone.
    """
    condition, params = _id_filter(ids)
    tags = {"theme": {}, "region": {}}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, kind, language, year, CAST(published_on AS TEXT) FROM library_resource "
            f"WHERE status = 'published' AND id {condition}",
            params,
        )
        found = cursor.fetchall()
        for table, column, names, facet in (
            ("library_resource_themes", "term_id", theme_codes, "theme"),
            ("library_resource_regions", "network_id", region_slugs, "region"),
        ):
            cursor.execute(
                f"SELECT resource_id, {column} FROM {table} WHERE resource_id {condition}", params
            )
            values = tags[facet]
            for pk, value in cursor.fetchall():
                if value in names:
                    values.setdefault(pk, []).append(names[value])
    themes, regions = tags["theme"], tags["region"]
    return {
        pk: (
            (kind,),
            tuple(themes.get(pk, ())),
            (language,),
            tuple(regions.get(pk, ())),
            (str(year),) if year else (),
            published_on or "",
        )
        for pk, kind, language, year, published_on in found
    }


def _filter_and_count(ranked, rows, filters):
    """The ids passing every filter, in order, and each facet's counts over the ids passing
    every filter but that facet's own, in one pass."""
    active = [(FACETS.index(facet), str(value)) for facet, value in filters.items()]
    every = range(len(FACETS))
    counts = [{} for _facet in FACETS]
    kept = []
    for pk in ranked:
        row = rows.get(pk)
        if row is None:
            continue
        failed = [index for index, value in active if value not in row[index]]
        if not failed:
            kept.append(pk)
            counted = every
        elif len(failed) == 1:
            counted = failed
        else:
            continue
        for index in counted:
            bucket = counts[index]
            for value in row[index]:
                bucket[value] = bucket.get(value, 0) + 1
    return kept, dict(zip(FACETS, counts, strict=True))


def _vocabularies():
    """The themes and regional networks offered as facets: reference data, kept a few minutes
    in the process's cache rather than read on every search."""
    # Per language: the regions are in the reader's alphabetical order.
    key = f"library-vocabularies:{active_language()}"
    cached = caches["fragments"].get(key)
    if cached is None:
        cached = (
            list(Term.objects.filter(vocabulary=Term.Vocabulary.THEME)),
            list(
                Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
                    translated_order("name")
                )
            ),
        )
        caches["fragments"].set(key, cached, VOCABULARY_CACHE_SECONDS)
    return cached


def _facet_options(counts, filters, themes, regions):
    labelled = {
        "type": [(kind.value, kind.label) for kind in Resource.Kind],
        "theme": [(term.code, term.name) for term in themes],
        "language": [(code, language_name(code)) for code in site_languages()],
        "region": [(network.slug, network.name) for network in regions],
        "year": [(year, year) for year in sorted(counts["year"], reverse=True)],
    }
    return {
        facet: [
            FacetOption(
                str(value),
                str(label),
                counts[facet].get(str(value), 0),
                str(filters.get(facet, "")) == str(value),
            )
            for value, label in options
        ]
        for facet, options in labelled.items()
    }


def resource_search(*, q="", filters=None, sort="", offset=0, limit=PAGE_SIZE, facets=True):
    """Published resources matching `q` and `filters`, one window of them, with facet counts.

    With a query, the most relevant search.CANDIDATE_LIMIT matches are filtered and counted
    in memory; without one, SQL filters and counts every published resource. Each facet's
    counts apply the query and every other filter, not its own. The number of queries does not
    grow with the number of results.
    """
    filters = dict(filters or {})
    sort = clean_sort(sort, q)
    offset, limit = max(0, int(offset)), max(1, min(int(limit), 200))
    capped = False
    themes, regions = _vocabularies()
    version = versions.current(search.INDEX_VERSION)
    if search.query_terms(q):
        ranked, rows, capped = _candidate_pool(q, themes, regions, version)
        ids, counts = _filter_and_count(ranked, rows, filters)
        if sort == "date":
            ids.sort(key=lambda pk: (rows[pk][-1], pk), reverse=True)
        total, window = len(ids), ids[offset : offset + limit]
    else:
        matching = Resource.objects.filter(_sql_filter(filters)).order_by("-published_on", "-id")
        total = matching.count()
        window = list(matching.values_list("pk", flat=True)[offset : offset + limit])
        counts = _browse_counts(filters, version) if facets else None
    return SearchResults(
        q=q,
        filters=filters,
        sort=sort,
        total=total,
        capped=capped,
        offset=offset,
        limit=limit,
        resources=_window(window, q, version),
        facets=_facet_options(counts, filters, themes, regions) if facets else {},
    )


def _candidate_pool(q, themes, regions, version):
    """The best search.CANDIDATE_LIMIT matches of `q`, each one's facet values, and whether
    more matched: what every page, filter and sort of the same words starts from.

    Ranking the matches and reading their facets is most of a search's time, and a visitor
    paging through results or trying a filter asks for the same words again; so the pool is
    kept a minute by the process, under the index's version, which every change to the index
    replaces: a resource published, edited or withdrawn shows (or not) in its next search.
    """

    def rank():
        # One more than kept: "more than the limit" is then a fact, not a guess at exactly it.
        ranked = search.candidates(q, limit=search.CANDIDATE_LIMIT + 1)
        capped = len(ranked) > search.CANDIDATE_LIMIT
        ranked = ranked[: search.CANDIDATE_LIMIT]
        rows = _candidate_rows(
            ranked,
            {term.pk: term.code for term in themes},
            {network.pk: network.slug for network in regions},
        )
        return ranked, rows, capped

    return _searches.get(("pool", version, tuple(search.query_terms(q))), rank)


def _window(ids, q, version):
    """The resources of one page, in the given order, with a highlighted snippet when searched."""
    if not ids:
        return []
    found = (
        Resource.objects.filter(pk__in=ids)
        .select_related("publisher")
        .defer("text", "publisher__description", "publisher__search_text")
        .in_bulk()
    )
    resources = [found[pk] for pk in ids if pk in found]
    snippets = _snippets(resources, q, version) if search.query_terms(q) else {}
    for resource in resources:
        resource.snippet = snippets.get(resource.pk, "")
    return resources


def _snippets(resources, q, version):
    """{pk: the words of `q` highlighted in the resource's summary, or else in its text}.

    Kept like the candidate pool, per page of results and language: the texts of the twenty
    results whose summary lacks the words are read (20,000 characters each) and searched
    again only when the page is new or the index has changed."""

    def highlight():
        snippets = {resource.pk: search.highlight(resource.summary, q) for resource in resources}
        # The full text is read only for the results whose summary does not hold the words.
        bodies = [pk for pk, snippet in snippets.items() if not snippet]
        if bodies:
            texts = Resource.objects.filter(pk__in=bodies).values_list(
                "pk", Substr("text", 1, SNIPPET_SOURCE_CHARS)
            )
            for pk, text in texts:
                snippets[pk] = search.highlight(text, q)
        return snippets

    page = tuple(resource.pk for resource in resources)
    key = ("snippets", version, tuple(search.query_terms(q)), active_language(), page)
    return _searches.get(key, highlight)


def resource_get_for(*, actor, pk):
    """One resource `actor` may see, with its files and vocabularies; DoesNotExist otherwise."""
    resources = (
        Resource.objects.select_related("publisher", "submitted_by")
        .prefetch_related(
            "regions", Prefetch("files", queryset=ResourceFile.objects.defer("extracted_text"))
        )
        .with_vocabulary("themes", "mandates", "age_groups", "countries")
    )
    if not can_edit_library(actor):
        visible = Q(status=Resource.Status.PUBLISHED)
        if getattr(actor, "is_authenticated", False):
            visible |= Q(submitted_by=actor)
        resources = resources.filter(visible)
    return resources.defer("text").get(pk=pk)


def resource_file_get(*, actor, resource_pk, file_pk):
    """A file of a resource `actor` may see; DoesNotExist otherwise."""
    resource = resource_get_for(actor=actor, pk=resource_pk)
    return (
        ResourceFile.objects.select_related("resource")
        .defer("extracted_text")
        .get(resource=resource, pk=file_pk)
    )


def resource_list_newest(*, limit=30):
    """The most recently published resources, for the feed."""
    return (
        Resource.objects.filter(status=Resource.Status.PUBLISHED)
        .select_related("publisher")
        .defer("text")
        .order_by("-published_at", "-id")[:limit]
    )


def resource_list_published_by(*, organisation=None, network=None, limit=5):
    """The newest published resources of `organisation`, or of the member organisations of
    `network`, at most `limit`: one query."""
    resources = Resource.objects.filter(status=Resource.Status.PUBLISHED)
    if organisation is not None:
        resources = resources.filter(publisher=organisation)
    if network is not None:
        members = organisation_ids_for_network(network=network)
        resources = resources.filter(publisher__in=members)
    return list(
        resources.select_related("publisher").defer("text").order_by("-published_on", "-id")[:limit]
    )


def resource_submissions_for(*, actor):
    """Resources `actor` submitted, newest first (editors: every submission awaiting review)."""
    resources = Resource.objects.select_related("publisher").defer("text")
    if can_edit_library(actor):
        return resources.filter(status=Resource.Status.SUBMITTED).order_by("created_at")
    return resources.filter(submitted_by=actor).order_by("-created_at")
