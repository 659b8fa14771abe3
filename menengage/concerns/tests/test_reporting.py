import io
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from menengage.concerns import services
from menengage.concerns.models import Attachment, Concern
from menengage.core.models import AuditEvent
from menengage.testing.bombs import docx_bomb

MARKER = "zebra-marker-7f3c9e-unique"
ADDRESS = "203.0.113.77"


def report(**overrides):
    data = {
        "kind": "complaint",
        "subject_kind": "organisation",
        "subject_text": f"The coordinator {MARKER}",
        "organisation_name": "Nairobi Fathers Circle",
        "subject_network": "",
        "principle": f"Code of Conduct 3 {MARKER}",
        "what_happened": f"At the training the facilitator {MARKER} shouted at participants.",
        "when_where": f"March, Nairobi {MARKER}",
        "reporter": "affected",
        "contact": "anonymous",
        "name": "",
        "email": "",
        "receipt_kind": "number",
        "website": "",
    }
    data.update(overrides)
    return data


def database_dump():
    """Every value in every table, as text (bytes decoded as Latin-1, so nothing is lost)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if isinstance(value, bytes):
                        value = value.decode("latin-1")
                    chunks.append(str(value))
    if connection.vendor == "sqlite":
        chunks.extend(connection.connection.iterdump())
    return "\n".join(chunks)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr", "pt"])
def test_the_page_explains_and_offers_the_form_in_every_language(client, language):
    response = client.get(f"/{language}/concerns/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert b'name="what_happened"' in response.content
    assert b'enctype="multipart/form-data"' in response.content
    assert b"<script" not in response.content


@pytest.mark.django_db
def test_an_anonymous_concern_stores_no_name_email_or_address(client, organisation):
    response = client.post(
        "/en/concerns/",
        report(name="Typed By Mistake", email="typed@example.org"),
        REMOTE_ADDR=ADDRESS,
        follow=True,
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    concern = Concern.objects.get()
    assert not concern.is_named
    content = services.concern_content(concern)
    assert content["name"] == content["email"] == ""
    assert concern.subject_organisation == organisation
    dump = database_dump()
    for secret in ("Typed By Mistake", "typed@example.org", ADDRESS):
        assert secret not in dump
    assert AuditEvent.objects.filter(verb="concern.submit", actor=None).exists()


@pytest.mark.django_db
def test_a_database_dump_contains_none_of_the_submitted_text(client, organisation):
    client.post(
        "/en/concerns/",
        report(contact="named", name=f"Named {MARKER}", email="named.reporter@example.org"),
        follow=True,
    )
    concern = Concern.objects.get()
    assert concern.is_named
    services.concern_reporter_message(concern=concern, text=f"More detail {MARKER}")
    assert MARKER in services.concern_content(concern)["what_happened"]
    dump = database_dump()
    assert len(dump) > 10_000  # the dump really read the database
    assert MARKER not in dump
    assert "named.reporter@example.org" not in dump


@pytest.mark.django_db
def test_the_receipt_is_shown_once_and_only_its_hashes_are_kept(client):
    response = client.post("/en/concerns/", report(receipt_kind="passphrase"), follow=True)
    receipt = response.context["receipt"]
    assert len(receipt.split()) == 6
    concern = Concern.objects.get()
    assert concern.receipt_hash.startswith("argon2")
    assert receipt not in database_dump()
    response = client.post("/en/concerns/", report(receipt_kind="number"), follow=True)
    number = response.context["receipt"]
    assert len(number.replace(" ", "")) == 16 and number.count(" ") == 3


@pytest.mark.django_db
def test_reporting_on_someones_behalf_needs_their_consent(client):
    response = client.post("/en/concerns/", report(reporter="behalf"), follow=True)
    assert response.status_code == 400
    assert "agreed to this report" in response.content.decode()
    assert not Concern.objects.exists()
    response = client.post("/en/concerns/", report(reporter="behalf", consent="on"), follow=True)
    assert Concern.objects.get().on_behalf


@pytest.mark.django_db
def test_named_contact_needs_name_and_email(client):
    response = client.post("/fr/concerns/", report(contact="named"), follow=True)
    assert response.status_code == 400
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_the_honeypot_refuses_robots_and_writes_nothing(client):
    response = client.post("/en/concerns/", report(website="http://spam.example"), follow=True)
    assert response.status_code == 400
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_concerns_are_rate_limited_per_client(client):
    for _ in range(5):
        assert (
            client.post("/en/concerns/", report(), REMOTE_ADDR=ADDRESS, follow=True).status_code
            == 200
        )
    response = client.post("/en/concerns/", report(), REMOTE_ADDR=ADDRESS, follow=True)
    assert response.status_code == 400
    assert "Too many concerns" in response.content.decode()
    assert Concern.objects.count() == 5
    other = client.post("/en/concerns/", report(), REMOTE_ADDR="198.51.100.9", follow=True)
    assert other.status_code == 200


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.django_db
def test_attachments_are_checked_by_content_and_stored_encrypted(client):
    files = [
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50),
        SimpleUploadedFile("statement.docx", _docx()),
    ]
    response = client.post("/en/concerns/", {**report(), "attachments": files}, follow=True)
    assert response.status_code == 200
    stored = {a.content_type: a for a in Attachment.objects.all()}
    assert set(stored) == {Attachment.Type.PNG, Attachment.Type.DOCX}
    assert b"PNG" not in bytes(stored[Attachment.Type.PNG].data)

    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not really a pdf")
    response = client.post("/en/concerns/", {**report(), "attachments": [disguised]}, follow=True)
    assert response.status_code == 400
    assert "is not a PDF" in response.content.decode()
    assert Concern.objects.count() == 1


@pytest.mark.django_db
def test_focal_points_are_told_a_concern_arrived_without_its_content(
    client, focal_kenya, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/concerns/", report(), follow=True)
    concern = Concern.objects.get()
    assert concern.handling_network.slug == "kenya"
    assert [message.to for message in mail.outbox] == [[focal_kenya.email]]
    assert MARKER not in mail.outbox[0].body
    assert f"/en/concerns/cases/{concern.pk}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_production_without_a_key_refuses_to_take_concerns(client, settings):
    settings.SECRET_KEY = "a-real-production-secret-key-0123456789abcdef"
    settings.DEBUG = False
    settings.CONCERNS_KEYS = []
    settings.CONCERNS_KEY_FILE = ""
    response = client.post("/en/concerns/", report(), follow=True)
    assert response.status_code == 503
    assert "not configured" in response.content.decode()
    assert not Concern.objects.exists()


@pytest.mark.django_db
def test_refreshing_the_receipt_page_files_nothing_and_never_shows_the_receipt_again(client):
    response = client.post("/es/concerns/", report())
    assert response.status_code == 302
    assert response["Location"] == "/es/concerns/received/"
    shown = client.get("/es/concerns/received/")
    receipt = shown.context["receipt"]
    assert receipt in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    refreshed = client.get("/es/concerns/received/", follow=True)
    assert receipt not in refreshed.content.decode()
    assert refreshed.redirect_chain[-1][0] == "/es/concerns/follow-up/"
    assert Concern.objects.count() == 1


@pytest.mark.django_db
def test_the_same_form_sent_twice_files_one_concern(client):
    form = client.get("/en/concerns/").content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"', form).group(1)
    first = client.post("/en/concerns/", {**report(), "submission_key": key})
    second = client.post("/en/concerns/", {**report(), "submission_key": key})
    assert first.status_code == second.status_code == 302
    assert Concern.objects.count() == 1
    assert "receipt" in client.get("/en/concerns/received/").context


@pytest.mark.django_db
def test_an_attachment_that_inflates_to_200_mb_is_refused_and_nothing_filed(client):
    bomb = SimpleUploadedFile("statement.docx", docx_bomb(200))
    response = client.post("/es/concerns/", {**report(), "attachments": [bomb]})
    assert response.status_code == 400
    assert '<html lang="es">' in response.content.decode()
    assert not Concern.objects.exists()
    assert not Attachment.objects.exists()
