import re

import pytest
from django.core.cache import cache

from menengage.transparency import services

from .builders import YEAR, build_year

PUBLIC_PAGES = ["/en/transparency/", "/en/transparency/{year}/"]
DOWNLOADS = ["/en/transparency/{year}/data.csv", "/en/transparency/{year}/data.json"]


def as_persona(client, persona, request):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "outsider", "staff"])
@pytest.mark.parametrize("url", PUBLIC_PAGES + DOWNLOADS)
def test_everyone_reads_a_published_year(client, request, published_year, persona, url):
    response = as_persona(client, persona, request).get(url.format(year=YEAR))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 404), ("outsider", 404), ("staff", 200)]
)
@pytest.mark.parametrize("url", ["/en/transparency/{year}/", *DOWNLOADS])
def test_only_staff_preview_a_draft_year(client, request, draft_year, persona, status, url):
    response = as_persona(client, persona, request).get(url.format(year=YEAR))
    assert response.status_code == status
    if status == 200:
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "listed"), [("anonymous", False), ("outsider", False), ("staff", True)]
)
def test_the_index_lists_drafts_for_staff_only(client, request, draft_year, persona, listed):
    response = as_persona(client, persona, request).get("/en/transparency/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (f'href="/en/transparency/{YEAR}/"' in html) is listed
    assert ("staff preview" in html) is listed
    if not listed:
        assert "No financial year is published yet." in html


@pytest.mark.django_db
def test_staff_preview_says_it_is_a_draft(client, staff, draft_year):
    client.force_login(staff)
    html = client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert "Staff preview: this financial year is a draft and is not public." in html


@pytest.mark.django_db
def test_unknown_year_is_not_found(client, published_year):
    assert client.get("/en/transparency/1999/").status_code == 404
    assert client.get("/en/transparency/1999/data.csv").status_code == 404


@pytest.mark.django_db
def test_year_page_shows_funders_budget_spending_sub_grants_and_rates(client, published_year):
    html = client.get(f"/en/transparency/{YEAR}/").content.decode()
    for text in (
        "Riverbend Foundation",
        "Eurania Cooperation Agency",
        "500.00 EUR",
        "MenEngage Kenya",
        "MenEngage Africa",
        "Alliance-wide",
        "Ending violence",
        "Invented yearly average",
        "1.10",
    ):
        assert text in html, text
    assert 'id="total-income">1,550.00<' in html
    assert 'id="total-budget">1,130.00<' in html
    assert 'id="total-expenditure">1,075.00<' in html
    assert 'id="total-sub-grants">155.00<' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "income", "lang_attr"),
    [
        ("en", "1,550.00", "en"),
        ("es", "1\xa0550,00", "es"),
        ("fr", "1\xa0550,00", "fr"),
        ("pt", "1.550,00", "pt"),
    ],
)
def test_amounts_are_formatted_in_the_visitors_language(
    client, published_year, language, income, lang_attr
):
    response = client.get(f"/{language}/transparency/{YEAR}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang_attr}">' in html
    assert f'id="total-income">{income}<' in html
    assert client.get(f"/{language}/transparency/").status_code == 200
    for other in {"en", "es", "fr", "pt"} - {language}:
        assert f'href="/{other}/transparency/{YEAR}/"' in html


@pytest.mark.django_db
def test_pages_keep_to_the_content_security_policy_and_are_accessible(client, published_year):
    for url in ("/en/transparency/", f"/en/transparency/{YEAR}/"):
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html and "<script" not in html
        svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
        assert svgs
        for svg in svgs:
            assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
            # Coordinates are plain numbers, never in the visitor's format.
            assert not re.search(r'(x|y|width|height)="[^"]*,', svg)
        tables = re.findall(r"<table.*?</table>", html, re.S)
        assert tables
        for table in tables:
            assert "<caption>" in table and 'scope="col"' in table


@pytest.mark.django_db
def test_french_charts_keep_points_in_coordinates(client, published_year):
    html = client.get(f"/fr/transparency/{YEAR}/").content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert not re.search(r'(x|y|width|height)="[^"]*,', svg)
    assert "1\xa0000" in svg  # the amount beside a bar is in French


@pytest.mark.django_db
def test_amendments_are_shown_publicly_with_their_reason(client, staff, published_year):
    grant = published_year.grants.get(currency="EUR")
    services.line_amend(line=grant, actor=staff, amount=600, reason="Audited accounts differ.")
    html = client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert "Amendments since publication" in html
    assert "Audited accounts differ." in html
    assert "500.00 EUR" in html and "600.00 EUR" in html
    assert 'id="total-income">1,660.00<' in html


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_years(
    client, staff, funders, django_assert_max_num_queries
):
    first = build_year(staff, funders, year=2021)
    services.year_publish(financial_year=first, actor=staff)
    client.get("/en/transparency/")  # warm the per-language menu cache
    with django_assert_max_num_queries(12) as one_year:
        assert client.get("/en/transparency/").status_code == 200
    baseline = len(one_year.captured_queries)
    for year in (2022, 2023, 2024):
        services.year_publish(financial_year=build_year(staff, funders, year=year), actor=staff)
    cache.clear()
    client.get("/en/transparency/")
    with django_assert_max_num_queries(baseline):
        assert client.get("/en/transparency/").status_code == 200


@pytest.mark.django_db
def test_year_page_query_count_is_bounded(
    client, staff, published_year, django_assert_max_num_queries
):
    client.get(f"/en/transparency/{YEAR}/")
    with django_assert_max_num_queries(14):
        assert client.get(f"/en/transparency/{YEAR}/").status_code == 200


@pytest.mark.django_db
def test_footer_links_to_transparency(client):
    assert 'href="/en/transparency/"' in client.get("/en/networks/").content.decode()


def add_report(staff, financial_year):
    from django.core.files.base import ContentFile

    return services.annual_report_add(
        financial_year=financial_year,
        actor=staff,
        language="en",
        title="Annual report",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="annual.pdf"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("published", "persona", "status"),
    [
        (True, "anonymous", 200),
        (True, "outsider", 200),
        (True, "staff", 200),
        (False, "anonymous", 404),
        (False, "outsider", 404),
        (False, "staff", 200),
    ],
)
def test_annual_report_download_follows_the_year(
    client, request, staff, draft_year, published, persona, status
):
    add_report(staff, draft_year)
    if published:
        services.year_publish(financial_year=draft_year, actor=staff)
    url = f"/en/transparency/{YEAR}/annual-report-en.pdf"
    response = as_persona(client, persona, request).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(f"/en/transparency/{YEAR}/annual-report-fr.pdf").status_code == 404


@pytest.mark.django_db
def test_year_page_links_its_annual_report(client, staff, published_year):
    add_report(staff, published_year)
    html = client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert f'href="/en/transparency/{YEAR}/annual-report-en.pdf"' in html


@pytest.mark.django_db
def test_a_cached_year_page_shows_an_amendment_at_once(
    client, staff, published_year, django_assert_max_num_queries
):
    total = re.compile(r'id="total-income">([^<]+)<')
    before = client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert total.search(before).group(1) == "1,550.00"
    with django_assert_max_num_queries(8):
        client.get(f"/en/transparency/{YEAR}/")  # the report now comes from the cache
    grant = published_year.grants.get(currency="EUR")
    services.line_amend(line=grant, actor=staff, amount=600, reason="Audited accounts differ.")
    after = client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert total.search(after).group(1) == "1,660.00"  # 100 EUR more at 1.10


def test_a_report_read_once_is_not_read_from_the_shared_cache_again(
    client, staff, published_year, monkeypatch
):
    from types import SimpleNamespace

    from menengage.transparency import selectors

    client.get(f"/en/transparency/{YEAR}/")
    shared_reads = []

    def get_many(keys):
        shared_reads.append(keys)
        return cache.get_many(keys)

    monkeypatch.setattr(
        selectors, "cache", SimpleNamespace(get_many=get_many, set_many=cache.set_many)
    )
    client.get(f"/en/transparency/{YEAR}/")
    assert shared_reads == []  # kept by the process
    grant = published_year.grants.get(currency="EUR")
    services.line_amend(line=grant, actor=staff, amount=600, reason="Audited accounts differ.")
    assert "1,660.00" in client.get(f"/en/transparency/{YEAR}/").content.decode()
    assert len(shared_reads) == 1  # a new version: read (and built) again
