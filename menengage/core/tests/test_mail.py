"""The outbox (core.mail): failures first (SMTP down, a worker dying mid-batch, the same event
twice, a rolled-back event), then language, batches and the database queue."""

import contextlib
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone

from menengage.core import mail as outbox
from menengage.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

TEMPLATE = "members/email/framework_new_version.txt"


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing in the outbox catches it."""


class DownBackend(LocmemBackend):
    """An SMTP server that refuses connections."""

    def open(self):
        raise smtplib.SMTPConnectError(421, "try again later")


class CrashOnThirdBackend(LocmemBackend):
    """Delivers two messages, then the worker dies while handing over the third."""

    handed = 0

    def send_messages(self, messages):
        type(self).handed += 1
        if type(self).handed == 3:
            raise Crash
        return super().send_messages(messages)


class CountingBackend(LocmemBackend):
    """Counts connections and the messages sent over each."""

    batches = []

    def open(self):
        type(self).batches.append(0)
        return super().open()

    def send_messages(self, messages):
        type(self).batches[-1] += len(messages)
        return super().send_messages(messages)


@pytest.fixture
def mailer(settings):
    def use(backend):
        path = f"{backend.__module__}.{backend.__qualname__}"
        settings.MAILERS = {"default": {"BACKEND": path}}

    return use


def _document():
    from menengage.members.models import FrameworkDocument

    return FrameworkDocument.objects.first() or FrameworkDocument.objects.create(
        kind=FrameworkDocument.Kind.CORE_PRINCIPLES,
        version="2",
        in_force_from=timezone.localdate(),
        text={"en": "Text"},
    )


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Queue n messages and run what their commit runs (the test's own transaction never
    commits)."""

    def run(n=1, **options):
        with django_capture_on_commit_callbacks(execute=True):
            _queue_uncommitted(n, **options)

    return run


def _queue_uncommitted(n=1, *, language="en", key="test", **extra):
    document = _document()
    for i in range(n):
        outbox.mail_queue(
            kind="test.announcement",
            key=f"{key}:{i}",
            to=f"person{i}@example.org",
            language=language,
            subject="Please endorse the new %(document)s",
            params={"document": document},
            template=TEMPLATE,
            context={"document": document, "link": reverse_lazy("members:portal")},
            **extra,
        )


def _make_due():
    OutgoingMail.objects.update(next_attempt_at=timezone.now(), claimed_until=None)


# Failures first


def test_a_refusing_smtp_server_keeps_the_message_and_retries_it_later(queue, mailer):
    mailer(DownBackend)
    queue()
    row = OutgoingMail.objects.get()
    assert mail.outbox == []
    assert row.status == OutgoingMail.Status.QUEUED
    assert row.attempts == 1
    assert "try again later" in row.last_error
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=50)
    # Not due yet: another delivery sends nothing.
    mailer(LocmemBackend)
    assert outbox.mail_send_batch() == 0
    _make_due()
    assert outbox.mail_send_batch() == 1
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT
    assert row.attempts == 2
    assert row.sent_at is not None
    assert [m.to for m in mail.outbox] == [["person0@example.org"]]


def test_backoff_doubles_and_the_message_fails_after_the_last_attempt(queue, mailer, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    mailer(DownBackend)
    queue()
    pauses = []
    for _attempt in range(2):
        row = OutgoingMail.objects.get()
        pauses.append(row.next_attempt_at - timezone.now())
        _make_due()
        outbox.mail_send_batch()
    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.FAILED
    assert row.attempts == 3
    assert pauses[1] > pauses[0] * 1.8
    _make_due()
    assert outbox.mail_send_batch() == 0
    assert mail.outbox == []


def test_a_refused_recipient_fails_at_once(queue, mailer, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no such user")})

    monkeypatch.setattr(LocmemBackend, "send_messages", refuse)
    queue()
    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.FAILED
    assert row.attempts == 1


def test_a_worker_dying_mid_batch_sends_the_rest_once_and_the_uncertain_one_never(queue, mailer):
    mailer(CrashOnThirdBackend)
    CrashOnThirdBackend.handed = 0
    # (The immediate task backend records the crash as a failed task rather than dying.)
    with contextlib.suppress(Crash):
        queue(5)
    assert len(mail.outbox) == 2
    statuses = dict(OutgoingMail.objects.values_list("to", "status"))
    assert statuses["person2@example.org"] == OutgoingMail.Status.SENDING
    # Another worker, before the claim runs out, leaves the batch alone.
    mailer(LocmemBackend)
    assert outbox.mail_send_batch() == 0
    # Once it runs out, the rest of the batch leaves; the third is failed, not resent.
    OutgoingMail.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert outbox.mail_send_batch() == 2
    sent_to = [m.to[0] for m in mail.outbox]
    assert sorted(sent_to) == [f"person{i}@example.org" for i in (0, 1, 3, 4)]
    assert len(sent_to) == len(set(sent_to))
    stalled = OutgoingMail.objects.get(to="person2@example.org")
    assert stalled.status == OutgoingMail.Status.FAILED
    assert stalled.last_error == outbox.STALLED_ERROR
    _make_due()
    assert outbox.mail_send_batch() == 0
    assert len(mail.outbox) == 4


def test_the_same_event_is_queued_and_sent_once(queue):
    queue(key="same")
    queue(key="same")
    assert OutgoingMail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_event_mails_nobody(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue_uncommitted()
        raise RuntimeError("the event failed")
    assert callbacks == []
    assert OutgoingMail.objects.count() == 0
    assert mail.outbox == []


def test_a_confidential_message_forgets_its_address_once_sent(queue):
    queue(confidential=True)
    assert mail.outbox[0].to == ["person0@example.org"]
    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.SENT
    assert (row.to, row.subject, row.text_body) == ("", "", "")


# Happy paths


def test_each_message_is_rendered_in_its_readers_language(queue):
    queue(language="es")
    message = mail.outbox[0]
    assert "/es/" in message.body
    assert "/en/" not in message.body
    assert OutgoingMail.objects.get().language == "es"


def test_an_unknown_language_falls_back_to_the_sites(queue):
    queue(language="xx")
    assert OutgoingMail.objects.get().language == "en"
    assert "/en/" in mail.outbox[0].body


def test_html_and_extra_headers_travel_with_the_message(queue):
    queue(
        html_template=TEMPLATE,
        headers={"List-Unsubscribe": "<https://example.org/u/1>"},
    )
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.org/u/1>"
    assert message.alternatives[0].mimetype == "text/html"


def test_mass_mail_goes_in_batches_over_one_connection_each(queue, mailer, settings):
    settings.MAIL_BATCH_SIZE = 2
    mailer(CountingBackend)
    CountingBackend.batches = []
    queue(5)
    assert CountingBackend.batches == [2, 2, 1]
    assert len(mail.outbox) == 5


def test_a_transaction_of_many_messages_enqueues_one_delivery(queue, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue(3)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="menengage.core.mail.mail_deliver").count() == 1
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED).count() == 3


def test_a_retry_is_queued_for_when_the_message_is_due(queue, settings, mailer):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mailer(DownBackend)
    queue()
    DBTaskResult.objects.all().delete()
    outbox.mail_deliver.call()
    retry = DBTaskResult.objects.get()
    assert retry.run_after == OutgoingMail.objects.get().next_attempt_at


def test_only_staff_see_the_outbox_and_a_failed_message_can_be_queued_again(
    queue, mailer, client, staff, outsider, django_capture_on_commit_callbacks
):
    from menengage.core.models import AuditEvent

    mailer(DownBackend)
    queue()
    OutgoingMail.objects.update(status=OutgoingMail.Status.FAILED)
    client.force_login(outsider)
    assert client.get("/django-admin/core/outgoingmail/").status_code == 302
    client.force_login(staff)
    assert client.get("/django-admin/core/outgoingmail/").status_code == 200
    mailer(LocmemBackend)
    row = OutgoingMail.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/django-admin/core/outgoingmail/",
            {"action": "requeue", "_selected_action": [row.pk]},
        )
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(verb="mail.requeue").count() == 1
