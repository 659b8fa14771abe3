"""A small financial year built through the services, with totals that are easy to check.

In US dollars: income 1,000 + 500 EUR x 1.1 = 1,550.00; budget 800 + 300 EUR = 1,130.00;
spent 700 + 200 EUR + sub-grants 100 + 50 EUR = 1,075.00, of which sub-grants 155.00.
"""

from datetime import date
from decimal import Decimal

from menengage.core.models import Term
from menengage.networks.models import Network
from menengage.transparency import services

YEAR = 2023
TOTALS = {
    "income": Decimal("1550.00"),
    "budget": Decimal("1130.00"),
    "expenditure": Decimal("1075.00"),
    "sub_grants": Decimal("155.00"),
}


def build_year(staff, funders, year=YEAR, **narrative):
    """A draft year with income, budget, spending and sub-grants in USD and EUR."""
    financial_year = services.year_create(actor=staff, year=year, **narrative)
    services.exchange_rate_set(
        financial_year=financial_year,
        actor=staff,
        currency="EUR",
        rate=Decimal("1.1"),
        source="Invented yearly average",
    )
    services.grant_create(
        actor=staff,
        financial_year=financial_year,
        funder=funders["riverbend"],
        purpose="Programme grant",
        amount=Decimal("1000"),
        currency="USD",
        received_on=date(year, 3, 15),
        reference=f"IN-{year}-1",
    )
    services.grant_create(
        actor=staff,
        financial_year=financial_year,
        funder=funders["eurania"],
        purpose="Core support",
        amount=Decimal("500"),
        currency="EUR",
        received_on=date(year, 6, 1),
        restricted=True,
    )
    violence = Term.objects.get(vocabulary="theme", code="violence-prevention")
    africa = Network.objects.get(slug="africa")
    for create, amount, euros in (
        (services.budget_line_create, "800", "300"),
        (services.expenditure_line_create, "700", "200"),
    ):
        create(
            actor=staff,
            financial_year=financial_year,
            category="programmes",
            theme=violence,
            network=africa,
            amount=Decimal(amount),
            currency="USD",
        )
        create(
            actor=staff,
            financial_year=financial_year,
            category="secretariat",
            amount=Decimal(euros),
            currency="EUR",
        )
    for slug, amount, currency in (("kenya", "100", "USD"), ("europe", "50", "EUR")):
        services.sub_grant_create(
            actor=staff,
            financial_year=financial_year,
            network=Network.objects.get(slug=slug),
            purpose=f"Network programme in {slug}",
            amount=Decimal(amount),
            currency=currency,
            disbursed_on=date(year, 9, 1),
        )
    return financial_year
