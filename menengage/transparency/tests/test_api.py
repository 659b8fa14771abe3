from decimal import Decimal

import pytest

from menengage.transparency import services

from .builders import YEAR, build_year


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "years"), [("anonymous", [2022]), ("outsider", [2022]), ("staff", [2023, 2022])]
)
def test_year_list_shows_drafts_to_staff_only(client, request, staff, funders, persona, years):
    build_year(staff, funders, year=2023)
    services.year_publish(financial_year=build_year(staff, funders, year=2022), actor=staff)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    body = client.get("/api/v1/transparency/years").json()
    assert [item["year"] for item in body["items"]] == years
    assert body["count"] == len(years)
    assert body["items"][-1]["totals"]["income"] == "1550.00"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 404), ("outsider", 404), ("staff", 200)]
)
def test_a_draft_year_in_the_api_is_for_staff_only(client, request, draft_year, persona, status):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/api/v1/transparency/years/{YEAR}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["status"] == "draft"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_year_detail_has_every_line_with_its_original_amount(client, published_year):
    body = client.get(f"/api/v1/transparency/years/{YEAR}").json()
    assert body["status"] == "published"
    assert len(body["income"]) == 2 and len(body["sub_grants"]) == 2
    euros = next(line for line in body["income"] if line["original_currency"] == "EUR")
    assert (euros["original_amount"], euros["amount_usd"]) == ("500.00", "550.00")
    assert body["by_funder"][0] == {
        "funder": "Riverbend Foundation",
        "kind": "foundation",
        "amount_usd": "1000.00",
        "percent": "64.5",
    }


@pytest.mark.django_db
def test_funders_list_only_those_of_published_years(client, staff, funders, published_year):
    services.funder_create(actor=staff, name="Not yet public", kind="foundation")
    body = client.get("/api/v1/transparency/funders").json()
    assert [item["name"] for item in body["items"]] == [
        "Eurania Cooperation Agency",
        "Riverbend Foundation",
    ]


@pytest.mark.django_db
def test_api_lists_have_a_bounded_query_count(
    client, staff, funders, django_assert_max_num_queries
):
    for year in (2020, 2021, 2022, 2023):
        services.year_publish(financial_year=build_year(staff, funders, year=year), actor=staff)
    with django_assert_max_num_queries(9):
        assert client.get("/api/v1/transparency/years").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/transparency/funders").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/transparency/years/{YEAR}").status_code == 200


@pytest.mark.django_db
def test_unknown_year_is_a_404_not_a_500(client):
    assert client.get("/api/v1/transparency/years/1999").status_code == 404
    assert client.get("/api/v1/transparency/years/nineteen").status_code == 422


@pytest.mark.django_db
def test_the_transparency_api_is_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/transparency/years",
        "/api/v1/transparency/years/{year}",
        "/api/v1/transparency/funders",
        "/api/v1/transparency/iati/organisation.xml",
        "/api/v1/transparency/iati/activities.xml",
    ):
        assert path in paths


def test_amounts_are_text_with_two_decimals():
    from menengage.transparency.exports import amount_text

    assert amount_text(Decimal("1234.5")) == "1234.50"
    assert amount_text(None) == ""
