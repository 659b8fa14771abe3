"""`/api/v1/declarations`: declarations, their counts and their public signatories.

Signatories carry only what the public list shows: never an e-mail or postal address.
"""

from datetime import date, datetime

from django.conf import settings
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from menengage.core.api_schema import Limit, Offset, named_choices
from menengage.core.translation import translation_schema

from . import selectors
from .models import Declaration, Endorsement

router = Router(tags=["declarations"])

EndorsementKind = named_choices(Endorsement.Kind)


class CountsOut(Schema):
    signatories: int
    organisations: int
    individuals: int


class DeclarationOut(Schema):
    slug: str
    title: str = Field(description="In the requested language, else another one")
    titles: translation_schema() = Field(  # type: ignore[valid-type]
        description="The title in each language it is written in"
    )
    status: str
    adopted_on: date | None
    comment_closes_on: date | None
    event: str | None = Field(description="Slug of the event that produced the declaration")
    counts: CountsOut
    url: str

    @staticmethod
    def resolve_counts(declaration):
        return {
            "signatories": declaration.signatory_count,
            "organisations": declaration.organisation_count,
            "individuals": declaration.individual_count,
        }

    @staticmethod
    def resolve_titles(declaration):
        return declaration.title.as_dict()

    @staticmethod
    def resolve_event(declaration):
        return declaration.event.slug if declaration.event_id else None

    @staticmethod
    def resolve_url(declaration):
        return declaration.get_absolute_url()


class ParagraphOut(Schema):
    number: int
    text: str


class RegionCountOut(Schema):
    region: str
    count: int


class CommitmentOut(Schema):
    number: int
    text: str
    actions: int
    actions_by_region: list[RegionCountOut]


class DeclarationDetailOut(DeclarationOut):
    summary: str
    summaries: translation_schema()  # type: ignore[valid-type]
    version: int | None
    language: str = Field(description="Language of the text: the requested one, or English")
    paragraphs: list[ParagraphOut]
    signatories_by_region: list[RegionCountOut]
    commitments: list[CommitmentOut]

    # The endpoint puts the text and the follow-up, which are not model fields, in `api`.
    @staticmethod
    def resolve_summaries(declaration):
        return declaration.summary.as_dict()

    @staticmethod
    def resolve_version(declaration):
        return declaration.api["version"]

    @staticmethod
    def resolve_language(declaration):
        return declaration.api["language"]

    @staticmethod
    def resolve_paragraphs(declaration):
        return declaration.api["paragraphs"]

    @staticmethod
    def resolve_signatories_by_region(declaration):
        return declaration.api["signatories_by_region"]

    @staticmethod
    def resolve_commitments(declaration):
        return declaration.api["commitments"]


class SignatoryOut(Schema):
    name: str
    kind: str
    organisation: str | None = Field(description="Slug of the member organisation, if one")
    country: str = Field(description="ISO 3166-1 alpha-2 country code")
    region: str = Field(description="Slug of the Alliance region")
    confirmed_at: datetime


class SignatoryPageOut(Schema):
    count: int
    items: list[SignatoryOut]


class SignatoryFilters(Schema):
    country: str | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2 code")
    region: str | None = Field(None, max_length=40, description="Slug of a regional network")
    kind: EndorsementKind | None = None
    limit: Limit = 50
    offset: Offset = 0


def _get(slug, full=True):
    try:
        return selectors.declaration_get(slug=slug, full=full)
    except Declaration.DoesNotExist as missing:
        raise Http404("No declaration has that slug.") from missing


@router.get("/declarations", response=list[DeclarationOut], summary="List declarations")
@paginate
def list_declarations(request):
    return selectors.declaration_list().select_related("event")


@router.get(
    "/declarations/{slug}",
    response=DeclarationDetailOut,
    summary="One declaration, its text, counts and follow-up",
)
def get_declaration(request, slug: str):
    declaration = _get(slug)
    version = selectors.declaration_current_version(declaration)
    regions = selectors.region_counts(declaration=declaration)
    declaration.api = {
        "version": version.number if version else None,
        "language": version.text.language if version else settings.LANGUAGE_CODE,
        "paragraphs": [{"number": number, "text": text} for number, text in version.paragraphs]
        if version
        else [],
        "signatories_by_region": [
            {"region": region, "count": count} for region, count in sorted(regions.items())
        ],
        "commitments": [
            {
                "number": row.commitment.number,
                "text": row.commitment.text,
                "actions": row.total,
                "actions_by_region": [
                    {"region": slug, "count": count} for slug, _name, count in row.by_region
                ],
            }
            for row in selectors.commitment_follow_up(declaration=declaration)
        ],
    }
    return declaration


@router.get(
    "/declarations/{slug}/signatories",
    response=SignatoryPageOut,
    summary="Confirmed signatories of a declaration, newest first",
)
def list_signatories(request, slug: str, filters: Query[SignatoryFilters]):
    declaration = _get(slug, full=False)
    values = selectors.clean_signatory_filters(
        {key: getattr(filters, key) or "" for key in selectors.SIGNATORY_FILTERS}
    )
    rows, _next = selectors.signatory_page(
        declaration=declaration, filters=values, limit=filters.limit, offset=filters.offset
    )
    return {
        "count": selectors.signatory_count(declaration=declaration, filters=values),
        "items": [
            {
                "name": row.name,
                "kind": row.kind,
                "organisation": row.organisation_slug,
                "country": row.country,
                "region": row.region,
                "confirmed_at": row.confirmed_at,
            }
            for row in rows
        ],
    }
