"""The migrations that replace `<field>_en/_es/_fr/_pt` columns by one translated field lose
no text: every value before is in the new field after, and empty ones are left out.

One round for the whole project: every app concerned is migrated back to just before its
translation migration at once (which runs each one's reverse), rows are written in that old
schema, and one forward migration to the latest state carries them all.

The way back is the slow half (Django re-renders most of the project's models for each of the
hundred columns it puts back), and its result depends only on the migrations and on this file:
the database before the translation migrations, with its rows, is built once and kept in
var/test-cache/ (menengage.testing.database), keyed by the test database's key and this file,
so a changed migration or row builds it again. Each run copies it and migrates it forward, in a
database of its own: the worker's test database is left alone (no flush, no reload after)."""

import contextlib
import datetime
import hashlib
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from menengage.library import search
from menengage.testing import database

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


# (app, its migration just before the translation one, {model: translated fields}, what writes
# rows in the old schema besides the reference data)
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
    (
        "events",
        "0002_text_length_limits",
        {"event": ("title", "description"), "session": ("title",)},
        _events,
    ),
    (
        "members",
        "0005_text_length_limits",
        {"frameworkdocument": ("text", "summary"), "organisation": ("description",)},
        _members,
    ),
    (
        "communications",
        "0001_announcements_newsletter_digests",
        {"newsletterissue": ("subject", "text"), "announcement": ("subject", "text")},
        _communications,
    ),
    (
        "governance",
        "0002_text_length_limits",
        {"body": ("name", "description"), "proposal": ("title", "text")},
        _governance,
    ),
    ("library", "0006_resource_facets_index", {"resource": ("title", "summary")}, _library),
    (
        "transparency",
        "0002_text_length_limits",
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
    """The models as the tables are now: every applied migration, in every app (the state at
    the targets alone would describe other apps as older than their tables)."""
    executor.loader.build_graph()
    graph = executor.loader.graph
    # Squashed migrations' replaced ones are recorded as applied but are no nodes of the graph.
    applied = [key for key in executor.loader.applied_migrations if key in graph.nodes]
    return executor.loader.project_state(applied).apps


def _back_to(executor, targets):
    """Migrate back to every target at once, unapplying in the reverse of the forward order.
    The plan Django makes goes target by target, which can unapply one branch of an app before
    a later one (events' translated texts before its join URL): SQLite remakes the table from
    the state before each migration and would drop the newer column.

    Django works out the state before each migration to unapply by walking its whole forward
    plan, and from the first one to unapply on, re-renders the models after every migration in
    the plan, unapplied or not: most of the project's migrations, 90 s of this test. Here the
    migrations that stay come first in that walk (they are all the older ones: whatever depends
    on a migration to unapply is unapplied too), so the models are rendered once, then only for
    the migrations unapplied. Each state then holds every migration that stays, as the tables
    do."""
    forwards = [
        migration
        for migration, _backwards in executor.migration_plan(
            executor.loader.graph.leaf_nodes(), clean_start=True
        )
    ]
    unapplied = {migration for migration, _backwards in executor.migration_plan(targets)}
    walk = [m for m in forwards if m not in unapplied] + [m for m in forwards if m in unapplied]
    plan = [(migration, True) for migration in reversed(walk) if migration in unapplied]
    executor.recorder.ensure_schema()
    executor._migrate_all_backwards(plan, [(migration, False) for migration in walk], fake=False)
    executor.check_replacements()


BEFORES = [(app, before) for app, before, _models, _make in CASES]


def _write_old_rows():
    """Migrate the connected database back to just before the translation migrations and write
    rows in that schema: what the cache keeps."""
    executor = MigrationExecutor(connection)
    _back_to(executor, BEFORES)
    old_apps = _state_of_the_database(executor)
    for _app, _before, _models, make in CASES:
        if make:
            make(old_apps)


def _cache_key(engine):
    source = Path(__file__).read_bytes()
    return hashlib.sha256(database.schema_key(engine).encode() + source).hexdigest()[:16]


@contextlib.contextmanager
def _sqlite_before():
    engine = connection.settings_dict["ENGINE"]

    def build(partial):
        shutil.copyfile(database.sqlite_migrated(database.schema_key(engine)), partial)
        with database.connected_to(str(partial)):
            _write_old_rows()

    built = database.sqlite_cached("translations-sqlite", _cache_key(engine), build)
    copy = database.sqlite_private_copy(built)
    try:
        yield str(copy)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


@contextlib.contextmanager
def _postgres_before():
    server = connection.settings_dict
    engine, key = server["ENGINE"], _cache_key(server["ENGINE"])

    def build(partial):
        migrated = database.postgres_template(server, database.schema_key(engine))
        with database.admin_connection(server) as admin:
            admin.execute(f'CREATE DATABASE "{partial}" TEMPLATE "{migrated}"')
        with database.connected_to(partial):
            _write_old_rows()

    template = database.postgres_cached(
        server, f"menengage_translations_{key}", "translations-postgres", key, build
    )
    name = f"test_translations_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with database.admin_connection(server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:
        with database.admin_connection(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.slow(40)
def test_every_translated_value_is_the_same_after_the_migrations(django_db_blocker):
    with django_db_blocker.unblock():
        before = _postgres_before if connection.vendor == "postgresql" else _sqlite_before
        with before() as name, database.connected_to(name):
            _check_the_translation_migrations()


def _check_the_translation_migrations():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old_apps = _state_of_the_database(executor)
    applied = executor.loader.applied_migrations
    assert all(before in applied for before in BEFORES)
    assert not any(
        child.key in applied
        for before in BEFORES
        for child in executor.loader.graph.node_map[before].children
        if child.key[0] == before[0]
    ), "every app concerned is at its state just before its translation migration"
    expected = {}
    for app, _before, models, _make in CASES:
        found = _old_values(old_apps, app, models)
        assert found and any(found.values()), f"{app} has translated text to carry"
        expected.update(found)
    assert any(len(texts) > 1 for texts in expected.values())

    executor.migrate(latest)
    new_apps = _state_of_the_database(MigrationExecutor(connection))
    found = {}
    for app, _before, models, _make in CASES:
        found.update(_new_values(new_apps, app, models))
    assert found == expected
    # The library's index was filled again from the translated fields.
    assert len(search.candidates("padres")) == 2
    assert len(search.candidates("português")) == 1
