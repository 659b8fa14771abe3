"""`/api/v1/organisations`: the member directory, public and read-only.

Only what the public page shows is returned; contact details only where the organisation
chose to publish them.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from menengage.core.api_schema import Answer, NetworkRefOut, TermOut, named_choices, rows
from menengage.core.translation import translation_schema
from menengage.networks.api import CountryOut

from . import selectors
from .models import Organisation

router = Router(tags=["organisations"])

OrganisationKind = named_choices(Organisation.Kind)


class OrganisationOut(Answer):
    id: int
    slug: str
    name: str
    acronym: str
    kind: str
    country: CountryOut
    city: str
    website: str
    identifier: str
    founded: int | None
    description: str
    descriptions: translation_schema() = Field(  # type: ignore[valid-type]
        description="What the organisation does, in each language it is written in"
    )
    works_with_womens_rights: bool
    themes: list[TermOut]
    age_groups: list[TermOut]
    languages: list[TermOut]
    networks: list[NetworkRefOut]
    email: str = Field(description="Public e-mail address, empty unless the member shows it")
    phone: str = Field(description="Public telephone, empty unless the member shows it")
    created_at: datetime
    url: str

    @classmethod
    def read(cls, organisation):
        contact = selectors.organisation_public_contact(organisation)
        description = organisation.description
        return {
            "id": organisation.pk,
            "slug": organisation.slug,
            "name": organisation.name,
            "acronym": organisation.acronym,
            "kind": organisation.kind,
            "country": organisation.country,
            "city": organisation.city,
            "website": organisation.website,
            "identifier": organisation.identifier,
            "founded": organisation.founded,
            "description": description,
            "descriptions": description.as_dict(),
            "works_with_womens_rights": organisation.works_with_womens_rights,
            "themes": rows(organisation, "themes"),
            "age_groups": rows(organisation, "age_groups"),
            "languages": rows(organisation, "languages"),
            "networks": [membership.network for membership in organisation.active_memberships],
            "email": contact["email"],
            "phone": contact["phone"],
            "created_at": organisation.created_at,
            "url": organisation.get_absolute_url(),
        }


class OrganisationFilters(Schema):
    q: str | None = Field(
        None, max_length=100, description="Text in the name, acronym, city or description"
    )
    region: str | None = Field(None, description="Slug of a regional network")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 country code")
    network: str | None = Field(
        None,
        description="Slug of a network: its members and those of the networks below it, "
        "as the network's member_count",
    )
    kind: OrganisationKind | None = None
    theme: str | None = Field(None, description="Code of a theme term")
    language: str | None = Field(None, description="Code of a working-language term")
    sort: Literal["name", "-name", "newest"] = "name"


@router.get("/organisations", response=list[OrganisationOut], summary="List member organisations")
@paginate
def list_organisations(request, filters: Query[OrganisationFilters]):
    values = filters.dict()
    sort = values.pop("sort")
    return selectors.organisation_list_for_directory(filters=values, sort=sort, full=True)


@router.get("/organisations/{id}", response=OrganisationOut, summary="One member organisation")
def get_organisation(request, id: int):
    try:
        return selectors.organisation_get_for_directory(pk=id)
    except Organisation.DoesNotExist as missing:
        raise Http404("No member organisation has that id.") from missing
