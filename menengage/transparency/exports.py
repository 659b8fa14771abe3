"""Open data for one financial year: the rows of the CSV file and the JSON document.

Both are built from the same YearReport as the page and the IATI files. Amounts are text with
two decimals ("1234.50"), so no reader loses a cent to floating point; codes (category, theme,
region, network) are the stable ones, not the translated names.
"""

from django.conf import settings
from django.urls import reverse

from menengage.core.translation import site_languages

from .models import REPORTING_CURRENCY, BudgetLine, Category, ExpenditureLine, Grant, SubGrant

CSV_COLUMNS = [
    "record",
    "id",
    "year",
    "date",
    "category",
    "theme",
    "region",
    "network",
    "country",
    "funder",
    "funder_kind",
    "funder_identifier",
    "description",
    "restricted",
    "reference",
    "original_amount",
    "original_currency",
    "exchange_rate",
    "amount_usd",
    "amended",
]


def csv_columns():
    """The CSV header: CSV_COLUMNS, then the description in each site language (settings)."""
    return [*CSV_COLUMNS, *(f"description_{code}" for code in site_languages())]


def _descriptions(line):
    """A line's description in each site language: a budget or spending line's translations,
    a grant's or sub-grant's purpose (written once) in the default language."""
    purpose = getattr(line, "purpose", None)
    texts = line.description.as_dict() if purpose is None else {settings.LANGUAGE_CODE: purpose}
    return {code: texts.get(code, "") for code in site_languages()}


RECORD_OF = {
    Grant: "income",
    BudgetLine: "budget",
    ExpenditureLine: "expenditure",
    SubGrant: "sub-grant",
}


def amount_text(value):
    return "" if value is None else f"{value:.2f}"


def _rate_text(value):
    return "" if value is None else format(value.normalize(), "f")


def _row(line, year, amended):
    record = RECORD_OF[type(line)]
    network = getattr(line, "network", None)
    region = getattr(line, "region", None)
    funder = getattr(line, "funder", None)
    theme = getattr(line, "theme", None)
    day = getattr(line, line.date_field) if line.date_field else None
    return {
        "record": record,
        "id": line.pk,
        "year": year,
        "date": day.isoformat() if day else "",
        "category": getattr(line, "category", Category.SUB_GRANTS.value),
        "theme": theme.code if theme else "",
        "region": region.slug if region else "",
        "network": network.slug if network else "",
        "country": (network.country_id or "") if network else "",
        "funder": funder.name if funder else "",
        "funder_kind": funder.kind if funder else "",
        "funder_identifier": funder.identifier if funder else "",
        "description": str(getattr(line, "purpose", None) or getattr(line, "description", "")),
        "restricted": ("yes" if line.restricted else "no") if record == "income" else "",
        "reference": getattr(line, "reference", ""),
        "original_amount": amount_text(line.amount),
        "original_currency": line.currency,
        "exchange_rate": _rate_text(line.rate),
        "amount_usd": amount_text(line.amount_usd),
        "amended": "yes" if (type(line), line.pk) in amended else "no",
        "descriptions": _descriptions(line),
    }


def line_rows(report):
    """One row per line of the year: income, then budget, expenditure and sub-grants."""
    year = report.financial_year.year
    amended = {(type(amendment.line), amendment.line.pk) for amendment in report.amendments}
    lines = (*report.grants, *report.budget_lines, *report.expenditure_lines, *report.sub_grants)
    return [_row(line, year, amended) for line in lines]


def csv_rows(report):
    """The rows of the CSV file: each line's descriptions a column per language."""
    rows = []
    for row in line_rows(report):
        descriptions = row.pop("descriptions")
        rows.append(row | {f"description_{code}": text for code, text in descriptions.items()})
    return rows


def year_links(financial_year, request=None):
    def absolute(path):
        return request.build_absolute_uri(path) if request is not None else path

    kwargs = {"year": financial_year.year}
    return {
        "page": absolute(reverse("transparency:year", kwargs=kwargs)),
        "data_csv": absolute(reverse("transparency:year_csv", kwargs=kwargs)),
        "data_json": absolute(reverse("transparency:year_json", kwargs=kwargs)),
        "api": absolute(reverse("api:transparency_year", kwargs=kwargs)),
        "iati_organisation": absolute(reverse("api:transparency_iati_organisation")),
        "iati_activities": absolute(reverse("api:transparency_iati_activities")),
    }


def totals_dict(totals):
    return {
        "income": amount_text(totals.income),
        "restricted_income": amount_text(totals.restricted_income),
        "budget": amount_text(totals.budget),
        "expenditure": amount_text(totals.expenditure),
        "sub_grants": amount_text(totals.sub_grants),
        "balance": amount_text(totals.balance),
    }


def _comparisons(rows, key):
    return [
        {
            key: row.key or None,
            "name": str(row.label),
            "budget": amount_text(row.budget),
            "actual": amount_text(row.actual),
        }
        for row in rows
    ]


def year_dict(report, request=None):
    """The whole year as a JSON-ready dict; `data.json` and the API return exactly this."""
    financial_year = report.financial_year
    rows = line_rows(report)
    published_at = financial_year.published_at
    return {
        "year": financial_year.year,
        "title": {
            language: financial_year.title.get(language)
            or (str(financial_year.default_title) if language == settings.LANGUAGE_CODE else "")
            for language in site_languages()
        },
        "summary": {
            language: financial_year.summary.get(language) for language in site_languages()
        },
        "status": financial_year.status,
        "published_at": published_at.isoformat() if published_at else None,
        "period": {
            "start": financial_year.starts_on.isoformat(),
            "end": financial_year.ends_on.isoformat(),
        },
        "reporting_currency": REPORTING_CURRENCY,
        "totals": totals_dict(report.totals),
        "exchange_rates": [
            {
                "currency": rate.currency,
                "usd_per_unit": _rate_text(rate.rate),
                "source": rate.source,
            }
            for rate in report.exchange_rates
        ],
        "income": [row for row in rows if row["record"] == "income"],
        "budget": [row for row in rows if row["record"] == "budget"],
        "expenditure": [row for row in rows if row["record"] == "expenditure"],
        "sub_grants": [row for row in rows if row["record"] == "sub-grant"],
        "by_funder": [
            {
                "funder": share.label,
                "kind": share.funder.kind,
                "amount_usd": amount_text(share.amount),
                "percent": f"{share.percent:.1f}",
            }
            for share in report.by_funder
        ],
        "by_category": _comparisons(report.by_category, "category"),
        "by_region": _comparisons(report.by_region, "region"),
        "amendments": [
            {
                "date": amendment.made_on.isoformat(),
                "record": RECORD_OF[type(amendment.line)],
                "id": amendment.line.pk,
                "item": str(amendment.line),
                "reason": amendment.reason,
                "amount_before": amount_text(amendment.amount_before),
                "amount_after": amount_text(amendment.amount_after),
                "currency": amendment.currency,
            }
            for amendment in report.amendments
        ],
        "annual_reports": [
            {
                "language": annual_report.language,
                "title": annual_report.title,
                "url": request.build_absolute_uri(annual_report.get_absolute_url())
                if request is not None
                else annual_report.get_absolute_url(),
                "published_on": annual_report.published_on.isoformat(),
            }
            for annual_report in report.annual_reports
        ],
        "links": year_links(financial_year, request),
    }
