"""`/api/v1/resources`: the resource library, public and read-only, with the page's search."""

import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from menengage.core.api_schema import Answer, Limit, Offset, Reference, TermOut, named_choices, rows
from menengage.core.translation import translation_schema

from . import selectors
from .models import Resource

router = Router(tags=["library"])

ResourceKind = named_choices(Resource.Kind)


class FacetOut(Reference):
    value: str
    label: str
    count: int
    selected: bool


class FacetsOut(Schema):
    type: list[FacetOut]
    theme: list[FacetOut]
    language: list[FacetOut]
    region: list[FacetOut]
    year: list[FacetOut]


class PlaceOut(Reference):
    code: str
    name: str


class FileOut(Schema):
    language: str
    format: str
    filename: str
    size: int = Field(description="Size in bytes")
    url: str

    @staticmethod
    def resolve_url(item):
        return item.get_absolute_url()


class ResourceSummaryOut(Answer):
    id: int
    title: str
    summary: str
    language: str = Field(description="Original language (ISO 639-1)")
    kind: ResourceKind
    publisher: str
    authors: list[str]
    published_on: datetime.date | None
    url: str
    snippet: str = Field("", description="HTML excerpt with the query's words in <mark>")

    @classmethod
    def read(cls, resource):
        return {
            "id": resource.pk,
            "title": resource.title,
            "summary": resource.summary,
            "language": resource.language,
            "kind": resource.kind,
            "publisher": resource.publisher_label,
            "authors": resource.author_list,
            "published_on": resource.published_on,
            "url": resource.get_absolute_url(),
            "snippet": str(getattr(resource, "snippet", "") or ""),
        }


class ResourceOut(ResourceSummaryOut):
    titles: translation_schema() = Field(  # type: ignore[valid-type]
        description="The title in every language it is written in"
    )
    summaries: translation_schema() = Field(  # type: ignore[valid-type]
        description="The summary in every language it is written in"
    )
    audience: str
    licence: str
    external_url: str
    download_count: int
    themes: list[TermOut]
    mandates: list[TermOut]
    age_groups: list[TermOut]
    regions: list[PlaceOut]
    countries: list[PlaceOut]
    files: list[FileOut]

    @classmethod
    def read(cls, resource):
        return {
            **super().read(resource),
            "titles": resource.title.as_dict(),
            "summaries": resource.summary.as_dict(),
            "audience": resource.audience,
            "licence": resource.licence,
            "external_url": resource.external_url,
            "download_count": resource.download_count,
            "themes": rows(resource, "themes"),
            "mandates": rows(resource, "mandates"),
            "age_groups": rows(resource, "age_groups"),
            "regions": [{"code": n.slug, "name": n.name} for n in rows(resource, "regions")],
            "countries": [{"code": c.code, "name": c.name} for c in rows(resource, "countries")],
            "files": list(rows(resource, "files")),
        }


class ResourceListOut(Schema):
    count: int = Field(description="Resources matching (at most the ranked candidate limit)")
    capped: bool = Field(description="More resources matched; only the most relevant are kept")
    facets: FacetsOut
    items: list[ResourceSummaryOut]


class ResourceFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words to search for")
    type: ResourceKind | None = None
    theme: str | None = Field(None, description="Code of a theme term")
    language: str | None = Field(
        None, max_length=8, description="Code of one of the site's languages"
    )
    region: str | None = Field(None, description="Slug of a regional network")
    year: int | None = Field(None, ge=1900, le=2100)
    sort: Literal["relevance", "date"] | None = None
    limit: Limit = 25
    offset: Offset = 0


@router.get("/resources", response=ResourceListOut, summary="Search the resource library")
def list_resources(request, filters: Query[ResourceFilters]):
    values = {key: value for key, value in filters.dict().items() if value is not None}
    results = selectors.resource_search(
        q=values.get("q", ""),
        filters=selectors.clean_filters(values),
        sort=values.get("sort", ""),
        offset=values["offset"],
        limit=values["limit"],
    )
    return {
        "count": results.total,
        "capped": results.capped,
        "facets": {
            facet: [option._asdict() for option in options]
            for facet, options in results.facets.items()
        },
        "items": results.resources,
    }


@router.get("/resources/{id}", response=ResourceOut, summary="One published resource")
def get_resource(request, id: int):
    try:
        return selectors.resource_get_for(actor=None, pk=id)
    except Resource.DoesNotExist as missing:
        raise Http404("No published resource has that id.") from missing
