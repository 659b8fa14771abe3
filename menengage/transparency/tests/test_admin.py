from decimal import Decimal

import pytest

from menengage.core.models import AuditEvent
from menengage.transparency.models import Amendment, FinancialYear, Grant

from .builders import YEAR

ADMIN = "/django-admin/transparency"


def grant_form(financial_year, funder, **overrides):
    return {
        "financial_year": financial_year.pk,
        "funder": funder.pk,
        "reference": "",
        "purpose": "Programme grant",
        "amount": "1200",
        "currency": "USD",
        "received_on": f"{YEAR}-02-01",
        **overrides,
    }


@pytest.mark.django_db
def test_outsider_cannot_reach_the_finance_admin(client, outsider, draft_year):
    client.force_login(outsider)
    response = client.get(f"{ADMIN}/grant/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_add_a_grant_through_the_admin_and_it_is_audited(client, staff, draft_year, funders):
    client.force_login(staff)
    response = client.post(f"{ADMIN}/grant/add/", grant_form(draft_year, funders["riverbend"]))
    assert response.status_code == 302
    grant = Grant.objects.get(purpose="Programme grant", amount=Decimal("1200"))
    event = AuditEvent.objects.get(verb="grant.create", target_id=str(grant.pk))
    assert event.actor == staff


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": "-5"}, "Amounts must be positive."),
        ({"received_on": f"{YEAR + 1}-01-01"}, "The date must fall within"),
        ({"currency": "XYZ"}, "Select a valid choice"),
    ],
)
def test_admin_refuses_invalid_input_and_writes_nothing(
    client, staff, draft_year, funders, overrides, message
):
    client.force_login(staff)
    before = (Grant.objects.count(), AuditEvent.objects.count())
    response = client.post(
        f"{ADMIN}/grant/add/", grant_form(draft_year, funders["riverbend"], **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Grant.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_admin_refuses_a_new_line_in_a_published_year(client, staff, published_year, funders):
    client.force_login(staff)
    response = client.post(f"{ADMIN}/grant/add/", grant_form(published_year, funders["riverbend"]))
    assert response.status_code == 200
    assert "is published and its figures are frozen" in response.content.decode()
    assert published_year.grants.count() == 2


@pytest.mark.django_db
def test_editing_a_published_amount_in_the_admin_records_an_amendment(
    client, staff, published_year
):
    client.force_login(staff)
    grant = published_year.grants.get(currency="USD")
    url = f"{ADMIN}/grant/{grant.pk}/change/"
    assert "Reason for the amendment" in client.get(url).content.decode()
    refused = client.post(url, {"amount": "1000.00", "reason": "No change"})
    assert refused.status_code == 200
    assert not Amendment.objects.exists()
    response = client.post(url, {"amount": "1100", "reason": "Late instalment."})
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.grant, amendment.amount_after, amendment.reason) == (
        grant,
        Decimal("1100.00"),
        "Late instalment.",
    )
    assert AuditEvent.objects.filter(verb="grant.amend", actor=staff).count() == 1


@pytest.mark.django_db
def test_publishing_from_the_admin(client, staff, draft_year):
    client.force_login(staff)
    response = client.post(
        f"{ADMIN}/financialyear/",
        {"action": "publish", "_selected_action": [draft_year.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert FinancialYear.objects.get(pk=draft_year.pk).is_published
    assert AuditEvent.objects.filter(verb="financial_year.publish", actor=staff).exists()


@pytest.mark.django_db
def test_every_finance_admin_page_opens(client, staff, published_year):
    client.force_login(staff)
    grant = published_year.grants.first()
    for model in (
        "financialyear",
        "funder",
        "exchangerate",
        "grant",
        "budgetline",
        "expenditureline",
        "subgrant",
        "amendment",
        "annualreport",
    ):
        assert client.get(f"{ADMIN}/{model}/").status_code == 200, model
    for model in ("financialyear", "funder", "exchangerate", "grant", "subgrant", "annualreport"):
        assert client.get(f"{ADMIN}/{model}/add/").status_code == 200, model
    assert client.get(f"{ADMIN}/financialyear/{published_year.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}/grant/{grant.pk}/delete/").status_code == 403
