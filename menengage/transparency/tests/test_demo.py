import pytest

from menengage.transparency.models import Amendment, FinancialYear, Grant


@pytest.mark.django_db
def test_demo_has_five_years_four_currencies_and_an_amended_published_year(demo_finances):
    years = dict(FinancialYear.objects.values_list("year", "status"))
    assert years == {
        2021: "published",
        2022: "published",
        2023: "published",
        2024: "published",
        2025: "draft",
    }
    assert set(Grant.objects.values_list("currency", flat=True)) == {"USD", "EUR", "SEK", "GBP"}
    amendment = Amendment.objects.get()
    assert amendment.financial_year.year == 2023 and amendment.reason
    for year in FinancialYear.objects.all():
        assert year.exchange_rates.count() == 3
        assert year.sub_grants.count() >= 5
        assert year.budget_lines.filter(category="programmes", theme__isnull=False).exists()


@pytest.mark.django_db
def test_demo_pages_render_in_every_language(client, demo_finances):
    for language in ("en", "es", "fr", "pt"):
        assert client.get(f"/{language}/transparency/").status_code == 200
        for year in (2021, 2022, 2023, 2024):
            response = client.get(f"/{language}/transparency/{year}/")
            assert response.status_code == 200
            assert len(response.content) < 60_000
    assert client.get("/en/transparency/2025/").status_code == 404
