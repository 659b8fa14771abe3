"""Reads for evidence: instruments, the evaluations an actor may see, and the pooled
analysis of published evaluations. Respondent-level data only for those who manage an
evaluation."""

import hashlib
import json
import uuid
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from menengage.accounts.permissions import is_secretariat
from menengage.activities.selectors import region_country_codes
from menengage.core.models import Term
from menengage.core.translation import active_language, translated_order
from menengage.core.vocabulary import term_ids
from menengage.networks.models import Network

from . import analysis
from .models import Design, Evaluation, Instrument, Item, Response, Wave
from .permissions import can_manage_evaluation, represented_organisation_ids

POOLED_FILTERS = ("family", "region", "age_group", "design", "method")
POOLED_CACHE_SECONDS = 60


class Option(NamedTuple):
    value: str
    label: str


def instrument_list():
    """Published and retired versions, newest first within each family, with item counts."""
    return (
        Instrument.objects.exclude(status=Instrument.Status.DRAFT)
        .annotate(
            item_count=Count("items", distinct=True),
            evaluation_count=Count(
                "evaluations",
                filter=Q(evaluations__status=Evaluation.Status.PUBLISHED),
                distinct=True,
            ),
        )
        .order_by("family", "-version")
    )


def instrument_get(*, family, version, actor=None):
    """One version with its subscales, items and bands. Drafts only for staff; raises
    Instrument.DoesNotExist."""
    instruments = Instrument.objects.prefetch_related(
        "subscales",
        "bands",
        Prefetch("items", queryset=Item.objects.select_related("subscale")),
    )
    if not is_secretariat(actor):
        instruments = instruments.exclude(status=Instrument.Status.DRAFT)
    return instruments.get(family=family, version=version)


def clean_filters(params):
    """The pooled analysis's filters from a query string; unknown values are ignored."""
    filters = {key: str(params.get(key) or "").strip()[:40] for key in POOLED_FILTERS}
    filters["family"] = filters["family"] or "gem"
    if filters["design"] not in Design.values:
        filters["design"] = ""
    if filters["method"] not in analysis.POOLING_METHODS:
        filters["method"] = "dl"
    return filters


def filter_options():
    """Choices for the filters in the active language, kept for a few minutes."""
    key = f"evidence:options:{active_language()}"
    options = caches["fragments"].get(key)
    if options is None:
        regions = Network.objects.filter(kind=Network.Kind.REGIONAL).order_by(
            translated_order("name")
        )
        options = {
            "families": [
                Option(family, family.upper())
                for family in Instrument.objects.exclude(status=Instrument.Status.DRAFT)
                .order_by("family")
                .values_list("family", flat=True)
                .distinct()
            ],
            "regions": [Option(network.slug, network.name) for network in regions],
            "age_groups": [
                Option(term.code, term.name)
                for term in Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP)
            ],
        }
        caches["fragments"].set(key, options, POOLED_CACHE_SECONDS * 5)
    return options


def evaluation_list_published(*, filters=None):
    """Published evaluations matching the filters, with what lists show preloaded."""
    filters = filters or {}
    evaluations = (
        Evaluation.objects.filter(status=Evaluation.Status.PUBLISHED)
        .select_related("organisation", "instrument")
        .with_vocabulary("country", "age_groups")
        .order_by("-published_at", "-pk")
    )
    if family := filters.get("family"):
        evaluations = evaluations.filter(instrument__family=family)
    if region := filters.get("region"):
        evaluations = evaluations.filter(country_id__in=region_country_codes(region))
    if design := filters.get("design"):
        evaluations = evaluations.filter(design=design)
    if age_group := filters.get("age_group"):
        links = Evaluation.age_groups.through.objects.filter(
            evaluation=OuterRef("pk"), term_id__in=term_ids(age_group)
        )
        evaluations = evaluations.filter(Exists(links))
    return evaluations


def pooled_analysis(*, filters):
    """The random-effects pooling of published evaluations' effect sizes, and the
    evaluations pooled in forest-plot order. Evaluations with fewer than SMALL_CELL matched
    respondents are left out, as they are from every public figure. Kept a minute per
    filter set."""
    key = (
        "evidence:pooled:"
        + hashlib.sha256(
            json.dumps([filters, active_language()], sort_keys=True).encode()
        ).hexdigest()
    )
    cached = caches["fragments"].get(key)
    if cached is not None:
        return cached
    studies = [
        evaluation
        for evaluation in evaluation_list_published(filters=filters).filter(
            effect_size__isnull=False, matched__gte=analysis.SMALL_CELL
        )
    ]
    studies.sort(key=lambda study: (study.effect_size, study.pk))
    pooled = analysis.pool(
        [study.effect_size for study in studies],
        [study.effect_variance for study in studies],
        method=filters.get("method") or "dl",
    )
    rows = []
    for index, study in enumerate(studies):
        half = 1.959964 * study.effect_variance**0.5
        rows.append(
            {
                "id": study.pk,
                "title": study.title,
                "organisation": study.organisation.name,
                "country": study.country.name,
                "design": study.get_design_display(),
                "n": study.matched,
                "g": study.effect_size,
                "ci_low": study.effect_size - half,
                "ci_high": study.effect_size + half,
                "weight": pooled["weights"][index] if pooled else 1.0,
                "url": study.get_absolute_url(),
            }
        )
    result = {
        "pooled": pooled,
        "studies": rows,
        "n": sum(row["n"] for row in rows),
        # Names this result: its rendering is kept under it (evidence_index.html), so the page
        # shows exactly the kept analysis without formatting its thousand figures again.
        "version": uuid.uuid4().hex,
    }
    caches["fragments"].set(key, result, POOLED_CACHE_SECONDS)
    return result


def evaluation_get(*, pk, actor):
    """One evaluation the actor may see: published ones for everyone, unpublished ones for
    the organisation's representatives and staff. Raises Evaluation.DoesNotExist."""
    evaluation = (
        Evaluation.objects.select_related("organisation", "instrument", "activity")
        .with_vocabulary("country", "age_groups")
        .get(pk=pk)
    )
    if not evaluation.is_published and not can_manage_evaluation(actor, evaluation):
        raise Evaluation.DoesNotExist
    return evaluation


def evaluations_managed_by(*, actor):
    """The evaluations the actor may upload to and publish."""
    evaluations = Evaluation.objects.select_related("organisation", "instrument", "country")
    if not is_secretariat(actor):
        evaluations = evaluations.filter(organisation_id__in=represented_organisation_ids(actor))
    return evaluations.order_by("-created_at", "-pk")


def respondent_scores(*, evaluation, actor):
    """Respondent-level rows (code, group, age group, gender, wave, score, subscale scores)
    for the organisation's representatives and staff; None for anyone else."""
    if not can_manage_evaluation(actor, evaluation):
        return None
    return (
        Response.objects.filter(respondent__evaluation=evaluation)
        .values_list(
            "respondent__code",
            "respondent__group",
            "respondent__age_group__code",
            "respondent__gender",
            "wave",
            "score",
            "subscale_scores",
        )
        .order_by("respondent__code", "wave")
    )


def public_results(evaluation):
    """An evaluation's results as the public may see them: any wave, change or subgroup
    resting on fewer than SMALL_CELL respondents is replaced by its suppression mark."""
    results = evaluation.results or {}
    small = analysis.SMALL_CELL

    def shown(cell, n):
        return cell if cell and n >= small else None

    waves = [
        {**summary, "label": str(Wave(summary["wave"]).label), "suppressed": False}
        if summary["n"] >= small
        else {
            "wave": summary["wave"],
            "label": str(Wave(summary["wave"]).label),
            "n": None,
            "suppressed": True,
        }
        for summary in (results.get("waves") or {}).values()
    ]
    change = results.get("change")
    comparison = results.get("comparison")
    return {
        "waves": waves,
        "change": shown(change, change["n"] if change else 0),
        "comparison": comparison,
        "subgroups": [
            {**cell, "n": cell["n"] if cell["n"] >= small else None}
            for cell in results.get("subgroups", [])
            if cell["n"] >= small
        ],
        "hidden_subgroups": sum(1 for cell in results.get("subgroups", []) if cell["n"] < small),
    }


def responses_per_wave(evaluation):
    """[(wave label, number of responses saved)] in the evaluation's wave order, for the
    running count on the entry form."""
    counts = dict(
        Response.objects.filter(respondent__evaluation=evaluation)
        .values("wave")
        .annotate(n=Count("pk"))
        .values_list("wave", "n")
    )
    return [(Wave(wave).label, counts.get(wave, 0)) for wave in evaluation.waves]
