"""The migrations that replace `<field>_en/_es/_fr/_pt` columns by one translated field lose
no text: every value before is in the new field after, and empty ones are left out.

One round for the whole project: the database starts just before every app's translation
migration (menengage.testing.translations_start: reached forwards from an empty database, and
kept by the test databases' build, which passes through it), rows are written in that old
schema, and one forward migration to the latest state carries them all.

It runs on both databases: the migrations copy the columns with `bulk_update` (a CASE over JSON
values, written differently by each backend), SQLite remakes each table for every column
dropped where PostgreSQL alters it, and the library's index is filled again with each backend's
own search (FTS5 or tsvector)."""

import contextlib
import datetime
import os
import shutil
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from menengage.library import search
from menengage.testing import database, translations_start

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


def _kenya_id(apps):
    return apps.get_model("networks", "Network").objects.get(slug="kenya").pk


def _user(apps):
    user, _ = apps.get_model("accounts", "User").objects.get_or_create(
        email="m@example.org", defaults={"password": "!"}
    )
    return user


def _events(apps):
    Event = apps.get_model("events", "Event")
    Session = apps.get_model("events", "Session")
    start = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    event = Event.objects.create(
        slug="webinar",
        title="Webinar",
        title_es="Seminario web",
        description_en="An hour.",
        description_fr="Une heure.",
        kind="webinar",
        mode="online",
        starts_at=start,
        ends_at=start,
        network_id=_kenya_id(apps),
    )
    Session.objects.create(event=event, title="Opening", starts_at=start, ends_at=start)


def _members(apps):
    apps.get_model("members", "FrameworkDocument").objects.create(
        kind="core-principles",
        version="9",
        in_force_from=datetime.date(2020, 1, 1),
        text_en="Be kind.",
        text_pt="Seja gentil.",
        summary_en="New.",
    )
    apps.get_model("members", "Organisation").objects.create(
        name="Forum", slug="forum", kind="ngo", country_id="KE", description="Fathers."
    )


def _communications(apps):
    apps.get_model("communications", "NewsletterIssue").objects.create(
        topic="news",
        author=_user(apps),
        subject_en="Meet a member",
        text_en="Stories.",
        subject_fr="Rencontre",
        text_fr="Histoires.",
    )


def _library(apps):
    Resource = apps.get_model("library", "Resource")
    rows = [
        {"title_en": "Caring fathers", "title_es": "Padres que cuidan", "summary_fr": "Des pères."},
        {"title_pt": "Só em português", "summary_pt": "Resumo.", "summary_en": "  "},
        {"title_fr": "Pères", "title_es": "Padres", "title_en": "Fathers", "summary_es": "Sí."},
    ]
    for number, texts in enumerate(rows):
        published_on = datetime.date(2020, 1, number + 1)
        Resource.objects.create(kind="report", published_on=published_on, **texts)


def _transparency(apps):
    FinancialYear = apps.get_model("transparency", "FinancialYear")
    rows = [
        {"title_en": "Our finances", "title_es": "Nuestras finanzas", "summary_fr": "Nos comptes."},
        {"title_pt": "Só em português", "summary_pt": "Resumo.", "summary_en": "  "},
        {},
    ]
    for number, texts in enumerate(rows):
        year = 2000 + number
        FinancialYear.objects.create(
            year=year,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            **texts,
        )
    first = FinancialYear.objects.order_by("year").first()
    for model_name in ("BudgetLine", "ExpenditureLine"):
        apps.get_model("transparency", model_name).objects.create(
            financial_year=first,
            category="secretariat",
            amount=Decimal("10.00"),
            currency="USD",
            description=f"Rent ({model_name})",
        )


def _governance(apps):
    body = apps.get_model("governance", "Body").objects.create(
        network_id=_kenya_id(apps),
        kind="board",
        name="Board",
        slug="board",
        description="Decides.",
    )
    apps.get_model("governance", "Proposal").objects.create(
        body=body,
        title="Meet",
        text="In Kigali.",
        opened_by=_user(apps),
        closes_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
    )


# (app, {model: translated fields}, what writes rows in the old schema besides the reference
# data), in the order of translations_start.BEFORE, which names each app's migration before.
CASES = [
    (
        "networks",
        {"network": ("name", "summary")},
        _networks,
    ),
    (
        "declarations",
        {
            "declaration": ("title", "summary"),
            "declarationversion": ("text",),
            "commitment": ("text",),
        },
        _declarations,
    ),
    (
        "activities",
        {"workinggroup": ("name", "description")},
        _activities,
    ),
    ("core", {"country": ("name",), "term": ("name",)}, None),
    (
        "events",
        {"event": ("title", "description"), "session": ("title",)},
        _events,
    ),
    (
        "members",
        {"frameworkdocument": ("text", "summary"), "organisation": ("description",)},
        _members,
    ),
    (
        "communications",
        {"newsletterissue": ("subject", "text"), "announcement": ("subject", "text")},
        _communications,
    ),
    (
        "governance",
        {"body": ("name", "description"), "proposal": ("title", "text")},
        _governance,
    ),
    ("library", {"resource": ("title", "summary")}, _library),
    (
        "transparency",
        {
            "financialyear": ("title", "summary"),
            "budgetline": ("description",),
            "expenditureline": ("description",),
        },
        _transparency,
    ),
]
# Later migrations translate the reference data into languages the old columns never had
# (Arabic and Swahili country names): there, what the columns held must be kept, unchanged.
GAINS_LANGUAGES = {"core"}


def _old_values(apps, app, models):
    values = {}
    for model_name, fields in models.items():
        model = apps.get_model(app, model_name)
        for row in model.objects.all():
            for field in fields:
                texts = {code: getattr(row, f"{field}_{code}", "") for code in CODES}
                if not hasattr(row, f"{field}_en"):
                    # One column in the original language (English) before the migration.
                    texts["en"] = getattr(row, field)
                values[(app, model_name, row.pk, field)] = {
                    code: text for code, text in texts.items() if text and text.strip()
                }
    return values


def _new_values(apps, app, models):
    values = {}
    for model_name, fields in models.items():
        for row in apps.get_model(app, model_name).objects.all():
            for field in fields:
                texts = getattr(row, field).as_dict()
                if app in GAINS_LANGUAGES:
                    texts = {code: text for code, text in texts.items() if code in CODES}
                values[(app, model_name, row.pk, field)] = texts
    return values


def _state_of_the_database(executor):
    """The state of the models as the tables are now: every applied migration, in every app (the
    state at the targets alone would describe other apps as older than their tables). Rendered
    once and handed to the forward migration, which carries it on: rendering this project's
    models costs seconds each time."""
    graph = executor.loader.graph
    # Squashed migrations' replaced ones are recorded as applied but are no nodes of the graph.
    applied = [key for key in executor.loader.applied_migrations if key in graph.nodes]
    return executor.loader.project_state(applied)


BEFORES = list(translations_start.BEFORE)


@contextlib.contextmanager
def _sqlite_before():
    key = database.schema_key(connection.settings_dict["ENGINE"])
    copy = database.sqlite_private_copy(database.sqlite_translations_start(key))
    try:
        yield str(copy)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


@contextlib.contextmanager
def _postgres_before():
    server = connection.settings_dict
    start = database.postgres_translations_start(server, database.schema_key(server["ENGINE"]))
    name = f"test_translations_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with database.admin_connection(server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{start}"')
    try:
        yield name
    finally:
        with database.admin_connection(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.slow(30)
def test_every_translated_value_is_the_same_after_the_migrations(django_db_blocker):
    assert [app for app, _models, _make in CASES] == [app for app, _before in BEFORES]
    with django_db_blocker.unblock():
        before = _postgres_before if connection.vendor == "postgresql" else _sqlite_before
        with before() as name, database.connected_to(name):
            _check_the_translation_migrations()


def _check_the_translation_migrations():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    state = _state_of_the_database(executor)
    old_apps = state.apps
    for _app, _models, make in CASES:
        if make:
            make(old_apps)
    applied = executor.loader.applied_migrations
    assert all(before in applied for before in BEFORES)
    assert not any(
        child.key in applied
        for before in BEFORES
        for child in executor.loader.graph.node_map[before].children
        if child.key[0] == before[0]
    ), "every app concerned is at its state just before its translation migration"
    expected = {}
    for app, models, _make in CASES:
        found = _old_values(old_apps, app, models)
        assert found and any(found.values()), f"{app} has translated text to carry"
        expected.update(found)
    assert any(len(texts) > 1 for texts in expected.values())

    # Forwards from the rendered state (the migration changes it, and `old_apps`, as it goes).
    new_apps = executor.migrate(latest, state=state).apps
    found = {}
    for app, models, _make in CASES:
        found.update(_new_values(new_apps, app, models))
    assert found == expected
    # The library's index was filled again from the translated fields.
    assert len(search.candidates("padres")) == 2
    assert len(search.candidates("português")) == 1
