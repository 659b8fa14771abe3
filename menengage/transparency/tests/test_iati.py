"""The IATI files validate against the official 2.03 schemas and follow the rules the schemas
do not check (IATI's rulesets): budget periods of at most a year, start before end, no future
transaction dates, identifiers without spaces."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.utils import timezone

from menengage.transparency import services

from .builders import YEAR, build_year

etree = pytest.importorskip("lxml.etree", reason="lxml is a dev dependency: pip install -e .[dev]")

STANDARDS = settings.BASE_DIR.parent / "shared" / "standards" / "iati-2.03"
ORGANISATION = "/api/v1/transparency/iati/organisation.xml"
ACTIVITIES = "/api/v1/transparency/iati/activities.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schemas():
    if not STANDARDS.is_dir():
        pytest.skip(f"The IATI 2.03 schemas are not at {STANDARDS}: skipping XSD validation.")
    return {
        name: etree.XMLSchema(etree.parse(str(STANDARDS / f"iati-{name}-schema.xsd")))
        for name in ("organisations", "activities")
    }


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def assert_follows_the_rules(document):
    today = timezone.localdate()
    for parent in document.iter():
        start, end = parent.find("period-start"), parent.find("period-end")
        if start is None:
            continue
        start, end = (date.fromisoformat(node.get("iso-date")) for node in (start, end))
        assert start < end, parent.tag
        assert end - start < timedelta(days=366), parent.tag
    for transaction_date in document.iter("transaction-date"):
        assert date.fromisoformat(transaction_date.get("iso-date")) <= today
    for activity_date in document.iter("activity-date"):
        if activity_date.get("type") in ("2", "4"):  # actual dates
            assert date.fromisoformat(activity_date.get("iso-date")) <= today
    identifiers = [
        node.text for node in document.iter("iati-identifier", "organisation-identifier")
    ]
    identifiers += [node.get("ref") for node in document.iter() if node.get("ref") is not None]
    assert identifiers
    for identifier in identifiers:
        assert identifier and not any(character.isspace() for character in identifier)
    for activity in document.iter("iati-activity"):
        assert activity.findtext("iati-identifier").startswith(
            settings.IATI_ORGANISATION_IDENTIFIER + "-"
        )
        assert activity.find("reporting-org").get("ref") == settings.IATI_ORGANISATION_IDENTIFIER


def validate_both(client, schemas):
    organisation = fetch(client, ORGANISATION)
    activities = fetch(client, ACTIVITIES)
    schemas["organisations"].assertValid(organisation)
    schemas["activities"].assertValid(activities)
    assert_follows_the_rules(organisation)
    assert_follows_the_rules(activities)
    return organisation, activities


@pytest.mark.django_db
def test_demo_exports_are_valid(client, schemas, demo_finances):
    organisation, activities = validate_both(client, schemas)
    assert len(organisation.findall(".//total-budget")) == 4  # the published years only
    assert len(organisation.findall(".//document-link")) == 4
    assert organisation.find(".//recipient-country-budget/recipient-country").get("code")
    years = [node.text[-4:] for node in activities.iter("iati-identifier")]
    assert years == ["2021", "2022", "2023", "2024"]
    funding = activities.findall(".//participating-org[@role='1']")
    assert {node.get("type") for node in funding} >= {"10", "40", "60", "21", "90"}
    codes = {node.get("code") for node in activities.iter("transaction-type")}
    assert codes == {"1", "3"}
    currencies = {node.get("currency") for node in activities.iter("value")}
    assert currencies == {"USD"}
    described = [node.findtext("description/narrative") for node in activities.iter("transaction")]
    assert any("original amount" in text and "SEK" in text for text in described)


@pytest.mark.django_db
def test_a_year_with_no_expenditure_is_valid(client, schemas, staff, funders):
    financial_year = services.year_create(actor=staff, year=YEAR)
    services.grant_create(
        actor=staff,
        financial_year=financial_year,
        funder=funders["riverbend"],
        purpose="Start-up grant",
        amount=Decimal("250"),
        currency="USD",
        received_on=date(YEAR, 2, 1),
    )
    services.year_publish(financial_year=financial_year, actor=staff)
    organisation, activities = validate_both(client, schemas)
    assert organisation.find(".//total-expenditure/value").text == "0.00"
    assert organisation.find(".//total-expenditure/expense-line") is None
    assert organisation.find(".//total-budget/value").text == "0.00"
    assert activities.findall(".//transaction-type[@code='3']") == []


@pytest.mark.django_db
def test_several_currencies_and_a_title_in_every_language(
    client, schemas, staff, funders, settings
):
    # Arabic added in settings alone gives a fifth narrative.
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    titles = {
        "en": "Our finances in 2022",
        "es": "Nuestras finanzas en 2022",
        "fr": "Nos finances en 2022",
        "pt": "Nossas finanças em 2022",
        "ar": "ماليتنا في عام 2022",
    }
    financial_year = build_year(staff, funders, year=2022, title=titles)
    services.exchange_rate_set(
        financial_year=financial_year, actor=staff, currency="SEK", rate="0.0989", source="x"
    )
    services.exchange_rate_set(
        financial_year=financial_year, actor=staff, currency="GBP", rate="1.2369", source="x"
    )
    for currency, amount in (("SEK", "100000"), ("GBP", "4000.50")):
        services.grant_create(
            actor=staff,
            financial_year=financial_year,
            funder=funders["eurania"],
            purpose=f"Grant in {currency}",
            amount=Decimal(amount),
            currency=currency,
            received_on=date(2022, 11, 30),
        )
    services.annual_report_add(
        financial_year=financial_year,
        actor=staff,
        language="pt",
        title="Relatório anual 2022",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="relatorio-2022.pdf"),
        published_on=date(2023, 5, 1),
    )
    services.year_publish(financial_year=financial_year, actor=staff)
    services.year_publish(financial_year=build_year(staff, funders, year=2023), actor=staff)
    organisation, activities = validate_both(client, schemas)
    activity = next(
        node
        for node in activities.iter("iati-activity")
        if node.findtext("iati-identifier")[-4:] == "2022"
    )
    narratives = {
        node.get(XML_LANG, "en"): node.text for node in activity.findall("title/narrative")
    }
    assert narratives == titles
    values = [
        Decimal(node.find("value").text)
        for node in activity.findall("transaction")
        if node.find("transaction-type").get("code") == "1"
    ]
    # 1,000 USD; 500 EUR x 1.1; 100,000 SEK x 0.0989; 4,000.50 GBP x 1.2369 = 4,948.22
    assert sorted(values) == sorted(
        [Decimal("1000.00"), Decimal("550.00"), Decimal("9890.00"), Decimal("4948.22")]
    )
    link = organisation.find("iati-organisation/document-link")
    assert link.get("url").startswith("http://testserver/")
    assert link.find("language").get("code") == "pt"
    assert link.find("title/narrative").get(XML_LANG) == "pt"
    assert link.find("category").get("code") == "B01"


@pytest.mark.django_db
def test_drafts_stay_out_of_the_iati_files(client, schemas, draft_year):
    organisation = fetch(client, ORGANISATION)
    schemas["organisations"].assertValid(organisation)
    assert organisation.find(".//total-budget") is None
    # An activity file needs an activity: with nothing published there is none to give.
    response = client.get(ACTIVITIES)
    assert response.status_code == 404
    assert response.json() == {"detail": "No financial year is published yet."}


@pytest.mark.django_db
def test_an_identifier_with_a_space_is_refused(settings, published_year):
    from menengage.transparency import iati
    from menengage.transparency.selectors import year_reports

    settings.IATI_ORGANISATION_IDENTIFIER = "XI-IATI MENENGAGE"
    with pytest.raises(ImproperlyConfigured):
        iati.activities_file(
            reports=year_reports(financial_years=[published_year]), generated_at=timezone.now()
        )


@pytest.mark.django_db
def test_the_iati_files_query_count_is_bounded(
    client, staff, funders, django_assert_max_num_queries
):
    for year in (2021, 2022, 2023):
        services.year_publish(financial_year=build_year(staff, funders, year=year), actor=staff)
    with django_assert_max_num_queries(9):
        client.get(ORGANISATION)
    with django_assert_max_num_queries(9):
        client.get(ACTIVITIES)


@pytest.mark.django_db
def test_the_schema_check_would_catch_a_broken_file(client, schemas, published_year):
    activities = fetch(client, ACTIVITIES)
    activity = activities.find("iati-activity")
    activity.remove(activity.find("reporting-org"))
    assert not schemas["activities"].validate(activities)


def test_a_file_is_kept_until_the_finances_change(client, staff, funders):
    year = services.year_publish(financial_year=build_year(staff, funders, year=2022), actor=staff)
    first = {url: client.get(url).content for url in (ORGANISATION, ACTIVITIES)}
    for url, content in first.items():
        assert client.get(url).content == content  # the same file, generated-datetime too
    services.year_update(financial_year=year, actor=staff, title={"en": "A year renamed"})
    assert b"A year renamed" in client.get(ACTIVITIES).content  # the year's title is there
