"""`/api/v1/networks`: the Alliance's networks, public and read-only."""

from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from menengage.core.api_schema import Reference, named_choices
from menengage.core.translation import site_languages, translation_schema

from . import selectors
from .models import Network

router = Router(tags=["networks"])

NetworkKind = named_choices(Network.Kind)


class CountryOut(Reference):
    code: str
    name: str
    region: str = Field(description="UN M49 region code")
    subregion: str = Field(description="UN M49 sub-region code")


class NetworkOut(Schema):
    slug: str
    kind: str
    name: str
    names: translation_schema() = Field(  # type: ignore[valid-type]
        description="The name in every site language (the fallback where not translated)"
    )
    parent: str | None = Field(None, alias="parent.slug")
    country: CountryOut | None
    founded: int | None
    host_organisation: str
    website: str
    is_forming: bool
    member_count: int = Field(
        description="Member organisations in the network or a network below it: what "
        "/api/v1/organisations?network=<slug> lists"
    )
    url: str

    @staticmethod
    def resolve_names(network):
        return {code: str(network.name.in_language(code)) for code in site_languages()}

    @staticmethod
    def resolve_url(network):
        return network.get_absolute_url()


class NetworkDetailOut(NetworkOut):
    summary: str
    children: list[NetworkOut]

    @staticmethod
    def resolve_children(network):
        return network.child_networks


class NetworkFilters(Schema):
    kind: NetworkKind | None = None
    region: str | None = Field(None, description="Slug of a regional network")
    q: str | None = Field(None, description="Text in the network's name, in any language")
    sort: Literal["name", "-name", "founded", "-founded", "members", "-members"] = "name"


SORTS = {"name": "name", "founded": "founded", "members": "member_count"}


@router.get("/networks", response=list[NetworkOut], summary="List networks")
@paginate
def list_networks(request, filters: Query[NetworkFilters]):
    field = SORTS[filters.sort.lstrip("-")]
    ordering = f"-{field}" if filters.sort.startswith("-") else field
    return selectors.network_list(
        kind=filters.kind, region=filters.region, search=filters.q, ordering=ordering
    )


@router.get("/networks/{slug}", response=NetworkDetailOut, summary="One network")
def get_network(request, slug: str):
    try:
        return selectors.network_get(slug=slug)
    except Network.DoesNotExist as missing:
        raise Http404("No network has that slug.") from missing
