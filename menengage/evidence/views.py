import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from menengage.core.errors import DomainError
from menengage.core.forms import form_refuse
from menengage.core.spreadsheets import cell_text
from menengage.core.translation import site_languages

from . import selectors, services
from .forms import EvaluationForm, ResponseEntryForm, UploadForm
from .models import Design, Evaluation, Instrument
from .permissions import can_manage_evaluation, can_register_evaluations
from .plots import forest_layout
from .xlsform import instrument_xlsform

AGGREGATE_COLUMNS = [
    "id", "programme", "organisation", "country", "design", "instrument", "matched",
    "hedges_g", "g_variance", "published_at", "url",
]  # fmt: skip


def evidence_index(request):
    """The Alliance-wide pooled picture and the published evaluations."""
    filters = selectors.clean_filters(request.GET)
    analysis = selectors.pooled_analysis(filters=filters)
    context = {
        "filters": filters,
        "options": selectors.filter_options(),
        "designs": Design.choices,
        "analysis": analysis,
        # Laid out only when the kept rendering of this analysis is missing.
        "plot": SimpleLazyObject(lambda: forest_layout(analysis["studies"], analysis["pooled"])),
        "can_register": can_register_evaluations(request.user),
    }
    return render(request, "evidence/evidence_index.html", context)


def evaluation_list_csv(request):
    """Published evaluations' aggregate results as CSV (never respondent-level data)."""
    filters = selectors.clean_filters(request.GET)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evaluations.csv"'
    writer = csv.writer(response)
    writer.writerow(AGGREGATE_COLUMNS)
    for evaluation in selectors.evaluation_list_published(filters=filters):
        shown = evaluation.matched >= 10
        writer.writerow(
            [
                cell_text(value)
                for value in (
                    evaluation.pk, evaluation.title, evaluation.organisation.name,
                    evaluation.country_id, evaluation.design, str(evaluation.instrument),
                    evaluation.matched if shown else "",
                    f"{evaluation.effect_size:.4f}" if shown and evaluation.effect_size else "",
                    f"{evaluation.effect_variance:.5f}" if shown and evaluation.effect_variance
                    else "",
                    evaluation.published_at.date().isoformat(),
                    request.build_absolute_uri(evaluation.get_absolute_url()),
                )
            ]
        )  # fmt: skip
    return response


def _evaluation_or_404(request, pk):
    try:
        return selectors.evaluation_get(pk=pk, actor=request.user)
    except Evaluation.DoesNotExist as missing:
        raise Http404 from missing


def evaluation_detail(request, pk):
    evaluation = _evaluation_or_404(request, pk)
    context = {
        "evaluation": evaluation,
        "results": selectors.public_results(evaluation),
        "can_manage": can_manage_evaluation(request.user, evaluation),
    }
    return render(request, "evidence/evaluation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request):
    if not can_register_evaluations(request.user):
        raise PermissionDenied
    form = EvaluationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_register(
                actor=request.user, **form.service_arguments()
            )
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            return redirect("evidence:upload", pk=evaluation.pk)
    return render(request, "evidence/evaluation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_upload(request, pk):
    evaluation = _evaluation_or_404(request, pk)
    if not can_manage_evaluation(request.user, evaluation):
        raise PermissionDenied
    initial = {"columns": UploadForm.columns_text(evaluation.column_map)}
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.responses_upload(
                evaluation=evaluation,
                actor=request.user,
                content=form.cleaned_data["upload"].read(),
                column_map=form.cleaned_data["columns"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except services.UploadRejected as rejected:
            report = rejected.report
            form.add_error(None, rejected.messages)
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            if not form.cleaned_data["dry_run"]:
                messages.success(request, _("The responses are saved and scored."))
                return redirect(evaluation)
    context = {"evaluation": evaluation, "form": form, "report": report}
    return render(request, "evidence/evaluation_upload.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_enter(request, pk):
    """One respondent's answers at a time, for a small group; back to an empty form after
    each save."""
    evaluation = _evaluation_or_404(request, pk)
    if not can_manage_evaluation(request.user, evaluation):
        raise PermissionDenied
    form = ResponseEntryForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_enter(
                evaluation=evaluation, actor=request.user, **form.service_arguments()
            )
        except (DomainError, ValidationError) as refused:
            form_refuse(form, refused)
        else:
            messages.success(
                request,
                _("The answers of %(code)s are saved and scored.")
                % {"code": form.cleaned_data["respondent"].strip()},
            )
            return redirect("evidence:enter", pk=evaluation.pk)
    context = {
        "evaluation": evaluation,
        "form": form,
        "counts": selectors.responses_per_wave(evaluation),
    }
    return render(request, "evidence/evaluation_enter.html", context)


@login_required
@require_POST
def evaluation_publish(request, pk):
    evaluation = _evaluation_or_404(request, pk)
    if not can_manage_evaluation(request.user, evaluation):
        raise PermissionDenied
    change = (
        services.evaluation_unpublish if evaluation.is_published else services.evaluation_publish
    )
    try:
        change(evaluation=evaluation, actor=request.user)
    except DomainError as refused:
        messages.error(request, str(refused))
    return redirect(evaluation)


@login_required
def evaluation_scores_csv(request, pk):
    """Respondent-level scores, for the evaluating organisation and staff only."""
    evaluation = _evaluation_or_404(request, pk)
    rows = selectors.respondent_scores(evaluation=evaluation, actor=request.user)
    if rows is None:
        raise PermissionDenied
    codes = [subscale.code for subscale in evaluation.instrument.subscales.all()]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["respondent", "group", "age_group", "gender", "wave", "score", *codes])
    for code, group, age, gender, wave, score, subscales in rows.iterator():
        writer.writerow(
            [cell_text(value) for value in (code, group, age or "", gender, wave)]
            + ["" if score is None else score]
            + [subscales.get(name, "") for name in codes]
        )
    return response


@login_required
def evaluation_mine(request):
    if not can_register_evaluations(request.user):
        raise PermissionDenied
    evaluations = selectors.evaluations_managed_by(actor=request.user)
    return render(request, "evidence/evaluation_mine.html", {"evaluations": evaluations})


def instrument_list(request):
    instruments = selectors.instrument_list()
    return render(request, "evidence/instrument_list.html", {"instruments": instruments})


def _instrument_or_404(request, family, version):
    try:
        return selectors.instrument_get(family=family, version=version, actor=request.user)
    except Instrument.DoesNotExist as missing:
        raise Http404 from missing


def instrument_detail(request, family, version):
    instrument = _instrument_or_404(request, family, version)
    context = {
        "instrument": instrument,
        "answers": [(value, instrument.answer_label(value)) for value in instrument.points],
        "share": int(instrument.min_share * 100),
        "languages": settings.LANGUAGES,
    }
    return render(request, "evidence/instrument_detail.html", context)


def instrument_xlsform_download(request, family, version, language):
    if language not in site_languages():
        raise Http404
    instrument = _instrument_or_404(request, family, version)
    response = HttpResponse(
        instrument_xlsform(instrument, language),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{instrument.family}-v{instrument.version}-{language}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
