"""The totals agree across the page, the CSV and JSON files, the API and both IATI files."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parsing the platform's own output
from decimal import Decimal

import pytest

from menengage.transparency import services
from menengage.transparency.models import FinancialYear

from .builders import TOTALS, YEAR

KINDS = ("income", "budget", "expenditure", "sub_grants")


def page_totals(client, year):
    html = client.get(f"/en/transparency/{year}/").content.decode()
    ids = {"income": "income", "budget": "budget", "expenditure": "expenditure"}
    ids["sub_grants"] = "sub-grants"
    totals = {}
    for kind, html_id in ids.items():
        match = re.search(rf'id="total-{html_id}">([\d,.]+)<', html)
        totals[kind] = Decimal(match.group(1).replace(",", "")) if match else Decimal("0.00")
    return totals


def csv_totals(client, year):
    response = client.get(f"/en/transparency/{year}/data.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    sums = dict.fromkeys(("income", "budget", "expenditure", "sub-grant"), Decimal("0.00"))
    for row in rows:
        sums[row["record"]] += Decimal(row["amount_usd"])
    return {
        "income": sums["income"],
        "budget": sums["budget"],
        "expenditure": sums["expenditure"] + sums["sub-grant"],
        "sub_grants": sums["sub-grant"],
    }


def json_totals(data):
    totals = {kind: Decimal(data["totals"][kind]) for kind in KINDS}
    line_sums = {
        "income": sum(Decimal(line["amount_usd"]) for line in data["income"]),
        "budget": sum(Decimal(line["amount_usd"]) for line in data["budget"]),
        "sub_grants": sum(Decimal(line["amount_usd"]) for line in data["sub_grants"]),
    }
    line_sums["expenditure"] = line_sums["sub_grants"] + sum(
        Decimal(line["amount_usd"]) for line in data["expenditure"]
    )
    assert line_sums == totals
    by_category = {
        "budget": sum(Decimal(row["budget"]) for row in data["by_category"]),
        "expenditure": sum(Decimal(row["actual"]) for row in data["by_category"]),
    }
    by_region = {
        "budget": sum(Decimal(row["budget"]) for row in data["by_region"]),
        "expenditure": sum(Decimal(row["actual"]) for row in data["by_region"]),
    }
    assert by_category == by_region == {k: totals[k] for k in ("budget", "expenditure")}
    assert sum(Decimal(row["amount_usd"]) for row in data["by_funder"]) == totals["income"]
    return totals


def _sum_values(elements):
    return sum((Decimal(element.text) for element in elements), Decimal("0.00"))


def parse(client, url):
    return ET.fromstring(client.get(url).content)  # noqa: S314 - the platform's own output


def iati_totals(client, financial_year):
    start = financial_year.starts_on.isoformat()
    organisation = parse(client, "/api/v1/transparency/iati/organisation.xml")
    found = {}
    for name, kind, lines in (
        ("total-budget", "budget", "budget-line"),
        ("total-expenditure", "expenditure", "expense-line"),
    ):
        (element,) = [
            element
            for element in organisation.iter(name)
            if element.find("period-start").get("iso-date") == start
        ]
        found[kind] = Decimal(element.find("value").text)
        assert _sum_values(element.findall(f"{lines}/value")) == found[kind]
    activities = parse(client, "/api/v1/transparency/iati/activities.xml")
    (activity,) = [
        activity
        for activity in activities.iter("iati-activity")
        if activity.findtext("iati-identifier").endswith(f"-{financial_year.year}")
    ]
    transactions = activity.findall("transaction")
    found["income"] = _sum_values(
        t.find("value") for t in transactions if t.find("transaction-type").get("code") == "1"
    )
    found["sub_grants"] = _sum_values(
        t.find("value") for t in transactions if t.find("transaction-type").get("code") == "3"
    )
    assert Decimal(activity.find("budget/value").text) == found["budget"]
    return found


def assert_totals_agree(client, financial_year, expected=None):
    year = financial_year.year
    data = client.get(f"/en/transparency/{year}/data.json").json()
    api = client.get(f"/api/v1/transparency/years/{year}").json()
    assert api == data
    listed = {
        item["year"]: item["totals"]
        for item in client.get("/api/v1/transparency/years?limit=100").json()["items"]
    }
    totals = json_totals(data)
    assert page_totals(client, year) == totals
    assert csv_totals(client, year) == totals
    assert {kind: Decimal(listed[year][kind]) for kind in KINDS} == totals
    iati = iati_totals(client, financial_year)
    assert iati == {kind: totals[kind] for kind in iati}
    if expected:
        assert totals == expected
    return totals


@pytest.mark.django_db
def test_totals_agree_everywhere_for_a_small_year(client, published_year):
    assert_totals_agree(client, published_year, expected=TOTALS)


@pytest.mark.django_db
def test_totals_agree_everywhere_after_an_amendment(client, staff, published_year):
    grant = published_year.grants.get(currency="EUR")
    services.line_amend(line=grant, actor=staff, amount=Decimal("512.34"), reason="Audit")
    totals = assert_totals_agree(client, published_year)
    assert totals["income"] == Decimal("1000.00") + Decimal("563.57")  # 512.34 x 1.1, rounded
    rows = list(csv.DictReader(io.StringIO(client.get(f"/en/transparency/{YEAR}/data.csv").text)))
    amended = [row for row in rows if row["amended"] == "yes"]
    assert [(row["original_amount"], row["original_currency"]) for row in amended] == [
        ("512.34", "EUR")
    ]


@pytest.mark.django_db
def test_totals_agree_everywhere_for_the_demo_years(client, demo_finances):
    published = FinancialYear.objects.filter(status="published")
    assert published.count() == 4
    for financial_year in published:
        totals = assert_totals_agree(client, financial_year)
        assert totals["income"] > 0 and totals["expenditure"] > 0


@pytest.mark.django_db
def test_csv_has_a_header_and_the_original_amounts(client, published_year):
    response = client.get(f"/en/transparency/{YEAR}/data.csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="menengage-finances-{YEAR}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    euros = [row for row in rows if row["record"] == "income" and row["original_currency"] == "EUR"]
    assert euros == [
        {
            **euros[0],
            "funder": "Eurania Cooperation Agency",
            "funder_kind": "government",
            "original_amount": "500.00",
            "exchange_rate": "1.1",
            "amount_usd": "550.00",
            "restricted": "yes",
        }
    ]
    assert {row["record"] for row in rows} == {"income", "budget", "expenditure", "sub-grant"}
    kenya = next(row for row in rows if row["network"] == "kenya")
    assert (kenya["region"], kenya["country"], kenya["category"]) == ("africa", "KE", "sub_grants")


@pytest.mark.django_db
def test_json_keeps_exchange_rates_and_links(client, published_year):
    data = json.loads(client.get(f"/en/transparency/{YEAR}/data.json").content)
    assert data["reporting_currency"] == "USD"
    assert data["exchange_rates"] == [
        {"currency": "EUR", "usd_per_unit": "1.1", "source": "Invented yearly average"}
    ]
    assert data["period"] == {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}
    assert data["links"]["iati_activities"].endswith("/api/v1/transparency/iati/activities.xml")


@pytest.mark.django_db
def test_exports_carry_every_configured_language(client, staff, funders, settings):
    from .builders import build_year

    # A language added in settings alone gets its columns and keys, with no code.
    settings.LANGUAGES = [*settings.LANGUAGES, ("it", "Italian")]
    codes = [code for code, _name in settings.LANGUAGES]
    financial_year = build_year(
        staff,
        funders,
        title={"en": "Our finances", "it": "Le nostre finanze"},
        summary={"es": "Sí."},
    )
    services.budget_line_create(
        actor=staff,
        financial_year=financial_year,
        category="secretariat",
        amount=Decimal("10"),
        currency="USD",
        description={"en": "Office rent", "it": "Affitto dell'ufficio"},
    )
    services.year_publish(financial_year=financial_year, actor=staff)
    data = json.loads(client.get(f"/en/transparency/{YEAR}/data.json").content)
    assert data["title"]["it"] == "Le nostre finanze" and data["title"]["fr"] == ""
    assert data["summary"] == {code: "Sí." if code == "es" else "" for code in codes}
    rent = next(row for row in data["budget"] if row["description"] == "Office rent")
    assert rent["descriptions"]["it"] == "Affitto dell'ufficio" and rent["descriptions"]["fr"] == ""
    response = client.get(f"/en/transparency/{YEAR}/data.csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert header[-len(codes) :] == [f"description_{code}" for code in codes]
