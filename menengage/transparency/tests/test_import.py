import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from menengage.core.models import AuditEvent
from menengage.transparency import services
from menengage.transparency.models import BudgetLine, Grant, SubGrant

from .builders import YEAR

HEADER = (
    "type,year,date,amount,currency,funder,network,category,theme,description,reference,"
    "restricted\n"
)
GOOD = (
    f"income,{YEAR},{YEAR}-04-01,2500.50,EUR,Riverbend Foundation,,,,Core support,IN-7,yes\n"
    f"budget,{YEAR},,12000,USD,,africa,programmes,violence-prevention,Groups with fathers,,\n"
    f"expenditure,{YEAR},,900,SEK,,,secretariat,,Office rent,,\n"
    f"sub-grant,{YEAR},{YEAR}-05-02,3000,USD,,kenya,,,Community dialogues,SG-1,\n"
)
BAD = (
    f"income,{YEAR},{YEAR}-04-01,-10,USD,Riverbend Foundation,,,,Negative,,no\n"
    f"income,{YEAR},{YEAR + 1}-01-05,10,USD,Riverbend Foundation,,,,Next year,,no\n"
    f"income,{YEAR},{YEAR}-04-01,10,XYZ,Riverbend Foundation,,,,Unknown currency,,no\n"
    f"income,{YEAR},{YEAR}-04-01,10,USD,Nobody Trust,,,,Unknown funder,,no\n"
    f"expenditure,{YEAR},,10,USD,,,sub_grants,,Counted twice,,\n"
    f'income,{YEAR},{YEAR}-04-01,"1,000",USD,Riverbend Foundation,,,,Comma,,no\n'
    f"gift,{YEAR},{YEAR}-04-01,10,USD,,,,,Unknown type,,\n"
)


def run(tmp_path, text, *args):
    path = tmp_path / "transactions.csv"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import-transactions", str(path), *args, stdout=out)
    return out.getvalue()


def report(output):
    return [line for line in output.splitlines() if line.startswith("row ")]


@pytest.fixture
def year(staff, funders):
    return services.year_create(actor=staff, year=YEAR)


@pytest.mark.django_db
def test_dry_run_reports_every_row_and_writes_nothing(tmp_path, year):
    before = AuditEvent.objects.count()
    output = run(tmp_path, HEADER + GOOD + BAD)
    lines = report(output)
    assert lines[:4] == [
        "row 2: created (income 2500.50 EUR)",
        "row 3: created (budget 12000.00 USD)",
        "row 4: created (expenditure 900.00 SEK)",
        "row 5: created (sub-grant 3000.00 USD)",
    ]
    assert "Dry run: 4 created, 7 rejected." in output
    assert not Grant.objects.exists() and not BudgetLine.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_each_rejected_row_says_why(tmp_path, year):
    lines = report(run(tmp_path, HEADER + BAD))
    expected = [
        "row 2: rejected: amount: Amounts must be positive.",
        "row 3: rejected: received_on: The date must fall within the financial year",
        "row 4: rejected: currency: XYZ is not a known ISO 4217 currency code.",
        "row 5: rejected: No funder is called “Nobody Trust”",
        "row 6: rejected: category: Record money given to networks as a sub-grant",
        "row 7: rejected: “1,000” is not an amount",
        "row 8: rejected: Unknown type “gift”",
    ]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line


@pytest.mark.django_db
def test_commit_writes_the_valid_rows_and_audits_them_as_the_system(tmp_path, year):
    output = run(tmp_path, HEADER + GOOD + BAD, "--commit")
    assert "Committed: 4 created, 7 rejected." in output
    grant = Grant.objects.get()
    assert (grant.amount, grant.currency, grant.restricted, grant.reference) == (
        Decimal("2500.50"),
        "EUR",
        True,
        "IN-7",
    )
    assert SubGrant.objects.get().network.slug == "kenya"
    assert BudgetLine.objects.get().theme.code == "violence-prevention"
    event = AuditEvent.objects.get(verb="grant.create", target_id=str(grant.pk))
    assert event.actor_label == "system"
    # The same file again: references already used are refused.
    again = report(run(tmp_path, HEADER + GOOD, "--commit"))
    assert again[0].startswith("row 2: rejected") and again[3].startswith("row 5: rejected")


@pytest.mark.django_db
def test_a_published_year_refuses_imports(tmp_path, staff, year):
    services.exchange_rate_set(financial_year=year, actor=staff, currency="EUR", rate=1, source="x")
    services.year_publish(financial_year=year, actor=staff)
    lines = report(run(tmp_path, HEADER + GOOD.splitlines(keepends=True)[0], "--commit"))
    assert lines == [
        f"row 2: rejected: The financial year {YEAR} is published and its figures are frozen: "
        "record a correction as an amendment."
    ]
    assert not Grant.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_required_columns_is_refused(tmp_path, year):
    with pytest.raises(CommandError, match="no amount, currency column"):
        run(tmp_path, "type,year\nincome,2023\n")
    with pytest.raises(CommandError, match="not UTF-8"):
        path = tmp_path / "latin1.csv"
        path.write_bytes("type,year,amount,currency\nincome,2023,1,EUR\u00e9\n".encode("latin-1"))
        call_command("import-transactions", str(path), stdout=io.StringIO())
