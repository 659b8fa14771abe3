"""Writes for evidence: instruments and their versions, evaluations, uploads of responses
(scored as they are written) and the analysis stored with each evaluation."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import Term
from menengage.members.models import Membership

from . import analysis, uploads
from .models import Band, Design, Evaluation, Instrument, Item, Respondent, Response, Subscale, Wave
from .permissions import can_edit_instruments, can_manage_evaluation, can_register_for

INSTRUMENT_FIELDS = ("names", "descriptions", "answer_scale", "min_share", "source")
EVALUATION_FIELDS = (
    "title",
    "summary",
    "design",
    "waves",
    "country",
    "activity",
    "ethics_body",
    "ethics_reference",
    "ethics_approved_on",
    "consent_statement",
)
BATCH = 2000


class UploadRejected(ValidationError):
    """An upload with bad rows: nothing was written; `report` says what is wrong, row by row."""

    def __init__(self, report):
        super().__init__(_("The file has rows with problems. Nothing was saved."))
        self.report = report


# Instruments


def _require_staff(actor):
    if not can_edit_instruments(actor):
        raise NotPermitted(_("Only the secretariat can change instruments."))


@transaction.atomic
def instrument_update(*, instrument, actor, **changes):
    """Change a version's names, descriptions, answer scale, missing-data rule or source.
    Staff only, and never once responses use the version. Records `instrument.update`."""
    _require_staff(actor)
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    instrument.check_editable()
    unknown = set(changes) - set(INSTRUMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown instrument fields: {', '.join(sorted(unknown))}")
    before = snapshot(instrument, list(changes))
    for name, value in changes.items():
        setattr(instrument, name, value)
    instrument.full_clean()
    instrument.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        verb="instrument.update",
        target=instrument,
        before=before,
        after=snapshot(instrument, list(changes)),
    )
    return instrument


@transaction.atomic
def instrument_item_update(*, item, actor, **changes):
    """Change an item's text, subscale, direction or position, under the same rule as its
    instrument. Records `instrument.item.update`."""
    _require_staff(actor)
    item.instrument.check_editable()
    fields = ("texts", "subscale", "reverse_scored", "position")
    if set(changes) - set(fields):
        raise TypeError("Unknown item fields.")
    before = snapshot(item, list(changes))
    for name, value in changes.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        verb="instrument.item.update",
        target=item.instrument,
        before={"item": item.code, **before},
        after={"item": item.code, **snapshot(item, list(changes))},
    )
    return item


@transaction.atomic
def instrument_adapt(*, instrument, actor, names=None):
    """A new draft version of `instrument`'s family, copied from it with its subscales,
    items and bands, for staff to adapt (shorter form, local wording, other answer points)
    and publish. Records `instrument.adapt`."""
    _require_staff(actor)
    latest = Instrument.objects.filter(family=instrument.family).aggregate(Max("version"))
    copy = Instrument.objects.create(
        family=instrument.family,
        version=latest["version__max"] + 1,
        names=names or instrument.names,
        descriptions=instrument.descriptions,
        answer_scale=instrument.answer_scale,
        min_share=instrument.min_share,
        source=instrument.source,
        based_on=instrument,
    )
    subscales = {}
    for subscale in instrument.subscales.all():
        subscales[subscale.pk] = Subscale.objects.create(
            instrument=copy, code=subscale.code, names=subscale.names, position=subscale.position
        )
    Item.objects.bulk_create(
        Item(
            instrument=copy,
            code=item.code,
            position=item.position,
            subscale=subscales.get(item.subscale_id),
            reverse_scored=item.reverse_scored,
            texts=item.texts,
        )
        for item in instrument.items.all()
    )
    Band.objects.bulk_create(
        Band(instrument=copy, names=band.names, min_score=band.min_score, max_score=band.max_score)
        for band in instrument.bands.all()
    )
    audit_record(
        actor=actor,
        verb="instrument.adapt",
        target=copy,
        after={"based_on": str(instrument), "version": copy.version},
    )
    return copy


@transaction.atomic
def instrument_publish(*, instrument, actor):
    """Open a draft version to evaluations. Staff only; the version needs items.
    Records `instrument.publish`."""
    _require_staff(actor)
    if instrument.status != Instrument.Status.DRAFT:
        raise InvalidTransition(_("Only a draft version can be published."))
    if not instrument.items.exists():
        raise InvalidTransition(_("A version needs items before it is published."))
    instrument.full_clean()
    instrument.status = Instrument.Status.PUBLISHED
    instrument.published_at = timezone.now()
    instrument.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, verb="instrument.publish", target=instrument)
    return instrument


# Evaluations


@transaction.atomic
def evaluation_register(*, actor, organisation, instrument, age_groups=(), **fields):
    """Register an evaluation of a programme by a member organisation, with its design,
    waves, country, age groups, ethics approval and consent statement.

    The organisation's representatives and the secretariat may; the organisation must be an
    active member and the instrument published. Records `evaluation.register`.
    """
    if not can_register_for(actor, organisation):
        raise NotPermitted(
            _("Only the organisation's representatives can register its evaluations.")
        )
    unknown = set(fields) - set(EVALUATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown evaluation fields: {', '.join(sorted(unknown))}")
    if not Membership.objects.filter(
        organisation=organisation, status=Membership.Status.ACTIVE
    ).exists():
        raise ValidationError(
            {"organisation": _("Only active members of the Alliance register evaluations.")}
        )
    if instrument.status != Instrument.Status.PUBLISHED:
        raise ValidationError({"instrument": _("Choose a published instrument.")})
    age_groups = list(age_groups)
    if any(term.vocabulary != Term.Vocabulary.AGE_GROUP for term in age_groups):
        raise ValidationError({"age_groups": _("Choose age groups from the list.")})
    activity = fields.get("activity")
    if (
        activity is not None
        and activity.lead_id != organisation.pk
        and not activity.partners.filter(pk=organisation.pk).exists()
    ):
        raise ValidationError(
            {"activity": _("Choose an activity the organisation leads or takes part in.")}
        )
    evaluation = Evaluation(
        organisation=organisation,
        instrument=instrument,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    evaluation.full_clean()
    evaluation.save()
    evaluation.age_groups.set(age_groups)
    audit_record(
        actor=actor,
        verb="evaluation.register",
        target=evaluation,
        after={
            **snapshot(evaluation, ("organisation", "instrument", *fields)),
            "age_groups": [term.code for term in age_groups],
        },
    )
    return evaluation


def _layout(instrument):
    """The instrument's item codes in order, which are reversed, the answer range and the
    columns of each subscale, as the scoring needs them."""
    items = list(instrument.items.select_related("subscale"))
    subscales = {}
    for index, item in enumerate(items):
        if item.subscale_id:
            subscales.setdefault(item.subscale.code, []).append(index)
    points = instrument.points
    return {
        "codes": [item.code for item in items],
        "reverse": [item.reverse_scored for item in items],
        "low": points[0],
        "high": points[-1],
        "subscales": subscales,
        "min_share": float(instrument.min_share),
    }


def _matrix(answers, codes):
    return np.array(
        [[np.nan if row.get(code) is None else row[code] for code in codes] for row in answers],
        dtype=float,
    ).reshape(len(answers), len(codes))


def _score_rows(layout, answers):
    totals, means = analysis.score(
        _matrix(answers, layout["codes"]),
        reverse=layout["reverse"],
        low=layout["low"],
        high=layout["high"],
        subscales=layout["subscales"],
        min_share=layout["min_share"],
    )
    return totals, means


def _check_against_database(evaluation, report):
    """Move rows that clash with what is already stored to the errors: a wave already
    uploaded for a respondent, or a respondent given another group."""
    codes = {row.respondent for row in report.rows}
    stored = {}
    for start in range(0, len(codes), BATCH * 5):
        chunk = sorted(codes)[start : start + BATCH * 5]
        for respondent in Respondent.objects.filter(evaluation=evaluation, code__in=chunk):
            stored[respondent.code] = respondent
    waves = (
        set(
            Response.objects.filter(respondent__evaluation=evaluation).values_list(
                "respondent__code", "wave"
            )
        )
        if stored
        else set()
    )
    groups, kept = {}, []
    for row in report.rows:
        known = stored.get(row.respondent)
        group = known.group if known else groups.setdefault(row.respondent, row.group)
        if (row.respondent, row.wave) in waves:
            report.errors.append(
                (row.number, str(_("this respondent's answers for this wave are already saved")))
            )
        elif group != row.group:
            report.errors.append(
                (row.number, str(_("this respondent is in the other group in another row")))
            )
        else:
            kept.append(row)
    report.rows = kept
    report.errors.sort()
    return stored


def _rules(evaluation):
    """What a row of this evaluation must hold: the instrument's layout, the groups its
    design has and the age groups by code. The upload and the entry form share them."""
    layout = _layout(evaluation.instrument)
    groups = [Respondent.Group.INTERVENTION]
    if evaluation.design == Design.PRE_POST_COMPARISON:
        groups.append(Respondent.Group.COMPARISON)
    age_groups = {
        term.code: term for term in Term.objects.filter(vocabulary=Term.Vocabulary.AGE_GROUP)
    }
    return layout, groups, age_groups


def _write_rows(evaluation, report, *, layout, age_groups, stored):
    """Save a checked report's rows: new respondents, then their scored responses."""
    new = {}
    for row in report.rows:
        if row.respondent not in stored and row.respondent not in new:
            new[row.respondent] = Respondent(
                evaluation=evaluation,
                code=row.respondent,
                group=row.group,
                age_group=age_groups.get(row.age_group),
                gender=row.gender,
            )
    Respondent.objects.bulk_create(new.values(), batch_size=BATCH)
    ids = {code: respondent.pk for code, respondent in stored.items()}
    if new:
        ids.update(Respondent.objects.filter(evaluation=evaluation).values_list("code", "pk"))
    totals, means = _score_rows(layout, [row.answers for row in report.rows])
    now = timezone.now()
    Response.objects.bulk_create(
        (
            Response(
                respondent_id=ids[row.respondent],
                wave=row.wave,
                answers=row.answers,
                score=None if np.isnan(totals[index]) else round(float(totals[index]), 4),
                subscale_scores={
                    code: round(float(values[index]), 4)
                    for code, values in means.items()
                    if not np.isnan(values[index])
                },
                uploaded_at=now,
            )
            for index, row in enumerate(report.rows)
        ),
        batch_size=BATCH,
    )
    report.written = len(report.rows)
    report.new_respondents = len(new)


@transaction.atomic
def responses_upload(*, evaluation, actor, content, column_map=None, dry_run=False):
    """Check an upload of responses row by row and, unless `dry_run`, save every row in one
    transaction: pseudonymous respondents (matched across waves by code) and their answers,
    scored with the instrument's missing-data rule; then the evaluation's analysis again.

    Any bad row rejects the whole file (UploadRejected with the report; nothing is written);
    an unreadable file raises ValidationError. `column_map`, when given, is remembered for
    the next upload. Representatives of the organisation and the secretariat may. Records
    `evaluation.responses.upload` with the counts.
    """
    if not can_manage_evaluation(actor, evaluation):
        raise NotPermitted(_("Only the organisation's representatives can upload responses."))
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    column_map = {
        str(source).strip().lower(): str(target).strip()
        for source, target in (evaluation.column_map if column_map is None else column_map).items()
        if str(source).strip() and str(target).strip()
    }
    layout, groups, age_groups = _rules(evaluation)
    try:
        header, records = uploads.read_table(content)
        report = uploads.check_rows(
            header,
            records,
            items=layout["codes"],
            points=evaluation.instrument.points,
            waves=evaluation.waves,
            groups=groups,
            age_groups=list(age_groups),
            column_map=column_map,
        )
    except uploads.UnreadableUpload as unreadable:
        raise ValidationError(str(unreadable)) from unreadable
    stored = _check_against_database(evaluation, report)
    if not report.ok:
        raise UploadRejected(report)
    if dry_run:
        return report
    _write_rows(evaluation, report, layout=layout, age_groups=age_groups, stored=stored)
    if column_map != evaluation.column_map:
        evaluation.column_map = column_map
        evaluation.save(update_fields=["column_map"])
    evaluation_analyse(evaluation=evaluation)
    audit_record(
        actor=actor,
        verb="evaluation.responses.upload",
        target=evaluation,
        after={
            "responses": report.written,
            "new_respondents": report.new_respondents,
            "ignored_columns": report.ignored_columns,
        },
    )
    return report


@transaction.atomic
def response_enter(
    *, evaluation, actor, respondent, wave, answers, group="", age_group="", gender=""
):
    """Save one respondent's answers for one wave, typed into the site's form for a small
    group. The entry is checked as a one-row upload (the same rules, word for word) and
    written, scored and analysed by the same code. `answers` maps item codes to answer
    points; an item left out or None is not answered. A respondent code already saved for
    the wave is refused. Representatives of the organisation and the secretariat may.
    Records `evaluation.responses.enter`."""
    if not can_manage_evaluation(actor, evaluation):
        raise NotPermitted(_("Only the organisation's representatives can enter responses."))
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    layout, groups, age_groups = _rules(evaluation)
    header = [*uploads.IDENTITY_COLUMNS, *layout["codes"]]
    record = [respondent, wave, group, age_group, gender] + [
        "" if answers.get(code) is None else str(answers[code]) for code in layout["codes"]
    ]
    try:
        report = uploads.check_rows(
            header,
            [record],
            items=layout["codes"],
            points=evaluation.instrument.points,
            waves=evaluation.waves,
            groups=groups,
            age_groups=list(age_groups),
            column_map={},
        )
    except uploads.UnreadableUpload as unreadable:
        raise ValidationError(str(unreadable)) from unreadable
    stored = _check_against_database(evaluation, report)
    if not report.ok:
        raise ValidationError(
            _("Nothing was saved: %(problems)s.")
            % {"problems": "; ".join(message for _number, message in report.errors)}
        )
    _write_rows(evaluation, report, layout=layout, age_groups=age_groups, stored=stored)
    evaluation_analyse(evaluation=evaluation)
    audit_record(
        actor=actor,
        verb="evaluation.responses.enter",
        target=evaluation,
        after={"respondent": report.rows[0].respondent, "wave": report.rows[0].wave},
    )
    return report


def evaluation_analyse(*, evaluation):
    """Compute and store the evaluation's results from its scored responses: per wave the
    number scored, mean, SD and Cronbach's alpha; change from baseline to the latest wave
    for matched respondents (and the difference in differences with a comparison group);
    the same change by age group and by gender, each hidden under the small-cell limit.
    Called by the services that write responses; no audit event of its own."""
    layout = _layout(evaluation.instrument)
    rows = list(
        Response.objects.filter(respondent__evaluation=evaluation).values_list(
            "respondent_id",
            "respondent__group",
            "respondent__age_group__code",
            "respondent__gender",
            "wave",
            "score",
            "answers",
        )
    )
    results = {"waves": {}, "change": None, "comparison": None, "subgroups": []}
    for wave in evaluation.waves:
        in_wave = [row for row in rows if row[4] == wave and row[1] == "intervention"]
        summary = analysis.describe([np.nan if row[5] is None else row[5] for row in in_wave])
        scored = analysis.scored_items(
            _matrix([row[6] for row in in_wave], layout["codes"]),
            reverse=layout["reverse"],
            low=layout["low"],
            high=layout["high"],
        )
        summary["alpha"] = analysis.cronbach_alpha(scored) if in_wave else None
        summary["wave"] = wave
        results["waves"][wave] = summary
    later = [wave for wave in (Wave.ENDLINE, Wave.FOLLOW_UP) if wave in evaluation.waves]
    scores = {}
    for respondent, group, age, gender, wave, value, _answers in rows:
        if value is not None:
            scores.setdefault((respondent, group, age or "", gender.strip().lower()), {})[wave] = (
                value
            )
    change = None
    for wave in later:
        pairs = [
            (key, waves[Wave.BASELINE], waves[wave])
            for key, waves in scores.items()
            if Wave.BASELINE in waves and wave in waves
        ]
        programme = [pair for pair in pairs if pair[0][1] == "intervention"]
        # The endline unless too few were matched there and the follow-up has enough.
        if change is None or (len(change[2]) < analysis.SMALL_CELL <= len(programme)):
            change = (wave, pairs, programme)
    effect = None
    if change:
        wave, pairs, programme = change
        paired = analysis.paired_change(
            [pair[1] for pair in programme], [pair[2] for pair in programme]
        )
        results["change"] = paired.as_dict() | {"wave": wave} if paired else None
        effect = paired and (paired.g, paired.g_variance, paired.n)
        if evaluation.design == Design.PRE_POST_COMPARISON:
            comparison = [pair for pair in pairs if pair[0][1] == "comparison"]
            did = analysis.difference_in_differences(
                [pair[1] for pair in programme],
                [pair[2] for pair in programme],
                [pair[1] for pair in comparison],
                [pair[2] for pair in comparison],
            )
            results["comparison"] = did
            effect = did and (did["g"], did["g_variance"], did["n_programme"] + did["n_comparison"])
        for dimension, position in (("age_group", 2), ("gender", 3)):
            values = sorted({pair[0][position] for pair in programme if pair[0][position]})
            for value in values:
                cell = [pair for pair in programme if pair[0][position] == value]
                paired = analysis.paired_change(
                    [pair[1] for pair in cell], [pair[2] for pair in cell]
                )
                results["subgroups"].append(
                    {
                        "dimension": dimension,
                        "value": value,
                        "n": len(cell),
                        "change": paired.as_dict() if paired else None,
                    }
                )
    evaluation.results = results
    evaluation.matched = effect[2] if effect else 0
    evaluation.effect_size = effect[0] if effect else None
    evaluation.effect_variance = effect[1] if effect else None
    evaluation.save(update_fields=["results", "matched", "effect_size", "effect_variance"])
    return results


@transaction.atomic
def evaluation_publish(*, evaluation, actor):
    """Make an evaluation's aggregate results public and part of the pooled analysis (never
    its respondents' data). The organisation decides: its representatives and the
    secretariat may. Records `evaluation.publish`."""
    if not can_manage_evaluation(actor, evaluation):
        raise NotPermitted(_("Only the organisation's representatives can publish it."))
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    evaluation.check_publishable()
    evaluation.status = Evaluation.Status.PUBLISHED
    evaluation.published_at = timezone.now()
    evaluation.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, verb="evaluation.publish", target=evaluation)
    return evaluation


@transaction.atomic
def evaluation_unpublish(*, evaluation, actor):
    """Take an evaluation's results off the public pages and out of the pooled analysis.
    Records `evaluation.unpublish`."""
    if not can_manage_evaluation(actor, evaluation):
        raise NotPermitted(_("Only the organisation's representatives can unpublish it."))
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_published:
        raise InvalidTransition(_("This evaluation is not published."))
    evaluation.status = Evaluation.Status.DRAFT
    evaluation.published_at = None
    evaluation.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, verb="evaluation.unpublish", target=evaluation)
    return evaluation
