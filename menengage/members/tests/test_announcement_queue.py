"""The framework announcement to every representative: the staff member's request only queues
it; the worker writes and sends the messages in batches, in each reader's language, once."""

import datetime
import smtplib
import time

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from menengage.accounts.models import User
from menengage.core import mail as outbox
from menengage.core.models import OutgoingMail
from menengage.members import services
from menengage.members.models import Membership
from menengage.members.tasks import framework_announce

REPRESENTATIVES = 2000
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class DownBackend(LocmemBackend):
    def open(self):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def _members(kenya):
    languages = ("en", "es", "fr", "pt")
    people = User.objects.bulk_create(
        User(
            email=f"member{i}@example.org",
            name=f"Member {i}",
            language=languages[i % 4],
            password="!",  # unusable
        )
        for i in range(REPRESENTATIVES)
    )
    Membership.objects.bulk_create(
        Membership(
            person=person,
            network=kenya,
            status=Membership.Status.ACTIVE,
            applied_on=datetime.date(2020, 1, 1),
        )
        for person in people
    )


def _publish(staff, version, year):
    return services.framework_document_publish(
        actor=staff,
        kind="core-principles",
        version=version,
        in_force_from=datetime.date(year, 1, 1),
        text={"en": f"v{version}"},
    )


@pytest.mark.slow(10)
@pytest.mark.django_db
def test_publishing_to_2000_members_only_queues_and_the_worker_sends_each_once(
    staff, kenya, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    settings.MAIL_BATCH_SIZE = 250
    _publish(staff, "1", 2020)
    _members(kenya)

    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        document = _publish(staff, "2", 2026)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"publishing took {elapsed:.2f} s"
    assert mail.outbox == []
    assert OutgoingMail.objects.count() == 0
    assert DBTaskResult.objects.filter(task_path=framework_announce.module_path).count() == 1

    # The worker's turn: the messages are written in batches, each batch queuing a delivery.
    with django_capture_on_commit_callbacks(execute=True):
        framework_announce.call(document.pk)
    assert OutgoingMail.objects.filter(kind="members.framework_announcement").count() == 2000
    # Run twice (a retried task), nobody gets a second message.
    with django_capture_on_commit_callbacks(execute=True):
        framework_announce.call(document.pk)
    assert OutgoingMail.objects.count() == 2000
    spanish = OutgoingMail.objects.get(to="member1@example.org")
    assert spanish.language == "es"
    assert "/es/" in spanish.text_body

    # The mail server is down for the first batch: those wait and are retried, none lost.
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DownBackend"}}
    assert outbox.mail_send_batch() == 0
    assert OutgoingMail.objects.filter(attempts=1, status="queued").count() == 250
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    while outbox.mail_send_batch():
        pass
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    while outbox.mail_send_batch():
        pass
    addresses = [message.to[0] for message in mail.outbox]
    assert len(addresses) == 2000
    assert len(set(addresses)) == 2000
    assert not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()
