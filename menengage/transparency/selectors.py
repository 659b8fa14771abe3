"""Reads for the Alliance's finances: published years for everyone, drafts for staff."""

from django.core.cache import cache
from django.utils.translation import get_language

from menengage.core import versions

from .models import FinancialYear, Funder
from .permissions import can_preview_year
from .reports import build_reports

# Reports are cached per year and language under a version that every write to the finances
# replaces (at once and after its transaction commits), so a cached figure is never stale.
REPORTS_VERSION = "transparency-reports"
REPORT_CACHE_SECONDS = 24 * 3600


def year_list_for(*, actor):
    """The financial years `actor` may see, newest first: the published ones, and for staff
    the drafts too."""
    years = FinancialYear.objects.order_by("-year")
    if not can_preview_year(actor):
        years = years.filter(status=FinancialYear.Status.PUBLISHED)
    return years


def year_get_for(*, actor, year):
    """One financial year `actor` may see; raises FinancialYear.DoesNotExist."""
    return year_list_for(actor=actor).get(year=year)


def year_list_published():
    return FinancialYear.objects.filter(status=FinancialYear.Status.PUBLISHED).order_by("year")


def year_report(*, financial_year):
    """The converted lines, totals and breakdowns of one year (see reports.py)."""
    return year_reports(financial_years=[financial_year])[0]


# The reports this process has read, under the version they were read at: reading a year's
# report back from the shared cache (and unpickling it) cost more than drawing its page. Pages
# and exports only read a report; a write to the finances makes a new version.
_reports = versions.Kept(size=200, seconds=REPORT_CACHE_SECONDS)


def year_reports(*, financial_years):
    """Reports for several years, in the order given: read before by this process, from the
    shared cache, or built from a fixed number of queries for the years in neither."""
    years = list(financial_years)
    version = versions.current(REPORTS_VERSION)
    keys = {year.pk: f"transparency:report:{version}:{get_language()}:{year.pk}" for year in years}
    kept = {key: _reports.peek(key) for key in keys.values()}
    wanted = [key for key, report in kept.items() if report is None]
    found = cache.get_many(wanted) if wanted else {}
    missing = [year for year in years if kept[keys[year.pk]] is None and keys[year.pk] not in found]
    reports = build_reports(missing)
    built = {keys[year.pk]: report for year, report in zip(missing, reports, strict=True)}
    if built:
        cache.set_many(built, REPORT_CACHE_SECONDS)
    for key, report in {**found, **built}.items():
        _reports.put(key, report)
        kept[key] = report
    return [kept[keys[year.pk]] for year in years]


def reports_forget():
    """Make every cached report stale: at once, for this transaction's own reads, and again
    after it commits, for a report another request cached in between."""
    versions.replace(REPORTS_VERSION)


def funder_list_public():
    """Funders that gave money in a published year, by name."""
    return (
        Funder.objects.filter(grants__financial_year__status=FinancialYear.Status.PUBLISHED)
        .select_related("country")
        .distinct()
        .order_by("name")
    )
