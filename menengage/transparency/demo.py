"""Five invented financial years (2021-2025): funders, rates, budget, spending and sub-grants.

2021 to 2024 are published (2023 with an amendment); 2025 is a draft that staff can preview.
Every funder, amount and rate is invented. The Alliance's finances do not grow with the
number of members, so `demo.scale` does not change them. Lines are validated one by one and
bulk-created; each year records one audit event for the load.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.base import ContentFile

from menengage.core.audit import audit_record
from menengage.core.models import Country, Term
from menengage.core.translation import site_languages
from menengage.networks.models import Network

from . import services
from .models import (
    BudgetLine,
    Category,
    ExchangeRate,
    ExpenditureLine,
    Grant,
    SubGrant,
)

YEARS = (2021, 2022, 2023, 2024, 2025)
PUBLISHED = (2021, 2022, 2023, 2024)
# Invented yearly averages, in US dollars per unit.
RATES = {
    "EUR": {2021: "1.1830", 2022: "1.0530", 2023: "1.0813", 2024: "1.0824", 2025: "1.1290"},
    "SEK": {2021: "0.1165", 2022: "0.0989", 2023: "0.0943", 2024: "0.0948", 2025: "0.1021"},
    "GBP": {2021: "1.3757", 2022: "1.2369", 2023: "1.2435", 2024: "1.2781", 2025: "1.3160"},
}
RATE_SOURCE = "Demo data: invented yearly average of daily reference rates, {year}"
# name, kind, country, identifier, currency, share of the year's income
FUNDERS = [
    ("Nordland Ministry of Equality", "government", "SE", "XI-IATI-DEMO-NMEP", "SEK", 24),
    ("Riverbend Foundation for Gender Justice", "foundation", "US", "XI-IATI-DEMO-RFGJ", "USD", 20),
    ("United Commons Fund for Equality", "multilateral", None, "XI-IATI-DEMO-UCFE", "USD", 16),
    ("Lantern Trust", "foundation", "GB", "", "GBP", 12),
    ("Central Cooperation Agency of Eurania", "government", "NL", "XI-IATI-DEMO-CCAE", "EUR", 14),
    ("Open Horizons International", "ingo", "DE", "", "EUR", 8),
    ("Individual donors", "individuals", None, "", "USD", 3),
    ("Member contributions", "members", None, "", "USD", 3),
]  # fmt: skip
YEAR_SIZE = {2021: 1_450_000, 2022: 1_600_000, 2023: 1_780_000, 2024: 2_050_000, 2025: 1_900_000}
TITLES = {
    "en": "Our finances in {year}",
    "es": "Nuestras finanzas en {year}",
    "fr": "Nos finances en {year}",
    "pt": "Nossas finanças em {year}",
}
SUMMARIES = {
    "en": "Where our money came from in {year}, how we budgeted and spent it, and what we passed "
    "on to regional and country networks.",
    "es": "De dónde vino nuestro dinero en {year}, cómo lo presupuestamos y gastamos, y lo que "
    "transferimos a las redes regionales y nacionales.",
    "fr": "D'où venait notre argent en {year}, comment nous l'avons budgété et dépensé, et ce que "
    "nous avons reversé aux réseaux régionaux et nationaux.",
    "pt": "De onde veio o nosso dinheiro em {year}, como o orçamentamos e gastamos, e o que "
    "repassamos às redes regionais e nacionais.",
}
# category, theme, network, currency, share of the year's budget (per cent)
BUDGET = [
    ("programmes", "violence-prevention", "africa", "USD", 9),
    ("programmes", "violence-prevention", "latin-america", "USD", 7),
    ("programmes", "care-fatherhood", "europe", "EUR", 6),
    ("programmes", "care-fatherhood", "latin-america", "USD", 5),
    ("programmes", "srhr", "south-asia", "USD", 7),
    ("programmes", "srhr", "africa", "USD", 6),
    ("programmes", "policy-advocacy", None, "USD", 8),
    ("programmes", "research", None, "GBP", 4),
    ("secretariat", None, None, "SEK", 14),
    ("secretariat", None, None, "USD", 4),
    ("governance", None, None, "USD", 5),
    ("symposium", None, None, "EUR", 4),
]
# network, currency, share of the year's budget (per cent)
SUB_GRANTS = [
    ("kenya", "USD", 4),
    ("rwanda", "USD", 2),
    ("brazil", "USD", 4),
    ("india", "USD", 3),
    ("nepal", "USD", 2),
    ("europe", "EUR", 3),
    ("caribbean", "USD", 3),
]
PURPOSES = [
    "Community groups with fathers on care and non-violence",
    "Training of facilitators and a shared curriculum",
    "National advocacy on gender-based violence laws",
    "Youth-led campaigns on consent and healthy relationships",
    "Network meetings and coordination",
]
GRANT_PURPOSES = {
    "government": "Core support to the Alliance's strategy",
    "foundation": "Programme grant: engaging men and boys to end violence",
    "multilateral": "Partnership on sexual and reproductive health and rights",
    "ingo": "Joint advocacy and research programme",
    "individuals": "Donations from individuals",
    "members": "Membership contributions",
}


def _money(value):
    return Decimal(value).quantize(Decimal("1"), ROUND_HALF_UP)


def _in(currency, usd, year):
    """`usd` dollars in `currency`, rounded to the unit as a budget would be."""
    if currency == "USD":
        return _money(usd)
    return _money(Decimal(usd) / Decimal(RATES[currency][year]))


def _day(rng, year, last=None):
    start = date(year, 1, 1)
    days = ((last or date(year, 12, 31)) - start).days
    return start + timedelta(days=rng.randint(0, days))


def _valid(lines):
    for line in lines:
        line.full_clean()
    return lines


def _pdf(title):
    """A one-page PDF with a title: enough to stand in for an annual report."""
    text = title.replace("(", "").replace(")", "")
    stream = f"BT /F1 20 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _funders(demo):
    countries = Country.objects.in_bulk([row[2] for row in FUNDERS if row[2]])
    funders = {}
    for name, kind, country, identifier, currency, share in FUNDERS:
        funder = services.funder_create(
            actor=demo.staff,
            name=name,
            kind=kind,
            country=countries.get(country),
            identifier=identifier,
        )
        funders[name] = (funder, currency, share)
    return funders


def _year(demo, year, funders, themes, networks):
    rng = demo.random
    # The site's languages the demo has words in.
    written = set(site_languages())
    financial_year = services.year_create(
        actor=demo.staff,
        year=year,
        title={code: text.format(year=year) for code, text in TITLES.items() if code in written},
        summary={
            code: text.format(year=year) for code, text in SUMMARIES.items() if code in written
        },
    )
    ExchangeRate.objects.bulk_create(
        _valid(
            [
                ExchangeRate(
                    financial_year=financial_year,
                    currency=currency,
                    rate=Decimal(rates[year]),
                    source=RATE_SOURCE.format(year=year),
                )
                for currency, rates in RATES.items()
            ]
        )
    )
    size = YEAR_SIZE[year]
    grants = []
    for number, (funder, currency, share) in enumerate(funders.values()):
        usd = size * share / 100 * rng.uniform(0.96, 1.08)
        instalments = 2 if share >= 14 else 1
        for instalment in range(instalments):
            grants.append(
                Grant(
                    financial_year=financial_year,
                    funder=funder,
                    reference=f"MEA-{year}-IN-{number + 1:02d}{'ab'[instalment]}",
                    purpose=GRANT_PURPOSES[funder.kind],
                    amount=_in(currency, usd / instalments, year),
                    currency=currency,
                    received_on=_day(rng, year),
                    restricted=funder.kind in ("foundation", "multilateral"),
                )
            )
    Grant.objects.bulk_create(_valid(grants))
    budget, spent = [], []
    for category, theme, network, currency, share in BUDGET:
        usd = size * share / 100
        fields = {
            "financial_year": financial_year,
            "category": category,
            "theme": themes.get(theme),
            "network": networks.get(network),
            "currency": currency,
        }
        budget.append(BudgetLine(amount=_in(currency, usd, year), **fields))
        spent.append(
            ExpenditureLine(amount=_in(currency, usd * rng.uniform(0.78, 1.06), year), **fields)
        )
    sub_grants = []
    for number, (slug, currency, share) in enumerate(SUB_GRANTS):
        usd = size * share / 100
        budget.append(
            BudgetLine(
                financial_year=financial_year,
                category=Category.SUB_GRANTS,
                network=networks[slug],
                currency=currency,
                amount=_in(currency, usd, year),
                description="Sub-grant",
            )
        )
        sub_grants.append(
            SubGrant(
                financial_year=financial_year,
                network=networks[slug],
                reference=f"MEA-{year}-SG-{number + 1:02d}",
                purpose=PURPOSES[(number + year) % len(PURPOSES)],
                amount=_in(currency, usd * rng.uniform(0.85, 1.0), year),
                currency=currency,
                disbursed_on=_day(rng, year),
            )
        )
    BudgetLine.objects.bulk_create(_valid(budget))
    ExpenditureLine.objects.bulk_create(_valid(spent))
    SubGrant.objects.bulk_create(_valid(sub_grants))
    audit_record(
        actor=demo.staff,
        verb="financial_year.demo_load",
        target=financial_year,
        after={
            "grants": len(grants),
            "budget_lines": len(budget),
            "expenditure_lines": len(spent),
            "sub_grants": len(sub_grants),
        },
    )
    return financial_year


def load(demo):
    themes = {term.code: term for term in Term.objects.filter(vocabulary=Term.Vocabulary.THEME)}
    slugs = {row[2] for row in BUDGET if row[2]} | {row[0] for row in SUB_GRANTS}
    networks = {network.slug: network for network in Network.objects.filter(slug__in=slugs)}
    funders = _funders(demo)
    years = {year: _year(demo, year, funders, themes, networks) for year in YEARS}
    for year in PUBLISHED:
        services.annual_report_add(
            financial_year=years[year],
            actor=demo.staff,
            language="en",
            title=f"MenEngage Alliance annual report {year}",
            file=ContentFile(
                _pdf(f"MenEngage Alliance annual report {year}"),
                name=f"menengage-annual-report-{year}.pdf",
            ),
            published_on=date(year + 1, 5, 15),
        )
        services.year_publish(financial_year=years[year], actor=demo.staff)
    corrected = years[2023].grants.order_by("pk").first()
    services.line_amend(
        line=corrected,
        actor=demo.staff,
        amount=corrected.amount + Decimal("25000"),
        reason="The audited accounts include a second instalment received on 28 December "
        "but entered after the year was published.",
        made_on=date(2024, 6, 3),
    )
    demo.say(f"{len(YEARS)} financial years ({len(PUBLISHED)} published), {len(funders)} funders")
