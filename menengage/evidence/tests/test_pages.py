"""Evidence pages for anonymous visitors, outsiders, another organisation's representative,
the evaluating organisation's representative and staff."""

import io

import pytest
from django.urls import reverse

from menengage.conftest import PASSWORD  # noqa: F401 - personas sign in with it

from .. import services
from ..models import Evaluation, Response
from .conftest import register_evaluation, synthetic_csv


@pytest.fixture
def published(scored_evaluation, representative):
    services.evaluation_publish(evaluation=scored_evaluation, actor=representative)
    scored_evaluation.refresh_from_db()
    return scored_evaluation


@pytest.fixture
def second_published(other_representative, orgs, gem):
    evaluation = register_evaluation(
        other_representative, orgs["rio"], gem, title="Jovens pela igualdade"
    )
    services.responses_upload(
        evaluation=evaluation,
        actor=other_representative,
        content=synthetic_csv(gem, respondents=25, shift=0.2, seed=9),
    )
    return services.evaluation_publish(evaluation=evaluation, actor=other_representative)


def test_anonymous_is_sent_to_sign_in_for_member_pages(client, evaluation):
    for name, args in (
        ("evidence:create", []),
        ("evidence:mine", []),
        ("evidence:upload", [evaluation.pk]),
        ("evidence:scores_csv", [evaluation.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/sign-in/" in response["Location"]


def test_unpublished_evaluation_is_hidden_from_others(
    client, signed_in, evaluation, outsider, other_representative
):
    url = reverse("evidence:evaluation", args=[evaluation.pk])
    assert client.get(url).status_code == 404
    for person in (outsider, other_representative):
        assert signed_in(person).get(url).status_code == 404
        assert (
            signed_in(person).get(reverse("evidence:upload", args=[evaluation.pk])).status_code
            == 404
        )


def test_outsider_cannot_register_or_list(signed_in, outsider):
    client = signed_in(outsider)
    assert client.get(reverse("evidence:create")).status_code == 403
    assert client.get(reverse("evidence:mine")).status_code == 403


def test_other_representative_cannot_read_respondent_data_of_published(
    signed_in, published, other_representative, outsider, client
):
    url = reverse("evidence:scores_csv", args=[published.pk])
    for person in (outsider, other_representative):
        assert signed_in(person).get(url).status_code == 403
    upload = reverse("evidence:upload", args=[published.pk])
    assert signed_in(other_representative).get(upload).status_code == 403
    publish = reverse("evidence:publish", args=[published.pk])
    assert signed_in(other_representative).post(publish).status_code == 403
    published.refresh_from_db()
    assert published.is_published


def test_public_page_shows_aggregates_not_respondents(client, published):
    page = client.get(reverse("evidence:evaluation", args=[published.pk])).content.decode()
    assert published.title.replace("'", "&#x27;") in page
    assert "Cronbach" in page and "R0001" not in page
    assert reverse("evidence:scores_csv", args=[published.pk]) not in page


def test_representative_and_staff_download_scores(signed_in, published, representative, staff):
    for person in (representative, staff):
        response = signed_in(person).get(reverse("evidence:scores_csv", args=[published.pk]))
        assert response.status_code == 200
        lines = response.content.decode().splitlines()
        assert lines[0].startswith("respondent,group,age_group,gender,wave,score,violence")
        assert len(lines) == 61 and lines[1].startswith("R0000,intervention,youth")


def test_register_and_upload_through_the_pages(signed_in, representative, orgs, gem):
    client = signed_in(representative)
    assert client.get(reverse("evidence:create")).status_code == 200
    response = client.post(
        reverse("evidence:create"),
        {
            "organisation": orgs["nairobi"].pk,
            "instrument": gem.pk,
            "title": "Boys' football and respect",
            "design": "pre_post",
            "waves": ["baseline", "endline"],
            "country": "KE",
            "age_groups": [
                gem.pk
                and __import__("menengage.core.models", fromlist=["Term"])
                .Term.objects.get(vocabulary="age_group", code="adolescents")
                .pk
            ],
            "ethics_body": "AMREF ERC",
            "ethics_approved_on": "2024-02-01",
            "consent_statement": "Voluntary; coded.",
        },
    )
    evaluation = Evaluation.objects.get(title="Boys' football and respect")
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("evidence:upload", args=[evaluation.pk])
    )
    upload = reverse("evidence:upload", args=[evaluation.pk])
    content = synthetic_csv(gem, respondents=12)
    check = client.post(upload, {"upload": io.BytesIO(content), "dry_run": "on"})
    assert check.status_code == 200 and "24 rows can be saved" in check.content.decode()
    assert not Response.objects.exists()
    bad = content.decode().replace(",youth,", ",elderly,", 1).encode()
    rejected = client.post(upload, {"upload": io.BytesIO(bad)})
    assert rejected.status_code == 200 and "Nothing was saved" in rejected.content.decode()
    assert not Response.objects.exists()
    saved = client.post(upload, {"upload": io.BytesIO(content)})
    assert saved.status_code == 302 and Response.objects.count() == 24
    publish = client.post(reverse("evidence:publish", args=[evaluation.pk]))
    assert publish.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.is_published


def test_index_pools_with_forest_plot(
    client, published, second_published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("evidence:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<polygon" in page and "<script" not in page
    assert "Jovens pela igualdade" in page and "I²" in page
    assert client.get(reverse("evidence:index") + "?region=africa").status_code == 200
    csv_lines = client.get(reverse("evidence:evaluations_csv")).content.decode().splitlines()
    assert len(csv_lines) == 3 and "R0001" not in "".join(csv_lines)


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_public_pages_in_every_language(client, gem, language):
    for path in ("", "instruments/", "instruments/gem/1/"):
        response = client.get(f"/{language}/evidence/{path}")
        assert response.status_code == 200
    page = client.get(f"/{language}/evidence/instruments/gem/1/").content.decode()
    assert gem.items.first().texts[language].replace("'", "&#x27;") in page


def test_draft_instrument_hidden_from_public(client, signed_in, gem, staff):
    draft = services.instrument_adapt(instrument=gem, actor=staff)
    url = reverse("evidence:instrument", args=["gem", draft.version])
    assert client.get(url).status_code == 404
    assert signed_in(staff).get(url).status_code == 200


@pytest.mark.parametrize("language", ["en", "pt"])
def test_xlsform_is_valid_for_pyxform(client, gem, language):
    from pyxform.xls2xform import convert

    response = client.get(reverse("evidence:xlsform", args=["gem", 1, language]))
    assert response.status_code == 200
    result = convert(xlsform=io.BytesIO(response.content), file_type=".xlsx", validate=False)
    xform = result.xform
    assert "<h:title>" in xform and 'nodeset="/data/items/gem24"' in xform.replace(
        f"/gem_v1_{language}/", "/data/"
    )
    assert gem.items.first().texts[language] in xform
    assert client.get(reverse("evidence:xlsform", args=["gem", 1, "xx"])).status_code == 404


def test_ended_representative_role_opens_nothing(signed_in, evaluation, representative, gem):
    import datetime

    from menengage.accounts.models import RoleAssignment
    from menengage.core.errors import NotPermitted

    # No service ends a role yet; the role's dates are what the permission checks.
    RoleAssignment.objects.filter(user=representative).update(
        ends_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    client = signed_in(representative)
    assert client.get(reverse("evidence:evaluation", args=[evaluation.pk])).status_code == 404
    assert client.get(reverse("evidence:create")).status_code == 403
    with pytest.raises(NotPermitted):
        services.responses_upload(
            evaluation=evaluation, actor=representative, content=synthetic_csv(gem)
        )
