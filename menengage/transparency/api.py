"""`/api/v1/transparency`: the Alliance's finances as open data, and its IATI 2.03 files.

Published years are public; secretariat staff signed in also see drafts. Amounts are text with
two decimals, in US dollars, with the original amount and currency on every line.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from menengage.core import versions

from . import exports, iati, selectors
from .models import FinancialYear

router = Router(tags=["transparency"])


class TotalsOut(Schema):
    income: str
    restricted_income: str
    budget: str
    expenditure: str
    sub_grants: str
    balance: str


class PeriodOut(Schema):
    start: str
    end: str


class LinksOut(Schema):
    page: str
    data_csv: str
    data_json: str
    api: str
    iati_organisation: str
    iati_activities: str


class YearSummaryOut(Schema):
    year: int
    title: str
    status: str
    period: PeriodOut
    reporting_currency: str
    totals: TotalsOut
    links: LinksOut


class RateOut(Schema):
    currency: str
    usd_per_unit: str
    source: str


class LineOut(Schema):
    record: str
    id: int
    year: int
    date: str
    category: str
    theme: str
    region: str
    network: str
    country: str
    funder: str
    funder_kind: str
    funder_identifier: str
    description: str
    restricted: str
    reference: str
    original_amount: str
    original_currency: str
    exchange_rate: str
    amount_usd: str
    amended: str
    descriptions: dict[str, str] = Field(
        description="The description in each of the site's languages"
    )


class FunderShareOut(Schema):
    funder: str
    kind: str
    amount_usd: str
    percent: str


class CategoryOut(Schema):
    category: str | None
    name: str
    budget: str
    actual: str


class RegionOut(Schema):
    region: str | None
    name: str
    budget: str
    actual: str


class AmendmentOut(Schema):
    date: str
    record: str
    id: int
    item: str
    reason: str
    amount_before: str
    amount_after: str
    currency: str


class AnnualReportOut(Schema):
    language: str
    title: str
    url: str
    published_on: str


class YearDetailOut(Schema):
    year: int
    title: dict[str, str] = Field(description="The title in each of the site's languages")
    summary: dict[str, str] = Field(description="The summary in each of the site's languages")
    status: str
    published_at: str | None
    period: PeriodOut
    reporting_currency: str
    totals: TotalsOut
    exchange_rates: list[RateOut]
    income: list[LineOut]
    budget: list[LineOut]
    expenditure: list[LineOut]
    sub_grants: list[LineOut]
    by_funder: list[FunderShareOut]
    by_category: list[CategoryOut]
    by_region: list[RegionOut]
    amendments: list[AmendmentOut]
    annual_reports: list[AnnualReportOut]
    links: LinksOut


class FunderOut(Schema):
    name: str
    kind: str
    country: str | None
    identifier: str
    website: str

    @staticmethod
    def resolve_country(funder):
        return funder.country_id


@router.get(
    "/transparency/years",
    response=list[YearSummaryOut],
    summary="List financial years",
    url_name="transparency_years",
)
@paginate
def list_years(request):
    years = list(selectors.year_list_for(actor=request.user))
    return [
        {
            "year": report.financial_year.year,
            "title": report.financial_year.heading,
            "status": report.financial_year.status,
            "period": {
                "start": report.financial_year.starts_on.isoformat(),
                "end": report.financial_year.ends_on.isoformat(),
            },
            "reporting_currency": "USD",
            "totals": exports.totals_dict(report.totals),
            "links": exports.year_links(report.financial_year, request),
        }
        for report in selectors.year_reports(financial_years=years)
    ]


@router.get(
    "/transparency/years/{year}",
    response=YearDetailOut,
    summary="One financial year, line by line",
    description="The same document as the year page's data.json.",
    url_name="transparency_year",
)
def get_year(request, year: int, response: HttpResponse):
    try:
        financial_year = selectors.year_get_for(actor=request.user, year=year)
    except FinancialYear.DoesNotExist as missing:
        raise HttpError(404, "No published financial year has that number.") from missing
    if not financial_year.is_published:
        response["Cache-Control"] = "private, no-store"
    report = selectors.year_report(financial_year=financial_year)
    return exports.year_dict(report, request)


@router.get(
    "/transparency/funders",
    response=list[FunderOut],
    summary="List funders of published years",
    url_name="transparency_funders",
)
@paginate
def list_funders(request):
    return selectors.funder_list_public()


def _xml(content):
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


_iati_files = versions.Kept(size=50, seconds=selectors.REPORT_CACHE_SECONDS)


def _iati_file(name, build, *parts):
    """An IATI file as it was generated under the reports' current version, kept in the
    process's cache as long as a report (its `generated-datetime` says when it was made):
    any write to the finances makes a new version, and the next request a new file. Building
    one from the cached reports cost three times the floor of a page."""
    version = versions.current(selectors.REPORTS_VERSION)
    return _xml(_iati_files.get((name, version, get_language(), *parts), build))


@router.get(
    "/transparency/iati/organisation.xml",
    summary="IATI 2.03 organisation file",
    description="Total budget, budget per recipient country, total expenditure and annual "
    "reports of every published year, in US dollars.",
    url_name="transparency_iati_organisation",
)
def iati_organisation(request):
    base_url = request.build_absolute_uri("/")

    def build():
        reports = selectors.year_reports(financial_years=selectors.year_list_published())
        return iati.organisation_file(
            reports=reports, base_url=base_url, generated_at=timezone.now()
        )

    return _iati_file("organisation", build, base_url)


@router.get(
    "/transparency/iati/activities.xml",
    summary="IATI 2.03 activity file",
    description="One activity per published year: its funders, the money received (incoming "
    "funds) and the sub-grants to networks (disbursements), in US dollars.",
    url_name="transparency_iati_activities",
)
def iati_activities(request):
    def build():
        reports = selectors.year_reports(financial_years=selectors.year_list_published())
        if not reports:
            raise HttpError(404, "No financial year is published yet.")
        return iati.activities_file(reports=reports, generated_at=timezone.now())

    return _iati_file("activities", build)
