"""Moving titles and summaries into translated fields loses no text: every value before is in
the new field after (empty ones left out), and the search index finds them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from menengage.library import search

BEFORE = ("library", "0006_resource_facets_index")
CODES = ("en", "es", "fr", "pt")
ROWS = [
    {"title_en": "Caring fathers", "title_es": "Padres que cuidan", "summary_fr": "Des pères."},
    {"title_pt": "Só em português", "summary_pt": "Resumo.", "summary_en": "  "},
    {"title_fr": "Pères", "title_es": "Padres", "title_en": "Fathers", "summary_es": "Sí."},
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_title_and_summary_is_the_same_after_the_migration():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([BEFORE])
    executor.loader.build_graph()
    old = executor.loader.project_state([BEFORE]).apps.get_model("library", "Resource")
    for number, texts in enumerate(ROWS):
        old.objects.create(kind="report", published_on=datetime.date(2020, 1, number + 1), **texts)
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

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    executor.loader.build_graph()
    new = executor.loader.project_state(latest).apps.get_model("library", "Resource")
    found = {
        (row.pk, field): getattr(row, field).as_dict()
        for row in new.objects.all()
        for field in ("title", "summary")
    }
    assert found == expected
    # The index was filled again from the translated fields.
    assert len(search.candidates("padres")) == 2
    assert len(search.candidates("português")) == 1
