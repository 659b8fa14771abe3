"""Writes for the Alliance's finances: funders, years, rates, lines, publication, amendments.

Every write is staff-only, runs in one transaction, validates with `full_clean` and records an
audit event. A published year is frozen: its figures change only through `line_amend`, which
keeps the correction (date, reason, before and after) for the public year page.
"""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record as _audit_record
from menengage.core.audit import snapshot
from menengage.core.errors import InvalidTransition, NotPermitted
from menengage.core.models import Term
from menengage.networks.models import Network

from .models import (
    REPORTING_CURRENCY,
    Amendment,
    AnnualReport,
    BudgetLine,
    Category,
    ExchangeRate,
    ExpenditureLine,
    FinancialYear,
    Funder,
    Grant,
    SubGrant,
    default_period_end,
)
from .permissions import can_edit_finances
from .selectors import reports_forget

YEAR_NARRATIVE = ["title", "summary"]
YEAR_PERIOD = ["starts_on", "ends_on"]
FUNDER_FIELDS = ["name", "kind", "country", "identifier", "website"]


def _audited(**event):
    """Record the audit event of a write to the finances and forget the cached reports."""
    reports_forget()
    return _audit_record(**event)


def _require_staff(actor):
    if not can_edit_finances(actor):
        raise NotPermitted(_("Only secretariat staff can edit the Alliance's finances."))


def line_fields(model):
    """The fields of a line model that people enter (all but the key and the year)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name != "financial_year"
    ]


# Funders


@transaction.atomic
def funder_create(*, actor, name, kind, country=None, identifier="", website=""):
    """Add a funder. Staff only. Records `funder.create`."""
    _require_staff(actor)
    funder = Funder(
        name=name.strip(), kind=kind, country=country, identifier=identifier, website=website
    )
    funder.full_clean()
    funder.save()
    _audited(
        actor=actor, verb="funder.create", target=funder, after=snapshot(funder, FUNDER_FIELDS)
    )
    return funder


@transaction.atomic
def funder_update(*, funder, actor, **changes):
    """Change a funder's details (published years show the new name). Staff only. Records
    `funder.update`."""
    _require_staff(actor)
    unknown = set(changes) - set(FUNDER_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    before = snapshot(funder, changes)
    for field, value in changes.items():
        setattr(funder, field, value)
    funder.full_clean()
    funder.save(update_fields=list(changes))
    _audited(
        actor=actor,
        verb="funder.update",
        target=funder,
        before=before,
        after=snapshot(funder, changes),
    )
    return funder


# Financial years


@transaction.atomic
def year_create(*, actor, year, starts_on=None, ends_on=None, **narrative):
    """Open a financial year, by default the calendar year, as a draft. Staff only.
    Records `financial_year.create`."""
    _require_staff(actor)
    unknown = set(narrative) - set(YEAR_NARRATIVE)
    if unknown:
        raise ValueError(f"Not a narrative field: {', '.join(sorted(unknown))}")
    starts_on = starts_on or date(year, 1, 1)
    financial_year = FinancialYear(
        year=year,
        starts_on=starts_on,
        ends_on=ends_on or default_period_end(starts_on),
        **narrative,
    )
    financial_year.full_clean()
    financial_year.save()
    _audited(
        actor=actor,
        verb="financial_year.create",
        target=financial_year,
        after=snapshot(financial_year, ["year", *YEAR_PERIOD, *narrative]),
    )
    return financial_year


@transaction.atomic
def year_update(*, financial_year, actor, **changes):
    """Change a year's titles and summaries (always) or its period (drafts only, and only
    while every dated line still falls inside it). Staff only. Records `financial_year.update`.
    """
    _require_staff(actor)
    unknown = set(changes) - set(YEAR_NARRATIVE) - set(YEAR_PERIOD)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if set(changes) & set(YEAR_PERIOD):
        financial_year.ensure_editable()
    before = snapshot(financial_year, changes)
    for field, value in changes.items():
        setattr(financial_year, field, value)
    financial_year.full_clean()
    if set(changes) & set(YEAR_PERIOD):
        _check_dates_inside(financial_year)
    financial_year.save(update_fields=list(changes))
    _audited(
        actor=actor,
        verb="financial_year.update",
        target=financial_year,
        before=before,
        after=changes,
    )
    return financial_year


def _check_dates_inside(financial_year):
    start, end = financial_year.starts_on, financial_year.ends_on
    outside = financial_year.grants.exclude(received_on__range=(start, end)).exists() or (
        financial_year.sub_grants.exclude(disbursed_on__range=(start, end)).exists()
    )
    if outside:
        raise ValidationError(
            _("Some money received or disbursed in this year falls outside the new period.")
        )


def _currencies_used(financial_year):
    used = set()
    for related in ("grants", "budget_lines", "expenditure_lines", "sub_grants"):
        used.update(getattr(financial_year, related).values_list("currency", flat=True))
    return used - {REPORTING_CURRENCY}


@transaction.atomic
def year_publish(*, financial_year, actor):
    """Publish a draft year: its pages and open data become public and its figures are frozen.

    Every currency used in the year needs an exchange rate first. Staff only. Records
    `financial_year.publish`.
    """
    _require_staff(actor)
    financial_year = FinancialYear.objects.select_for_update().get(pk=financial_year.pk)
    if financial_year.is_published:
        raise InvalidTransition(
            _("The financial year %(year)s is already published.") % {"year": financial_year.year}
        )
    rated = set(financial_year.exchange_rates.values_list("currency", flat=True))
    missing = sorted(_currencies_used(financial_year) - rated)
    if missing:
        raise InvalidTransition(
            _("Record the exchange rate for %(currencies)s before publishing.")
            % {"currencies": ", ".join(missing)}
        )
    financial_year.status = FinancialYear.Status.PUBLISHED
    financial_year.published_at = timezone.now()
    financial_year.save(update_fields=["status", "published_at"])
    _audited(
        actor=actor,
        verb="financial_year.publish",
        target=financial_year,
        before={"status": FinancialYear.Status.DRAFT},
        after={"status": financial_year.status, "published_at": financial_year.published_at},
    )
    return financial_year


# Exchange rates


@transaction.atomic
def exchange_rate_set(*, financial_year, actor, currency, rate, source):
    """Record or change the rate used for `currency` in a draft year. Staff only. Records
    `exchange_rate.set` with the rate before and after."""
    _require_staff(actor)
    financial_year.ensure_editable()
    exchange_rate = ExchangeRate.objects.filter(
        financial_year=financial_year, currency=currency
    ).first()
    before = None
    if exchange_rate is None:
        exchange_rate = ExchangeRate(financial_year=financial_year, currency=currency)
    else:
        before = {"rate": exchange_rate.rate, "source": exchange_rate.source}
    exchange_rate.rate = rate
    exchange_rate.source = source.strip()
    exchange_rate.full_clean()
    exchange_rate.save()
    _audited(
        actor=actor,
        verb="exchange_rate.set",
        target=exchange_rate,
        before=before,
        after={"currency": currency, "rate": exchange_rate.rate, "source": exchange_rate.source},
    )
    return exchange_rate


@transaction.atomic
def exchange_rate_remove(*, exchange_rate, actor):
    """Remove a rate from a draft year. Staff only. Records `exchange_rate.remove`."""
    _require_staff(actor)
    exchange_rate.financial_year.ensure_editable()
    _audited(
        actor=actor,
        verb="exchange_rate.remove",
        target=exchange_rate,
        before={"currency": exchange_rate.currency, "rate": exchange_rate.rate},
    )
    exchange_rate.delete()


# Lines: grants, budget, expenditure, sub-grants


def _line_create(model, *, actor, financial_year, **fields):
    financial_year.ensure_editable()
    line = model(financial_year=financial_year, **fields)
    line.full_clean()
    line.save()
    _audited(
        actor=actor,
        verb=f"{model.audit_name}.create",
        target=line,
        after={"financial_year": financial_year.year, **snapshot(line, line_fields(model))},
    )
    return line


@transaction.atomic
def grant_create(
    *,
    actor,
    financial_year,
    funder,
    purpose,
    amount,
    currency,
    received_on,
    restricted=False,
    reference="",
):
    """Record money received from a funder in a draft year. Staff only. Records
    `grant.create`."""
    _require_staff(actor)
    return _line_create(
        Grant,
        actor=actor,
        financial_year=financial_year,
        funder=funder,
        purpose=purpose,
        amount=amount,
        currency=currency,
        received_on=received_on,
        restricted=restricted,
        reference=reference,
    )


@transaction.atomic
def budget_line_create(
    *, actor, financial_year, category, amount, currency, theme=None, network=None, description=""
):
    """Add a budget line to a draft year. Staff only. Records `budget_line.create`."""
    _require_staff(actor)
    return _line_create(
        BudgetLine,
        actor=actor,
        financial_year=financial_year,
        category=category,
        amount=amount,
        currency=currency,
        theme=theme,
        network=network,
        description=description,
    )


@transaction.atomic
def expenditure_line_create(
    *, actor, financial_year, category, amount, currency, theme=None, network=None, description=""
):
    """Add an expenditure line to a draft year (money to networks is a sub-grant instead).
    Staff only. Records `expenditure_line.create`."""
    _require_staff(actor)
    return _line_create(
        ExpenditureLine,
        actor=actor,
        financial_year=financial_year,
        category=category,
        amount=amount,
        currency=currency,
        theme=theme,
        network=network,
        description=description,
    )


@transaction.atomic
def sub_grant_create(
    *, actor, financial_year, network, purpose, amount, currency, disbursed_on, reference=""
):
    """Record money passed on to a regional or country network in a draft year. Staff only.
    Records `sub_grant.create`."""
    _require_staff(actor)
    return _line_create(
        SubGrant,
        actor=actor,
        financial_year=financial_year,
        network=network,
        purpose=purpose,
        amount=amount,
        currency=currency,
        disbursed_on=disbursed_on,
        reference=reference,
    )


@transaction.atomic
def line_update(*, line, actor, **changes):
    """Change a grant, budget line, expenditure line or sub-grant of a draft year. Staff only.
    Records `<line>.update` with the fields before and after."""
    _require_staff(actor)
    model = type(line)
    unknown = set(changes) - {*line_fields(model), "financial_year"}
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    line.financial_year.ensure_editable()
    if "financial_year" in changes:
        changes["financial_year"].ensure_editable()
    before = snapshot(line, changes)
    for field, value in changes.items():
        setattr(line, field, value)
    line.full_clean()
    line.save(update_fields=list(changes))
    _audited(
        actor=actor,
        verb=f"{model.audit_name}.update",
        target=line,
        before=before,
        after=snapshot(line, changes),
    )
    return line


@transaction.atomic
def line_delete(*, line, actor):
    """Delete a line of a draft year. Staff only. Records `<line>.delete` with what it held."""
    _require_staff(actor)
    line.financial_year.ensure_editable()
    model = type(line)
    _audited(
        actor=actor,
        verb=f"{model.audit_name}.delete",
        target=line,
        before={
            "financial_year": line.financial_year.year,
            **snapshot(line, line_fields(model)),
        },
    )
    line.delete()


@transaction.atomic
def line_amend(*, line, actor, amount, reason, made_on=None):
    """Correct the amount of a line in a published year.

    The correction is kept as an Amendment (date, reason, amount before and after, in the
    line's currency) that the public year page lists. Staff only. Records `<line>.amend`.
    """
    _require_staff(actor)
    model = type(line)
    line = model.objects.select_for_update().select_related("financial_year").get(pk=line.pk)
    financial_year = line.financial_year
    if not financial_year.is_published:
        raise InvalidTransition(
            _("The financial year %(year)s is not published yet: edit the figures directly.")
            % {"year": financial_year.year}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the amount is corrected.")})
    before = line.amount
    line.amount = amount
    line.full_clean()
    if line.amount == before:
        raise ValidationError({"amount": _("The new amount is the same as the old one.")})
    made_on = made_on or timezone.localdate()
    if made_on > timezone.localdate():
        raise ValidationError({"made_on": _("The date cannot be in the future.")})
    amendment = Amendment(
        financial_year=financial_year,
        made_on=made_on,
        reason=reason,
        amount_before=before,
        amount_after=line.amount,
        currency=line.currency,
        **{model.audit_name: line},
    )
    amendment.full_clean()
    amendment.save()
    line.save(update_fields=["amount"])
    _audited(
        actor=actor,
        verb=f"{model.audit_name}.amend",
        target=line,
        before={"amount": before},
        after={"amount": line.amount, "reason": reason, "made_on": made_on},
    )
    return amendment


# Annual reports


@transaction.atomic
def annual_report_add(*, financial_year, actor, language, title, file, published_on=None):
    """Attach the annual report (a PDF) of a year in one language; allowed after publication,
    since reports often come later. Staff only. Records `annual_report.add`."""
    _require_staff(actor)
    report = AnnualReport(
        financial_year=financial_year,
        language=language,
        title=title,
        file=file,
        published_on=published_on or timezone.localdate(),
    )
    report.full_clean()
    report.save()
    _audited(
        actor=actor,
        verb="annual_report.add",
        target=report,
        after={
            "financial_year": financial_year.year,
            **snapshot(report, ["language", "title", "file", "published_on"]),
        },
    )
    return report


@transaction.atomic
def annual_report_update(*, report, actor, **changes):
    """Change an annual report's title, file, language or date. Staff only. Records
    `annual_report.update`."""
    _require_staff(actor)
    unknown = set(changes) - {"language", "title", "file", "published_on"}
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    before = snapshot(report, changes)
    for field, value in changes.items():
        setattr(report, field, value)
    report.full_clean()
    report.save(update_fields=list(changes))
    _audited(
        actor=actor,
        verb="annual_report.update",
        target=report,
        before=before,
        after=snapshot(report, changes),
    )
    return report


@transaction.atomic
def annual_report_remove(*, report, actor):
    """Remove an annual report (the file stays in storage). Staff only. Records
    `annual_report.remove`."""
    _require_staff(actor)
    _audited(
        actor=actor,
        verb="annual_report.remove",
        target=report,
        before=snapshot(report, ["language", "title", "file", "published_on"]),
    )
    report.delete()


# Importing transactions from a spreadsheet

IMPORT_COLUMNS = (
    "type",
    "year",
    "date",
    "amount",
    "currency",
    "funder",
    "network",
    "category",
    "theme",
    "description",
    "reference",
    "restricted",
)
IMPORT_REQUIRED = ("type", "year", "amount", "currency")
IMPORT_TYPES = {
    "income": Grant,
    "budget": BudgetLine,
    "expenditure": ExpenditureLine,
    "sub-grant": SubGrant,
}
AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def _parse_import_row(row):
    """The model and the fields of one spreadsheet row; every problem found, at once."""
    cell = {column: (row.get(column) or "").strip() for column in IMPORT_COLUMNS}
    problems = []
    kind = cell["type"].lower()
    model = IMPORT_TYPES.get(kind)
    if model is None:
        problems.append(
            _("Unknown type “%(type)s”: use income, budget, expenditure or sub-grant.")
            % {"type": cell["type"]}
        )
    fields = {}
    financial_year = None
    if not cell["year"].isdigit():
        problems.append(_("The year must be a number like 2024."))
    else:
        financial_year = FinancialYear.objects.filter(year=int(cell["year"])).first()
        if financial_year is None:
            problems.append(
                _("There is no financial year %(year)s: open it in the admin first.")
                % {"year": cell["year"]}
            )
    if AMOUNT.match(cell["amount"]):
        fields["amount"] = Decimal(cell["amount"])
    else:
        problems.append(
            _(
                "“%(amount)s” is not an amount: write it with a point and no separators, like "
                "1250.50."
            )
            % {"amount": cell["amount"]}
        )
    fields["currency"] = cell["currency"].upper()
    if model in (Grant, SubGrant):
        try:
            fields[model.date_field] = date.fromisoformat(cell["date"])
        except ValueError:
            problems.append(_("The date must be written like 2024-03-31."))
        fields["purpose"] = cell["description"]
        fields["reference"] = cell["reference"]
    if model is Grant:
        fields["funder"] = Funder.objects.filter(name__iexact=cell["funder"]).first() or (
            Funder.objects.filter(identifier=cell["funder"]).exclude(identifier="").first()
        )
        if fields["funder"] is None:
            problems.append(
                _("No funder is called “%(funder)s”: add it in the admin first.")
                % {"funder": cell["funder"]}
            )
        if cell["restricted"].lower() in YES | NO:
            fields["restricted"] = cell["restricted"].lower() in YES
        else:
            problems.append(_("Restricted must be yes or no."))
    if cell["network"] or model is SubGrant:
        network = Network.objects.filter(slug=cell["network"].lower()).first()
        if network is None:
            problems.append(
                _("No network has the slug “%(network)s”.") % {"network": cell["network"]}
            )
        fields["network"] = network
    if model in (BudgetLine, ExpenditureLine):
        category = cell["category"].lower().replace("-", "_")
        if category not in Category.values:
            problems.append(
                _("Unknown category “%(category)s”: use one of %(categories)s.")
                % {"category": cell["category"], "categories": ", ".join(Category.values)}
            )
        fields["category"] = category
        fields["description"] = cell["description"]
        if cell["theme"]:
            fields["theme"] = Term.objects.filter(
                vocabulary=Term.Vocabulary.THEME, code=cell["theme"].lower()
            ).first()
            if fields["theme"] is None:
                problems.append(_("Unknown theme “%(theme)s”.") % {"theme": cell["theme"]})
    if problems:
        raise ValidationError([str(problem) for problem in problems])
    return model, financial_year, fields


@transaction.atomic
def transaction_import_row(*, actor, row):
    """Create one grant, budget line, expenditure line or sub-grant from a spreadsheet row.

    `row` maps IMPORT_COLUMNS to text. Staff or the system (actor None, the command line)
    only; the year must be a draft. Raises ValidationError with plain sentences, or YearFrozen,
    for a row it refuses, and writes nothing for it. Records `<line>.create`.
    """
    if actor is not None:
        _require_staff(actor)
    model, financial_year, fields = _parse_import_row(row)
    return _line_create(model, actor=actor, financial_year=financial_year, **fields)


def import_error_text(error):
    """A ValidationError as one line of a report: "field: message; field: message"."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)
