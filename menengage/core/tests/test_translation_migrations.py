"""The migrations that replace `<field>_en/_es/_fr/_pt` columns by one translated field lose
no text: every value before is in the new field after, and empty ones are left out."""

import datetime

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


def _kenya_id():
    # The networks table as it is now: the historical state before another app's migration
    # may still describe its old columns.
    from menengage.networks.models import Network

    return Network.objects.get(slug="kenya").pk


def _user(apps):
    return apps.get_model("accounts", "User").objects.create(email="m@example.org", password="!")


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
        network_id=_kenya_id(),
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


def _governance(apps):
    body = apps.get_model("governance", "Body").objects.create(
        network_id=_kenya_id(),
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
]


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
    try:
        if make:
            make(old_apps)
        expected = _old_values(old_apps, app, models)
    except Exception:
        # Never leave the worker's database at an old schema for the tests after this one.
        MigrationExecutor(connection).migrate(latest)
        raise
    assert expected and any(expected.values())

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    executor.loader.build_graph()
    new_apps = executor.loader.project_state(latest).apps
    found = {}
    for model_name, fields in models.items():
        for row in new_apps.get_model(app, model_name).objects.all():
            for field in fields:
                # Later migrations may add languages the old columns never had (Arabic and
                # Swahili country names): what the columns held must be there, unchanged.
                texts = getattr(row, field).as_dict()
                found[(model_name, row.pk, field)] = {
                    code: text for code, text in texts.items() if code in ("en", "es", "fr", "pt")
                }
    assert found == expected
