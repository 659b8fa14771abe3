"""Reads for the Alliance's finances: published years for everyone, drafts for staff."""

from .models import FinancialYear, Funder
from .permissions import can_preview_year
from .reports import build_reports


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
    return build_reports([financial_year])[0]


def year_reports(*, financial_years):
    """Reports for several years from a fixed number of queries, in the order given."""
    return build_reports(financial_years)


def funder_list_public():
    """Funders that gave money in a published year, by name."""
    return (
        Funder.objects.filter(grants__financial_year__status=FinancialYear.Status.PUBLISHED)
        .select_related("country")
        .distinct()
        .order_by("name")
    )
