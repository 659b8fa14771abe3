from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import AuditEvent
from menengage.networks.models import Network
from menengage.transparency import services
from menengage.transparency.models import (
    Amendment,
    AnnualReport,
    BudgetLine,
    ExchangeRate,
    ExpenditureLine,
    FinancialYear,
    Grant,
    SubGrant,
    YearFrozen,
)

from .builders import YEAR


def grant_fields(financial_year, funder, **overrides):
    fields = {
        "financial_year": financial_year,
        "funder": funder,
        "purpose": "Programme grant",
        "amount": Decimal("100"),
        "currency": "USD",
        "received_on": date(YEAR, 5, 1),
    }
    return {**fields, **overrides}


@pytest.fixture
def empty_year(staff):
    return services.year_create(actor=staff, year=YEAR)


@pytest.mark.django_db
def test_a_year_built_by_staff_is_audited_write_by_write(draft_year, staff):
    verbs = list(AuditEvent.objects.filter(actor=staff).values_list("verb", flat=True))
    for verb, count in {
        "funder.create": 2,
        "financial_year.create": 1,
        "exchange_rate.set": 1,
        "grant.create": 2,
        "budget_line.create": 2,
        "expenditure_line.create": 2,
        "sub_grant.create": 2,
    }.items():
        assert verbs.count(verb) == count, verb
    event = AuditEvent.objects.filter(verb="grant.create").order_by("pk").first()
    assert event.after["amount"] == "1000.00" and event.after["funder"] == "Riverbend Foundation"
    assert (draft_year.starts_on, draft_year.ends_on) == (date(YEAR, 1, 1), date(YEAR, 12, 31))


@pytest.mark.django_db
def test_outsider_cannot_write_finances_and_nothing_is_written(
    outsider, staff, empty_year, funders
):
    with pytest.raises(NotPermitted):
        services.grant_create(actor=outsider, **grant_fields(empty_year, funders["riverbend"]))
    with pytest.raises(NotPermitted):
        services.year_create(actor=outsider, year=2020)
    with pytest.raises(NotPermitted):
        services.year_publish(financial_year=empty_year, actor=outsider)
    with pytest.raises(NotPermitted):
        services.grant_create(actor=None, **grant_fields(empty_year, funders["riverbend"]))
    assert not Grant.objects.exists()
    assert not FinancialYear.objects.filter(year=2020).exists()
    assert not AuditEvent.objects.exclude(actor=staff).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": Decimal("-100")}, "amount", "Amounts must be positive."),
        ({"amount": Decimal("0")}, "amount", "Amounts must be positive."),
        ({"received_on": date(YEAR + 1, 1, 2)}, "received_on", "must fall within"),
        ({"received_on": date(YEAR - 1, 12, 31)}, "received_on", "must fall within"),
        ({"currency": "XYZ"}, "currency", "XYZ is not a known ISO 4217 currency code."),
        ({"currency": "usd"}, "currency", "not a known ISO 4217 currency code"),
        ({"reference": "IN 2023"}, "reference", "Identifiers cannot contain spaces."),
    ],
)
def test_invalid_grant_is_refused_with_a_sentence_and_nothing_written(
    staff, empty_year, funders, overrides, field, message
):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.grant_create(
            actor=staff, **grant_fields(empty_year, funders["riverbend"], **overrides)
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert not Grant.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_a_date_in_the_future_is_refused(staff, funders):
    tomorrow = timezone.localdate() + timedelta(days=1)
    financial_year = services.year_create(actor=staff, year=tomorrow.year)
    with pytest.raises(ValidationError) as refused:
        services.grant_create(
            actor=staff,
            **grant_fields(financial_year, funders["riverbend"], received_on=tomorrow),
        )
    assert "in the future" in str(refused.value) or "must fall within" in str(refused.value)
    assert not Grant.objects.exists()


@pytest.mark.django_db
def test_category_rules_for_budget_expenditure_and_sub_grants(staff, empty_year):
    from menengage.core.models import Term

    theme = Term.objects.get(vocabulary="theme", code="hiv")
    alliance = Network.objects.get(kind="global")
    cases = [
        (services.budget_line_create, {"category": "secretariat", "theme": theme}, "theme"),
        (services.budget_line_create, {"category": "governance", "network": alliance}, "network"),
        (services.expenditure_line_create, {"category": "sub_grants"}, "category"),
    ]
    for create, fields, field in cases:
        with pytest.raises(ValidationError) as refused:
            create(
                actor=staff,
                financial_year=empty_year,
                amount=Decimal("10"),
                currency="USD",
                **fields,
            )
        assert field in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.sub_grant_create(
            actor=staff,
            financial_year=empty_year,
            network=alliance,
            purpose="Not allowed",
            amount=Decimal("10"),
            currency="USD",
            disbursed_on=date(YEAR, 2, 1),
        )
    assert "network" in refused.value.message_dict
    assert not BudgetLine.objects.exists() and not ExpenditureLine.objects.exists()
    assert not SubGrant.objects.exists()


@pytest.mark.django_db
def test_a_year_lasts_at_most_one_year_and_a_rate_needs_a_foreign_currency(staff):
    with pytest.raises(ValidationError) as refused:
        services.year_create(
            actor=staff, year=2019, starts_on=date(2019, 1, 1), ends_on=date(2020, 1, 1)
        )
    assert "at most one year" in str(refused.value)
    financial_year = services.year_create(actor=staff, year=2019, starts_on=date(2019, 7, 1))
    assert financial_year.ends_on == date(2020, 6, 30)
    with pytest.raises(ValidationError):
        services.exchange_rate_set(
            financial_year=financial_year, actor=staff, currency="USD", rate=1, source="x"
        )
    with pytest.raises(ValidationError):
        services.exchange_rate_set(
            financial_year=financial_year, actor=staff, currency="EUR", rate=-1, source="x"
        )
    assert not ExchangeRate.objects.exists()


@pytest.mark.django_db
def test_publishing_needs_a_rate_for_every_currency(staff, draft_year, funders):
    services.grant_create(
        actor=staff, **grant_fields(draft_year, funders["eurania"], currency="SEK")
    )
    with pytest.raises(InvalidTransition) as refused:
        services.year_publish(financial_year=draft_year, actor=staff)
    assert "SEK" in str(refused.value)
    draft_year.refresh_from_db()
    assert draft_year.status == "draft" and draft_year.published_at is None
    assert not AuditEvent.objects.filter(verb="financial_year.publish").exists()


@pytest.mark.django_db
def test_publishing_freezes_the_figures(staff, published_year, funders):
    event = AuditEvent.objects.get(verb="financial_year.publish")
    assert event.after["status"] == "published"
    grant = published_year.grants.order_by("pk").first()
    rate = published_year.exchange_rates.get()
    refusals = [
        lambda: services.grant_create(
            actor=staff, **grant_fields(published_year, funders["riverbend"])
        ),
        lambda: services.line_update(line=grant, actor=staff, amount=Decimal("1")),
        lambda: services.line_delete(line=grant, actor=staff),
        lambda: services.exchange_rate_set(
            financial_year=published_year, actor=staff, currency="EUR", rate=2, source="x"
        ),
        lambda: services.exchange_rate_remove(exchange_rate=rate, actor=staff),
        lambda: services.year_update(
            financial_year=published_year, actor=staff, ends_on=date(YEAR, 12, 30)
        ),
    ]
    before = AuditEvent.objects.count()
    for refuse in refusals:
        with pytest.raises(YearFrozen):
            refuse()
    assert AuditEvent.objects.count() == before
    grant.refresh_from_db()
    rate.refresh_from_db()
    assert (grant.amount, rate.rate) == (Decimal("1000.00"), Decimal("1.1"))
    assert published_year.grants.count() == 2
    with pytest.raises(InvalidTransition):
        services.year_publish(financial_year=published_year, actor=staff)
    # Words are not figures: a title can still be translated.
    services.year_update(
        financial_year=published_year,
        actor=staff,
        title={**published_year.title.as_dict(), "fr": "Nos finances"},
    )
    assert FinancialYear.objects.get(pk=published_year.pk).title["fr"] == "Nos finances"


@pytest.mark.django_db
def test_a_correction_to_a_published_year_is_an_amendment(staff, published_year):
    grant = published_year.grants.get(currency="EUR")
    amendment = services.line_amend(
        line=grant,
        actor=staff,
        amount=Decimal("600"),
        reason="The audited accounts show a larger second instalment.",
        made_on=date(YEAR + 1, 4, 2),
    )
    grant.refresh_from_db()
    assert grant.amount == Decimal("600.00")
    assert (amendment.amount_before, amendment.amount_after, amendment.currency) == (
        Decimal("500.00"),
        Decimal("600.00"),
        "EUR",
    )
    assert amendment.line == grant
    event = AuditEvent.objects.get(verb="grant.amend")
    assert event.before == {"amount": "500.00"}
    assert event.after["reason"].startswith("The audited accounts")


@pytest.mark.django_db
def test_an_amendment_needs_a_published_year_a_reason_and_a_new_amount(staff, outsider, draft_year):
    grant = draft_year.grants.order_by("pk").first()
    with pytest.raises(InvalidTransition):
        services.line_amend(line=grant, actor=staff, amount=Decimal("5"), reason="Typo")
    services.year_publish(financial_year=draft_year, actor=staff)
    with pytest.raises(ValidationError):
        services.line_amend(line=grant, actor=staff, amount=Decimal("5"), reason="  ")
    with pytest.raises(ValidationError):
        services.line_amend(line=grant, actor=staff, amount=grant.amount, reason="Same")
    with pytest.raises(ValidationError):
        services.line_amend(line=grant, actor=staff, amount=Decimal("-5"), reason="Negative")
    with pytest.raises(NotPermitted):
        services.line_amend(line=grant, actor=outsider, amount=Decimal("5"), reason="Mine")
    assert not Amendment.objects.exists()
    grant.refresh_from_db()
    assert grant.amount == Decimal("1000.00")


@pytest.mark.django_db
def test_draft_lines_can_be_changed_and_deleted(staff, draft_year):
    line = draft_year.budget_lines.get(category="secretariat")
    services.line_update(line=line, actor=staff, amount=Decimal("350"), description="Rent")
    line.refresh_from_db()
    assert (line.amount, line.description) == (Decimal("350.00"), "Rent")
    assert AuditEvent.objects.get(verb="budget_line.update").before["amount"] == "300.00"
    services.line_delete(line=line, actor=staff)
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert AuditEvent.objects.get(verb="budget_line.delete").before["currency"] == "EUR"


@pytest.mark.django_db
def test_annual_report_must_be_a_pdf_by_content(staff, draft_year):
    fake = ContentFile(b"<html>not a pdf</html>", name="report.pdf")
    with pytest.raises(ValidationError) as refused:
        services.annual_report_add(
            financial_year=draft_year, actor=staff, language="en", title="Report", file=fake
        )
    assert "must be a PDF" in str(refused.value)
    assert not AnnualReport.objects.exists()
    real = ContentFile(b"%PDF-1.4\n%%EOF\n", name="report.pdf")
    report = services.annual_report_add(
        financial_year=draft_year, actor=staff, language="fr", title="Rapport", file=real
    )
    assert report.file.name.endswith(".pdf")
    assert AuditEvent.objects.filter(verb="annual_report.add").count() == 1
