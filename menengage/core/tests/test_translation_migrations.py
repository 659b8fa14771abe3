"""The migrations that replace `<field>_en/_es/_fr/_pt` columns by one translated field lose
no text: every value before is in the new field after, and empty ones are left out."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# (app, migration before, migration after, model, translated fields, make rows before)
CODES = ("en", "es", "fr", "pt")


def _declarations(apps):
    Declaration = apps.get_model("declarations", "Declaration")
    Version = apps.get_model("declarations", "DeclarationVersion")
    Commitment = apps.get_model("declarations", "Commitment")
    rio = Declaration.objects.create(
        slug="rio-test", title_en="Rio Call", title_pt="Chamado do Rio", summary_fr="Résumé"
    )
    Version.objects.create(declaration=rio, number=1, text_en="One.\n\nTwo.", text_es="Uno.")
    Commitment.objects.create(declaration=rio, number=1, text_en="Act.", text_fr="Agir.")


def _networks(apps):
    Network = apps.get_model("networks", "Network")
    # The networks are reference data; give some summaries and a missing translation.
    kenya = Network.objects.get(slug="kenya")
    kenya.summary_en, kenya.summary_es, kenya.name_fr = "Kenya's network.", "La red.", ""
    kenya.save()


def _activities(apps):
    WorkingGroup = apps.get_model("activities", "WorkingGroup")
    WorkingGroup.objects.create(slug="care", name_en="Care", name_es="Cuidado", description_pt="P")


CASES = [
    (
        "networks",
        "0003_text_length_limits",
        {"network": ("name", "summary")},
        _networks,
    ),
    (
        "declarations",
        "0002_text_length_limits",
        {
            "declaration": ("title", "summary"),
            "declarationversion": ("text",),
            "commitment": ("text",),
        },
        _declarations,
    ),
    (
        "activities",
        "0002_text_length_limits",
        {"workinggroup": ("name", "description")},
        _activities,
    ),
    ("core", "0008_merge_attempts_outbox", {"country": ("name",), "term": ("name",)}, None),
]


def _old_values(apps, app, models):
    values = {}
    for model_name, fields in models.items():
        model = apps.get_model(app, model_name)
        for row in model.objects.all():
            for field in fields:
                texts = {code: getattr(row, f"{field}_{code}", "") for code in CODES}
                values[(model_name, row.pk, field)] = {
                    code: text for code, text in texts.items() if text and text.strip()
                }
    return values


@pytest.mark.parametrize(("app", "before", "models", "make"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_translated_value_is_the_same_after_the_migration(app, before, models, make):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([(app, before)])
    executor.loader.build_graph()
    old_apps = executor.loader.project_state([(app, before)]).apps
    if make:
        make(old_apps)
    expected = _old_values(old_apps, app, models)
    assert expected and any(len(texts) > 1 for texts in expected.values())

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    executor.loader.build_graph()
    new_apps = executor.loader.project_state(latest).apps
    found = {}
    for model_name, fields in models.items():
        for row in new_apps.get_model(app, model_name).objects.all():
            for field in fields:
                found[(model_name, row.pk, field)] = getattr(row, field).as_dict()
    assert found == expected
