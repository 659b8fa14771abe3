"""The evidence API for anonymous callers, outsiders, another organisation's
representative, the evaluating organisation's representative and staff."""

import pytest

from .. import services
from .conftest import register_evaluation, synthetic_csv


@pytest.fixture
def published(scored_evaluation, representative):
    return services.evaluation_publish(evaluation=scored_evaluation, actor=representative)


def test_instruments_are_public(client, gem):
    listing = client.get("/api/v1/evidence/instruments").json()
    assert listing["count"] == 1 and listing["items"][0]["family"] == "gem"
    detail = client.get("/api/v1/evidence/instruments/gem/1").json()
    assert len(detail["items"]) == 24 and set(detail["items"][0]["texts"]) == {
        "en",
        "es",
        "fr",
        "pt",
    }
    assert client.get("/api/v1/evidence/instruments/gem/9").status_code == 404


def test_unpublished_evaluation_only_for_its_organisation(
    client, signed_in, evaluation, outsider, other_representative, representative, staff
):
    url = f"/api/v1/evidence/evaluations/{evaluation.pk}"
    assert client.get(url).status_code == 404
    for person in (outsider, other_representative):
        assert signed_in(person).get(url).status_code == 404
    for person in (representative, staff):
        response = signed_in(person).get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_scores_only_for_its_organisation_and_staff(
    client, signed_in, published, outsider, other_representative, representative, staff
):
    url = f"/api/v1/evidence/evaluations/{published.pk}/scores"
    assert client.get(url).status_code == 403
    for person in (outsider, other_representative):
        assert signed_in(person).get(url).status_code == 403
    for person in (representative, staff):
        rows = signed_in(person).get(url).json()
        assert len(rows) == 60 and rows[0]["respondent"] == "R0000"


def test_public_evaluation_and_pooled(
    client, published, other_representative, orgs, gem, django_assert_max_num_queries
):
    second = register_evaluation(other_representative, orgs["rio"], gem, title="Rio")
    services.responses_upload(
        evaluation=second,
        actor=other_representative,
        content=synthetic_csv(gem, respondents=20, seed=4, shift=0.2),
    )
    services.evaluation_publish(evaluation=second, actor=other_representative)
    with django_assert_max_num_queries(6):
        listing = client.get("/api/v1/evidence/evaluations").json()
    assert listing["count"] == 2
    assert "R0001" not in str(listing)
    detail = client.get(f"/api/v1/evidence/evaluations/{published.pk}").json()
    assert detail["results"]["change"]["n"] == 30
    pooled = client.get("/api/v1/evidence/pooled").json()
    assert pooled["pooled"]["k"] == 2 and len(pooled["studies"]) == 2
    assert 0 <= pooled["pooled"]["i2"] <= 1
    only_latin = client.get("/api/v1/evidence/pooled?region=latin-america").json()
    assert only_latin["pooled"] is None and len(only_latin["studies"]) == 1
