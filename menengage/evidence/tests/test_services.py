"""Registering evaluations, uploading responses (row by row, all or nothing), scoring,
analysis and publishing; each refusal writes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import AuditEvent

from .. import services
from ..models import Evaluation, Respondent, Response
from .conftest import register_evaluation, synthetic_csv


def test_outsiders_cannot_register_for_an_organisation(orgs, gem, outsider, other_representative):
    for actor in (outsider, other_representative):
        with pytest.raises(NotPermitted):
            register_evaluation(actor, orgs["nairobi"], gem)
    assert not Evaluation.objects.exists()


def test_pending_member_and_bad_waves_refused(staff, orgs, gem):
    with pytest.raises(ValidationError):
        register_evaluation(staff, orgs["pending"], gem)
    with pytest.raises(ValidationError):
        register_evaluation(staff, orgs["nairobi"], gem, waves=["endline"])
    with pytest.raises(ValidationError):
        register_evaluation(
            staff, orgs["nairobi"], gem, ethics_approved_on=datetime.date(2999, 1, 1)
        )
    assert not Evaluation.objects.exists()


def test_representative_registers(evaluation, representative):
    assert evaluation.status == "draft" and evaluation.created_by == representative
    assert [term.code for term in evaluation.age_groups.all()] == ["youth"]
    assert AuditEvent.objects.filter(verb="evaluation.register").count() == 1


def test_other_representative_cannot_upload(evaluation, other_representative, gem):
    with pytest.raises(NotPermitted):
        services.responses_upload(
            evaluation=evaluation, actor=other_representative, content=synthetic_csv(gem)
        )
    assert not Response.objects.exists()


def test_upload_scores_and_analyses(scored_evaluation, gem):
    assert Respondent.objects.filter(evaluation=scored_evaluation).count() == 30
    assert Response.objects.count() == 60
    response = Response.objects.filter(wave="baseline").first()
    assert 24 <= response.score <= 72 and set(response.subscale_scores) == {
        subscale.code for subscale in gem.subscales.all()
    }
    results = scored_evaluation.results
    assert results["waves"]["baseline"]["n"] == 30
    assert 0 < results["waves"]["baseline"]["alpha"] <= 1
    change = results["change"]
    assert change["n"] == 30 and change["mean_change"] > 0 and change["ci_low"] > 0
    assert scored_evaluation.effect_size == pytest.approx(change["g"])
    assert scored_evaluation.matched == 30
    youth = [cell for cell in results["subgroups"] if cell["dimension"] == "age_group"]
    assert youth[0]["value"] == "youth" and youth[0]["n"] == 30
    upload = AuditEvent.objects.get(verb="evaluation.responses.upload")
    assert upload.after["responses"] == 60


def test_score_follows_the_missing_data_rule(evaluation, representative, gem):
    codes = [item.code for item in gem.items.all()]
    answers = ["1"] * 24
    sparse = ["1"] * 18 + [""] * 6  # 75 % answered and a whole subscale short
    content = (
        "respondent,wave," + ",".join(codes) + "\n"
        "A1,baseline," + ",".join(answers) + "\n"
        "A2,baseline," + ",".join(sparse) + "\n"
    ).encode()
    services.responses_upload(evaluation=evaluation, actor=representative, content=content)
    full = Response.objects.get(respondent__code="A1")
    # 17 inequitable items agreed (1 each) + 7 equitable agreed (reversed to 3 each) = 38.
    assert full.score == pytest.approx(38)
    assert Response.objects.get(respondent__code="A2").score is None


def test_bad_rows_reported_and_nothing_written(evaluation, representative, gem):
    content = synthetic_csv(gem, respondents=3).decode().splitlines()
    content[2] = content[2].replace(",youth,", ",elderly,")
    content[3] = "Jane Doe" + content[3][5:]
    content.append(content[1])
    with pytest.raises(services.UploadRejected) as rejected:
        services.responses_upload(
            evaluation=evaluation, actor=representative, content="\n".join(content).encode()
        )
    rows = [number for number, _message in rejected.value.report.errors]
    assert rows == [3, 4, 8]
    assert not Respondent.objects.exists() and not Response.objects.exists()
    assert not AuditEvent.objects.filter(verb="evaluation.responses.upload").exists()


def test_unreadable_file_and_dry_run(evaluation, representative, gem):
    with pytest.raises(ValidationError):
        services.responses_upload(
            evaluation=evaluation, actor=representative, content=b"\xff\xfe\x00garbage"
        )
    report = services.responses_upload(
        evaluation=evaluation, actor=representative, content=synthetic_csv(gem), dry_run=True
    )
    assert len(report.rows) == 60 and report.written == 0
    assert not Response.objects.exists()


def test_second_upload_matches_by_code_and_refuses_repeats(evaluation, representative, gem):
    baseline = synthetic_csv(gem, respondents=12, waves=("baseline",))
    services.responses_upload(evaluation=evaluation, actor=representative, content=baseline)
    with pytest.raises(services.UploadRejected):
        services.responses_upload(evaluation=evaluation, actor=representative, content=baseline)
    # The endline comes from the tool's export, with its own column names mapped once.
    both = synthetic_csv(gem, respondents=12).decode().splitlines()
    endline = "\n".join([both[0]] + [line for line in both if ",endline," in line])
    endline = endline.replace("respondent,", "participant_code,", 1)
    services.responses_upload(
        evaluation=evaluation,
        actor=representative,
        content=endline.encode(),
        column_map={"Participant_Code": "respondent"},
    )
    evaluation.refresh_from_db()
    assert evaluation.column_map == {"participant_code": "respondent"}
    assert Respondent.objects.count() == 12 and Response.objects.count() == 24
    assert evaluation.matched == 12


def test_xlsx_upload(evaluation, representative, gem):
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in synthetic_csv(gem, respondents=10).decode().splitlines():
        sheet.append([int(cell) if cell.isdigit() else cell for cell in line.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    report = services.responses_upload(
        evaluation=evaluation, actor=representative, content=buffer.getvalue()
    )
    assert report.written == 20


def test_comparison_design_difference_in_differences(representative, orgs, gem):
    evaluation = register_evaluation(
        representative, orgs["nairobi"], gem, design="pre_post_comparison"
    )
    programme = synthetic_csv(gem, respondents=20, shift=0.6, seed=2)
    comparison = (
        synthetic_csv(gem, respondents=20, shift=0.0, seed=3, group="comparison", prefix="C")
        .decode()
        .split("\n", 1)[1]
    )
    services.responses_upload(
        evaluation=evaluation, actor=representative, content=programme + comparison.encode()
    )
    evaluation.refresh_from_db()
    did = evaluation.results["comparison"]
    assert did["n_programme"] == 20 and did["n_comparison"] == 20 and did["difference"] > 0
    assert evaluation.effect_size == pytest.approx(did["g"]) and evaluation.matched == 40


def test_publish_rules(evaluation, scored_evaluation, representative, other_representative):
    with pytest.raises(NotPermitted):
        services.evaluation_publish(evaluation=scored_evaluation, actor=other_representative)
    services.evaluation_publish(evaluation=scored_evaluation, actor=representative)
    scored_evaluation.refresh_from_db()
    assert scored_evaluation.is_published
    with pytest.raises(InvalidTransition):
        services.evaluation_publish(evaluation=scored_evaluation, actor=representative)
    services.evaluation_unpublish(evaluation=scored_evaluation, actor=representative)
    assert AuditEvent.objects.filter(verb="evaluation.unpublish").exists()


def test_cannot_publish_without_results(evaluation, representative):
    with pytest.raises(InvalidTransition):
        services.evaluation_publish(evaluation=evaluation, actor=representative)


def test_kobo_export_with_group_prefixes_and_semicolons(evaluation, representative, gem):
    lines = synthetic_csv(gem, respondents=10).decode().splitlines()
    header = lines[0].split(",")
    header = header[:5] + [f"items/{code}" for code in header[5:]] + ["_uuid"]
    rows = [";".join(header)] + [";".join(line.split(",") + ["abc"]) for line in lines[1:]]
    report = services.responses_upload(
        evaluation=evaluation, actor=representative, content="\n".join(rows).encode()
    )
    assert report.written == 20 and report.ignored_columns == ["_uuid"]
    assert Response.objects.filter(score__isnull=False).count() == 20
