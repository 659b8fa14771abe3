"""IATI 2.03 XML for the published years, built with ElementTree from the same YearReports as
the pages.

- The organisation file has, per year, the total budget (with a line per category), the budget
  per recipient country (lines for a country network's work), the total expenditure (with a
  line per category) and the annual reports as document links.
- The activity file has one activity per year, `<organisation identifier>-<year>`: its funders
  as participating organisations (role 1, Funding), the money received as incoming funds
  (transaction type 1) and the sub-grants to networks as disbursements (type 3).

Values are in US dollars, the reporting currency, as on the page; a transaction's description
keeps its original amount, currency and rate. The rules the schema does not check hold by
construction: a budget period is the financial year (at most a year, start before end),
transaction dates are never in the future (services refuse them) and identifiers have no
spaces (the setting is checked here, funder identifiers and references by their validators).
"""

import mimetypes
import xml.etree.ElementTree as ET  # noqa: S405 - building XML, never parsing it
from datetime import UTC

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation

from menengage.core.translation import site_languages

from .models import REPORTING_CURRENCY, Funder
from .templatetags.transparency_tags import format_amount

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The language of narratives without xml:lang: the site's default one.
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
ORGANISATION_TYPE_INGO = "21"
ORGANISATION_NAMES = {
    "en": "MenEngage Alliance",
    "es": "Alianza MenEngage",
    "fr": "Alliance MenEngage",
    "pt": "Aliança MenEngage",
}
# IATI OrganisationType codes.
FUNDER_TYPES = {
    Funder.Kind.GOVERNMENT: "10",
    Funder.Kind.MULTILATERAL: "40",
    Funder.Kind.FOUNDATION: "60",
    Funder.Kind.INGO: "21",
    Funder.Kind.INDIVIDUALS: "90",
    Funder.Kind.MEMBERS: "90",
}
NETWORK_TYPES = {"regional": "23", "country": "22"}
ROLE_FUNDING, ROLE_IMPLEMENTING = "1", "4"
TRANSACTION_INCOMING_FUNDS, TRANSACTION_DISBURSEMENT = "1", "3"
BUDGET_ORIGINAL, BUDGET_COMMITTED = "1", "2"
DOCUMENT_ANNUAL_REPORT = "B01"
STATUS_IMPLEMENTATION, STATUS_CLOSED = "2", "4"
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
SCOPE_GLOBAL = "1"


def organisation_identifier():
    """The Alliance's IATI identifier from the settings; it may not contain spaces."""
    identifier = settings.IATI_ORGANISATION_IDENTIFIER.strip()
    if not identifier or any(character.isspace() for character in identifier):
        raise ImproperlyConfigured(
            "IATI_ORGANISATION_IDENTIFIER must be a non-empty identifier without spaces."
        )
    return identifier


def activity_identifier(financial_year):
    return f"{organisation_identifier()}-{financial_year.year}"


def _narratives(parent, texts):
    """A narrative per language with text (the site's languages first, in settings order); the
    default language goes without xml:lang."""
    order = {code: index for index, code in enumerate(site_languages())}
    for language, text in sorted(texts.items(), key=lambda item: order.get(item[0], len(order))):
        if text:
            narrative = ET.SubElement(parent, "narrative")
            narrative.text = str(text)
            if language != DEFAULT_LANGUAGE:
                narrative.set(XML_LANG, language)


def _in_every_language(label):
    """An interface label in each site language it is translated into: a language whose
    catalogue lacks it would show the default language's words marked as its own."""
    texts = {}
    for language in site_languages():
        with translation.override(language):
            texts[language] = str(label)
    default = texts.get(DEFAULT_LANGUAGE) or str(label)
    return {DEFAULT_LANGUAGE: default} | {
        code: text for code, text in texts.items() if text != default
    }


def _value(parent, amount, value_date, name="value"):
    value = ET.SubElement(
        parent, name, {"currency": REPORTING_CURRENCY, "value-date": value_date.isoformat()}
    )
    value.text = f"{amount:.2f}"
    return value


def _period(parent, financial_year):
    ET.SubElement(parent, "period-start", {"iso-date": financial_year.starts_on.isoformat()})
    ET.SubElement(parent, "period-end", {"iso-date": financial_year.ends_on.isoformat()})


def _reporting_org(parent, identifier):
    reporting = ET.SubElement(
        parent, "reporting-org", {"ref": identifier, "type": ORGANISATION_TYPE_INGO}
    )
    _narratives(reporting, {DEFAULT_LANGUAGE: ORGANISATION_NAMES[DEFAULT_LANGUAGE]})


def _serialise(root):
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _last_updated(report):
    moments = [report.financial_year.published_at]
    moments += [amendment.recorded_at for amendment in report.amendments]
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def _datetime(moment):
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


# Organisation file


def organisation_file(*, reports, base_url, generated_at):
    """The organisation file (bytes) for the given published years' reports."""
    identifier = organisation_identifier()
    root = ET.Element("iati-organisations", {"version": VERSION})
    root.set("generated-datetime", _datetime(generated_at))
    organisation = ET.SubElement(
        root,
        "iati-organisation",
        {XML_LANG: DEFAULT_LANGUAGE, "default-currency": REPORTING_CURRENCY},
    )
    updated = [moment for moment in map(_last_updated, reports) if moment]
    if updated:
        organisation.set("last-updated-datetime", _datetime(max(updated)))
    ET.SubElement(organisation, "organisation-identifier").text = identifier
    _narratives(ET.SubElement(organisation, "name"), ORGANISATION_NAMES)
    _reporting_org(organisation, identifier)
    for report in reports:
        _total_budget(organisation, report)
    for report in reports:
        _country_budgets(organisation, report)
    for report in reports:
        _total_expenditure(organisation, report)
    for report in reports:
        for annual_report in report.annual_reports:
            _document_link(organisation, annual_report, base_url)
    return _serialise(root)


def _total_budget(parent, report):
    financial_year = report.financial_year
    budget = ET.SubElement(parent, "total-budget", {"status": BUDGET_COMMITTED})
    _period(budget, financial_year)
    _value(budget, report.totals.budget, financial_year.starts_on)
    for row in report.by_category:
        if row.budget:
            line = ET.SubElement(budget, "budget-line", {"ref": row.key})
            _value(line, row.budget, financial_year.starts_on)
            _narratives(line, _in_every_language(row.label))


def _country_budgets(parent, report):
    financial_year = report.financial_year
    for country, amount in report.country_budgets:
        budget = ET.SubElement(parent, "recipient-country-budget", {"status": BUDGET_COMMITTED})
        recipient = ET.SubElement(budget, "recipient-country", {"code": country.code})
        _narratives(recipient, _every_translation(country.name))
        _period(budget, financial_year)
        _value(budget, amount, financial_year.starts_on)


def _total_expenditure(parent, report):
    financial_year = report.financial_year
    expenditure = ET.SubElement(parent, "total-expenditure")
    _period(expenditure, financial_year)
    _value(expenditure, report.totals.expenditure, financial_year.starts_on)
    for row in report.by_category:
        if row.actual:
            line = ET.SubElement(expenditure, "expense-line", {"ref": row.key})
            _value(line, row.actual, financial_year.starts_on)
            _narratives(line, _in_every_language(row.label))


def _document_link(parent, annual_report, base_url):
    url = base_url.rstrip("/") + annual_report.get_absolute_url()
    file_format = mimetypes.guess_type(annual_report.file.name)[0] or "application/pdf"
    link = ET.SubElement(parent, "document-link", {"format": file_format, "url": url})
    _narratives(ET.SubElement(link, "title"), {annual_report.language: annual_report.title})
    ET.SubElement(link, "category", {"code": DOCUMENT_ANNUAL_REPORT})
    ET.SubElement(link, "language", {"code": annual_report.language})
    ET.SubElement(link, "document-date", {"iso-date": annual_report.published_on.isoformat()})


# Activity file


def activities_file(*, reports, generated_at, today=None):
    """The activity file (bytes): one activity per published year. IATI requires at least
    one activity, so callers check that `reports` is not empty."""
    if not reports:
        raise ValueError("An IATI activity file needs at least one activity.")
    today = today or timezone.localdate()
    identifier = organisation_identifier()
    root = ET.Element("iati-activities", {"version": VERSION})
    root.set("generated-datetime", _datetime(generated_at))
    for report in reports:
        _activity(root, report, identifier, today)
    return _serialise(root)


def _every_translation(value):
    """A translated field's text in each site language it has: one narrative each."""
    return {code: value.get(code) for code in site_languages() if value.get(code)}


def _year_texts(financial_year, field, default):
    texts = _every_translation(getattr(financial_year, field))
    if not texts.get(DEFAULT_LANGUAGE):
        texts[DEFAULT_LANGUAGE] = str(default)
    return texts


def _activity(root, report, identifier, today):
    financial_year = report.financial_year
    activity = ET.SubElement(
        root,
        "iati-activity",
        {XML_LANG: DEFAULT_LANGUAGE, "default-currency": REPORTING_CURRENCY},
    )
    updated = _last_updated(report)
    if updated:
        activity.set("last-updated-datetime", _datetime(updated))
    ET.SubElement(activity, "iati-identifier").text = activity_identifier(financial_year)
    _reporting_org(activity, identifier)
    with translation.override(DEFAULT_LANGUAGE):
        default_title = str(financial_year.default_title)
        default_summary = (
            "The MenEngage Alliance's work with men and boys for gender justice in "
            f"{financial_year.year}: its funding, budget, spending and sub-grants to networks."
        )
    _narratives(
        ET.SubElement(activity, "title"), _year_texts(financial_year, "title", default_title)
    )
    _narratives(
        ET.SubElement(activity, "description", {"type": "1"}),
        _year_texts(financial_year, "summary", default_summary),
    )
    funders = {grant.funder.pk: grant.funder for grant in report.grants}
    for funder in sorted(funders.values(), key=lambda funder: funder.name):
        _organisation(activity, "participating-org", funder_of=funder, role=ROLE_FUNDING)
    implementing = ET.SubElement(
        activity,
        "participating-org",
        {"ref": identifier, "type": ORGANISATION_TYPE_INGO, "role": ROLE_IMPLEMENTING},
    )
    _narratives(implementing, {DEFAULT_LANGUAGE: ORGANISATION_NAMES[DEFAULT_LANGUAGE]})
    closed = financial_year.ends_on < today
    ET.SubElement(
        activity, "activity-status", {"code": STATUS_CLOSED if closed else STATUS_IMPLEMENTATION}
    )
    _activity_dates(activity, financial_year, today)
    ET.SubElement(activity, "activity-scope", {"code": SCOPE_GLOBAL})
    budget = ET.SubElement(activity, "budget", {"type": BUDGET_ORIGINAL, "status": "2"})
    _period(budget, financial_year)
    _value(budget, report.totals.budget, financial_year.starts_on)
    for grant in report.grants:
        _transaction(activity, grant, TRANSACTION_INCOMING_FUNDS, grant.received_on, identifier)
    for sub_grant in report.sub_grants:
        _transaction(
            activity, sub_grant, TRANSACTION_DISBURSEMENT, sub_grant.disbursed_on, identifier
        )


def _activity_dates(activity, financial_year, today):
    start, end = financial_year.starts_on, financial_year.ends_on
    ET.SubElement(activity, "activity-date", {"type": PLANNED_START, "iso-date": start.isoformat()})
    if start <= today:
        ET.SubElement(
            activity, "activity-date", {"type": ACTUAL_START, "iso-date": start.isoformat()}
        )
    ET.SubElement(activity, "activity-date", {"type": PLANNED_END, "iso-date": end.isoformat()})
    if end < today:
        ET.SubElement(activity, "activity-date", {"type": ACTUAL_END, "iso-date": end.isoformat()})


def _organisation(parent, name, *, funder_of=None, network=None, identifier=None, role=None):
    attributes = {}
    if funder_of is not None:
        if funder_of.identifier:
            attributes["ref"] = funder_of.identifier
        attributes["type"] = FUNDER_TYPES[funder_of.kind]
        names = {DEFAULT_LANGUAGE: funder_of.name}
    elif network is not None:
        attributes["type"] = NETWORK_TYPES.get(network.kind, ORGANISATION_TYPE_INGO)
        names = _every_translation(network.name)
    else:
        attributes.update(ref=identifier, type=ORGANISATION_TYPE_INGO)
        names = {DEFAULT_LANGUAGE: ORGANISATION_NAMES[DEFAULT_LANGUAGE]}
    if role:
        attributes["role"] = role
    element = ET.SubElement(parent, name, attributes)
    _narratives(element, names)
    return element


def _original(line):
    if line.currency == REPORTING_CURRENCY:
        return ""
    with translation.override(DEFAULT_LANGUAGE):
        return (
            f" (original amount {format_amount(line.amount)} {line.currency}, converted at "
            f"{format(line.rate.normalize(), 'f')} USD per {line.currency})"
        )


def _transaction(activity, line, code, day, identifier):
    attributes = {"ref": line.reference} if line.reference else {}
    transaction = ET.SubElement(activity, "transaction", attributes)
    ET.SubElement(transaction, "transaction-type", {"code": code})
    ET.SubElement(transaction, "transaction-date", {"iso-date": day.isoformat()})
    _value(transaction, line.amount_usd, day)
    _narratives(
        ET.SubElement(transaction, "description"),
        {DEFAULT_LANGUAGE: f"{line.purpose}{_original(line)}"},
    )
    if code == TRANSACTION_INCOMING_FUNDS:
        _organisation(transaction, "provider-org", funder_of=line.funder)
        _organisation(transaction, "receiver-org", identifier=identifier)
    else:
        _organisation(transaction, "provider-org", identifier=identifier)
        _organisation(transaction, "receiver-org", network=line.network)
