"""Moving a financial year's titles and summaries, and budget and spending lines' descriptions,
into translated fields loses no text: every value before is in the new field after (empty ones
left out)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("transparency", "0002_text_length_limits")
CODES = ("en", "es", "fr", "pt")
ROWS = [
    {"title_en": "Our finances", "title_es": "Nuestras finanzas", "summary_fr": "Nos comptes."},
    {"title_pt": "Só em português", "summary_pt": "Resumo.", "summary_en": "  "},
    {},
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_title_and_summary_is_the_same_after_the_migration():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([BEFORE])
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([BEFORE]).apps
    old = old_apps.get_model("transparency", "FinancialYear")
    for number, texts in enumerate(ROWS):
        year = 2000 + number
        old.objects.create(
            year=year,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            **texts,
        )
    expected = {
        (row.pk, field): {
            code: getattr(row, f"{field}_{code}")
            for code in CODES
            if getattr(row, f"{field}_{code}").strip()
        }
        for row in old.objects.all()
        for field in ("title", "summary")
    }
    assert any(len(texts) > 1 for texts in expected.values())
    first = old.objects.order_by("year").first()
    descriptions = {}
    for model_name in ("BudgetLine", "ExpenditureLine"):
        line = old_apps.get_model("transparency", model_name).objects.create(
            financial_year=first,
            category="secretariat",
            amount=Decimal("10.00"),
            currency="USD",
            description=f"Rent ({model_name})",
        )
        descriptions[(model_name, line.pk)] = {"en": f"Rent ({model_name})"}

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    executor.loader.build_graph()
    new_apps = executor.loader.project_state(latest).apps
    new = new_apps.get_model("transparency", "FinancialYear")
    found = {
        (row.pk, field): getattr(row, field).as_dict()
        for row in new.objects.all()
        for field in ("title", "summary")
    }
    assert found == expected
    assert {
        (model_name, line.pk): line.description.as_dict()
        for model_name in ("BudgetLine", "ExpenditureLine")
        for line in new_apps.get_model("transparency", model_name).objects.all()
    } == descriptions
