"""The year report: every line converted to US dollars, with the totals and breakdowns that the
page, the CSV and JSON files, the API and the IATI files all show.

Each line is converted once, with the year's recorded rate, and rounded to the cent; every total
is the sum of those rounded amounts. One computation for every output is what makes the totals
agree everywhere. Amounts are Decimal throughout: the database never does money arithmetic.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .models import (
    REPORTING_CURRENCY,
    Amendment,
    AnnualReport,
    BudgetLine,
    Category,
    ExchangeRate,
    ExpenditureLine,
    Funder,
    Grant,
    SubGrant,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ALLIANCE_WIDE = _("Alliance-wide")


def convert(amount, currency, rates):
    """`amount` in US dollars at `rates` (currency -> US dollars per unit), to the cent; None
    when the year has no rate for the currency."""
    if currency == REPORTING_CURRENCY:
        return amount.quantize(CENT, ROUND_HALF_UP)
    rate = rates.get(currency)
    if rate is None:
        return None
    return (amount * rate).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Comparison:
    """Budget against actual spending for one category, region or theme."""

    key: str
    label: str
    budget: Decimal = ZERO
    actual: Decimal = ZERO

    @property
    def difference(self):
        return self.budget - self.actual

    @property
    def spent_percent(self):
        if not self.budget:
            return None
        return (self.actual * 100 / self.budget).quantize(Decimal("1"), ROUND_HALF_UP)


@dataclass
class Share:
    """Money from one funder, or one kind of funder, and its share of the year's income."""

    key: str
    label: str
    amount: Decimal = ZERO
    percent: Decimal = ZERO
    funder: Funder | None = None


@dataclass
class Totals:
    income: Decimal = ZERO
    restricted_income: Decimal = ZERO
    budget: Decimal = ZERO
    expenditure: Decimal = ZERO
    sub_grants: Decimal = ZERO

    @property
    def balance(self):
        return self.income - self.expenditure

    @property
    def unspent(self):
        return self.budget - self.expenditure


@dataclass
class YearReport:
    financial_year: object
    rates: dict = field(default_factory=dict)
    exchange_rates: list = field(default_factory=list)
    grants: list = field(default_factory=list)
    budget_lines: list = field(default_factory=list)
    expenditure_lines: list = field(default_factory=list)
    sub_grants: list = field(default_factory=list)
    amendments: list = field(default_factory=list)
    annual_reports: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    by_funder: list = field(default_factory=list)
    by_funder_kind: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    by_region: list = field(default_factory=list)
    by_theme: list = field(default_factory=list)
    country_budgets: list = field(default_factory=list)
    missing_rates: list = field(default_factory=list)


def _group(lines):
    grouped = defaultdict(list)
    for line in lines:
        grouped[line.financial_year_id].append(line)
    return grouped


def build_reports(financial_years):
    """One YearReport per year, in the order given, from a fixed number of queries."""
    years = list(financial_years)
    ids = [year.pk for year in years]
    if not ids:
        return []
    rates = _group(ExchangeRate.objects.filter(financial_year__in=ids))
    grants = _group(Grant.objects.filter(financial_year__in=ids).select_related("funder"))
    categorised = ("theme", "network__parent", "network__country")
    budget = _group(BudgetLine.objects.filter(financial_year__in=ids).select_related(*categorised))
    spent = _group(
        ExpenditureLine.objects.filter(financial_year__in=ids).select_related(*categorised)
    )
    sub_grants = _group(
        SubGrant.objects.filter(financial_year__in=ids).select_related(
            "network__parent", "network__country"
        )
    )
    amendments = _group(
        Amendment.objects.filter(financial_year__in=ids).select_related(
            "grant__funder",
            "budget_line__theme",
            "budget_line__network",
            "expenditure_line__theme",
            "expenditure_line__network",
            "sub_grant__network",
        )
    )
    reports = _group(
        AnnualReport.objects.filter(financial_year__in=ids).select_related("financial_year")
    )
    return [
        _report(
            year,
            rates=rates[year.pk],
            grants=grants[year.pk],
            budget_lines=budget[year.pk],
            expenditure_lines=spent[year.pk],
            sub_grants=sub_grants[year.pk],
            amendments=amendments[year.pk],
            annual_reports=reports[year.pk],
        )
        for year in years
    ]


def _convert_all(lines, rates, missing):
    for line in lines:
        line.rate = Decimal(1) if line.currency == REPORTING_CURRENCY else rates.get(line.currency)
        line.amount_usd = convert(line.amount, line.currency, rates)
        if line.amount_usd is None:
            missing.add(line.currency)
    return lines


def _sum(lines):
    return sum((line.amount_usd for line in lines if line.amount_usd is not None), ZERO)


def _report(financial_year, *, rates, grants, budget_lines, expenditure_lines, sub_grants, **rest):
    rate_by_currency = {rate.currency: rate.rate for rate in rates}
    missing = set()
    for lines in (grants, budget_lines, expenditure_lines, sub_grants):
        _convert_all(lines, rate_by_currency, missing)
    report = YearReport(
        financial_year=financial_year,
        rates=rate_by_currency,
        exchange_rates=sorted(rates, key=lambda rate: rate.currency),
        grants=grants,
        budget_lines=budget_lines,
        expenditure_lines=expenditure_lines,
        sub_grants=sub_grants,
        missing_rates=sorted(missing),
        **rest,
    )
    spent = _sum(expenditure_lines)
    report.totals = Totals(
        income=_sum(grants),
        restricted_income=_sum([grant for grant in grants if grant.restricted]),
        budget=_sum(budget_lines),
        sub_grants=_sum(sub_grants),
        expenditure=spent + _sum(sub_grants),
    )
    report.by_funder, report.by_funder_kind = _income_shares(grants, report.totals.income)
    report.by_category = _by_category(budget_lines, expenditure_lines, sub_grants)
    report.by_region = _by_region(budget_lines, expenditure_lines, sub_grants)
    report.by_theme = _by_theme(budget_lines, expenditure_lines)
    report.country_budgets = _country_budgets(budget_lines)
    return report


def _percent(part, whole):
    if not whole:
        return ZERO
    return (part * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _income_shares(grants, total):
    funders, kinds = {}, {}
    for grant in grants:
        if grant.amount_usd is None:
            continue
        funder = grant.funder
        share = funders.setdefault(funder.pk, Share(str(funder.pk), funder.name, funder=funder))
        share.amount += grant.amount_usd
        kind = kinds.setdefault(funder.kind, Share(funder.kind, funder.get_kind_display()))
        kind.amount += grant.amount_usd
    shares = sorted(funders.values(), key=lambda share: (-share.amount, share.label))
    by_kind = sorted(kinds.values(), key=lambda share: (-share.amount, share.key))
    for share in (*shares, *by_kind):
        share.percent = _percent(share.amount, total)
    return shares, by_kind


def _compare(rows, key_of, label_of, budget_lines, spent_lines):
    for line in budget_lines:
        if line.amount_usd is not None:
            key = key_of(line)
            rows.setdefault(key, Comparison(key, label_of(line))).budget += line.amount_usd
    for line in spent_lines:
        if line.amount_usd is not None:
            key = key_of(line)
            rows.setdefault(key, Comparison(key, label_of(line))).actual += line.amount_usd
    return rows


def _by_category(budget_lines, expenditure_lines, sub_grants):
    # Labels as text in the active language, as reports are cached per language: a cached
    # translatable label costs ~1 ms to read back (Django builds a class for each one).
    rows = {code: Comparison(code, str(label)) for code, label in Category.choices}
    for line in budget_lines:
        if line.amount_usd is not None:
            rows[line.category].budget += line.amount_usd
    for line in expenditure_lines:
        if line.amount_usd is not None:
            rows[line.category].actual += line.amount_usd
    rows[Category.SUB_GRANTS].actual += _sum(sub_grants)
    return [row for row in rows.values() if row.budget or row.actual]


def _region_key(line):
    region = line.region
    return region.slug if region else ""


def _region_label(line):
    region = line.region
    return region.name if region else str(ALLIANCE_WIDE)


def _by_region(budget_lines, expenditure_lines, sub_grants):
    rows = _compare({}, _region_key, _region_label, budget_lines, [*expenditure_lines, *sub_grants])
    return sorted(rows.values(), key=lambda row: (row.key != "", row.label))


def _by_theme(budget_lines, expenditure_lines):
    programmes = Category.PROGRAMMES

    def key_of(line):
        return line.theme.code if line.theme else ""

    def label_of(line):
        return line.theme.name if line.theme else str(_("other programmes"))

    rows = _compare(
        {},
        key_of,
        label_of,
        [line for line in budget_lines if line.category == programmes],
        [line for line in expenditure_lines if line.category == programmes],
    )
    return sorted(rows.values(), key=lambda row: (-row.budget, row.label))


def _country_budgets(budget_lines):
    """Budget per recipient country: the lines for a country network's work."""
    countries = {}
    for line in budget_lines:
        network = line.network
        if network is None or network.country_id is None or line.amount_usd is None:
            continue
        entry = countries.setdefault(network.country_id, [network.country, ZERO])
        entry[1] += line.amount_usd
    return [tuple(entry) for _code, entry in sorted(countries.items())]
