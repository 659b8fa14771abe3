"""`/api/v1/evidence/...`: instruments and the pooled results are public; published
evaluations' aggregate results too. Respondent-level scores only for the evaluating
organisation's representatives and staff (signed in), and unpublished evaluations only
for them."""

from datetime import datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from menengage.core.translation import translation_schema

from . import selectors
from .models import Design, Evaluation, Instrument
from .permissions import can_manage_evaluation

router = Router(tags=["evidence"])
FORBIDDEN = {
    "description": "Forbidden",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


class ItemOut(Schema):
    code: str
    position: int
    subscale: str | None
    reverse_scored: bool
    texts: translation_schema() = Field(  # type: ignore[valid-type]
        description="The statement in each language"
    )

    @staticmethod
    def resolve_subscale(item):
        return item.subscale.code if item.subscale_id else None


class InstrumentOut(Schema):
    family: str
    version: int
    name: str
    names: translation_schema()  # type: ignore[valid-type]
    status: Instrument.Status
    min_share: float = Field(description="Share of a subscale's items needed for a score")
    answer_scale: list[dict]
    based_on: str | None
    url: str

    @staticmethod
    def resolve_based_on(instrument):
        return str(instrument.based_on) if instrument.based_on_id else None

    @staticmethod
    def resolve_url(instrument):
        return instrument.get_absolute_url()


class InstrumentDetailOut(InstrumentOut):
    items: list[ItemOut]
    subscales: list[dict]
    bands: list[dict]

    @staticmethod
    def resolve_items(instrument):
        return list(instrument.items.all())

    @staticmethod
    def resolve_subscales(instrument):
        return [{"code": row.code, "names": row.names} for row in instrument.subscales.all()]

    @staticmethod
    def resolve_bands(instrument):
        return [
            {"names": band.names, "min": float(band.min_score), "max": float(band.max_score)}
            for band in instrument.bands.all()
        ]


class EvaluationOut(Schema):
    id: int
    title: str
    organisation: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    design: Design
    waves: list[str]
    instrument: str
    age_groups: list[str]
    published_at: datetime | None
    matched: int | None = Field(description="Matched respondents; null under 10")
    effect_size: float | None = Field(description="Hedges' g; null under 10 respondents")
    effect_variance: float | None
    url: str

    @staticmethod
    def resolve_organisation(evaluation):
        return evaluation.organisation.name

    @staticmethod
    def resolve_country(evaluation):
        return evaluation.country_id

    @staticmethod
    def resolve_instrument(evaluation):
        return f"{evaluation.instrument.family}/{evaluation.instrument.version}"

    @staticmethod
    def resolve_age_groups(evaluation):
        return [term.code for term in evaluation.age_groups.all()]

    @staticmethod
    def _shown(evaluation, value):
        return value if evaluation.matched >= 10 else None

    @staticmethod
    def resolve_matched(evaluation):
        return EvaluationOut._shown(evaluation, evaluation.matched)

    @staticmethod
    def resolve_effect_size(evaluation):
        return EvaluationOut._shown(evaluation, evaluation.effect_size)

    @staticmethod
    def resolve_effect_variance(evaluation):
        return EvaluationOut._shown(evaluation, evaluation.effect_variance)

    @staticmethod
    def resolve_url(evaluation):
        return evaluation.get_absolute_url()


class EvaluationDetailOut(EvaluationOut):
    results: dict = Field(description="Per wave, change and subgroups; cells under 10 left out")

    @staticmethod
    def resolve_results(evaluation):
        return selectors.public_results(evaluation)


class EvidenceFilters(Schema):
    family: str | None = Field(None, description="Instrument family, gem by default")
    region: str | None = Field(None, description="Slug of a regional network")
    age_group: str | None = Field(None, description="Code of an age-group term")
    design: Design | None = None
    method: str | None = Field(None, description="dl (DerSimonian-Laird) or pm (Paule-Mandel)")


@router.get("/evidence/instruments", response=list[InstrumentOut], summary="List instruments")
@paginate
def list_instruments(request):
    return selectors.instrument_list().select_related("based_on")


@router.get(
    "/evidence/instruments/{family}/{version}",
    response=InstrumentDetailOut,
    summary="One instrument version with its items",
)
def get_instrument(request, family: str, version: int):
    try:
        return selectors.instrument_get(family=family, version=version, actor=request.user)
    except Instrument.DoesNotExist as missing:
        raise HttpError(404, "No published instrument has that family and version.") from missing


@router.get("/evidence/pooled", summary="The pooled analysis of published evaluations")
def get_pooled(request, filters: Query[EvidenceFilters]):
    return selectors.pooled_analysis(filters=selectors.clean_filters(filters.dict()))


@router.get(
    "/evidence/evaluations", response=list[EvaluationOut], summary="List published evaluations"
)
@paginate
def list_evaluations(request, filters: Query[EvidenceFilters]):
    return selectors.evaluation_list_published(filters=selectors.clean_filters(filters.dict()))


def _evaluation(request, id):
    try:
        return selectors.evaluation_get(pk=id, actor=request.user)
    except Evaluation.DoesNotExist as missing:
        raise HttpError(404, "No published evaluation has that id.") from missing


@router.get(
    "/evidence/evaluations/{id}",
    response=EvaluationDetailOut,
    summary="One evaluation's aggregate results",
)
def get_evaluation(request, id: int, response: HttpResponse):
    evaluation = _evaluation(request, id)
    if not evaluation.is_published:
        response["Cache-Control"] = "private, no-store"
    return evaluation


@router.get(
    "/evidence/evaluations/{id}/scores",
    summary="Respondent-level scores (the evaluating organisation and staff only)",
    # The refusal anyone else gets is part of the document, as the API's other errors are.
    openapi_extra={"responses": {403: FORBIDDEN}},
)
def get_scores(request, id: int, response: HttpResponse):
    evaluation = _evaluation(request, id)
    if not can_manage_evaluation(request.user, evaluation):
        raise HttpError(403, "Only the evaluating organisation and the secretariat see this.")
    response["Cache-Control"] = "private, no-store"
    rows = selectors.respondent_scores(evaluation=evaluation, actor=request.user)
    return [
        {
            "respondent": code,
            "group": group,
            "age_group": age,
            "gender": gender,
            "wave": wave,
            "score": score,
            "subscales": subscales,
        }
        for code, group, age, gender, wave, score, subscales in rows
    ]
