"""The one way the platform sends e-mail: an outbox in the database, drained by a task.

Every app's `notifications.py` calls `mail_queue` once per message (one function per kind of
message, in the app's own words); nothing else calls Django's `send_mail`.

    mail_queue(
        kind="members.framework_announcement",        # what it is, for the admin and statistics
        key=f"members.framework_announcement:{document.pk}:{person.pk}",  # one event, one mail
        to=person.email,
        language=person.language,                      # rendered with this language active
        subject=_("Please endorse the new %(document)s"),
        params={"document": str(document)},            # filled into the translated subject
        template="members/email/framework_new_version.txt",
        context={"document": document, "link": reverse_lazy("members:portal")},
        html_template=None,                            # optional HTML alternative
        headers={"List-Unsubscribe": "<https://...>"},  # optional extra headers
    )

What it guarantees:

- Rendered now, in the reader's language: subject, text and HTML are rendered with
  `translation.override(language)`, so lazy links (`reverse_lazy`) get that language's prefix.
  `base_url` is in every template's context. The row keeps the rendered message, so what was
  sent can be read back later and a retry sends exactly the same words.
- Queued with the event: inside a transaction the row is written with the caller's other writes
  and the delivery task is enqueued on commit (once per transaction, however many messages); a
  rolled-back event mails nobody.
- Never twice for one event: `key` is unique; queuing the same key again does nothing and
  returns None. Build it from the event's identity (`<kind>:<object pk>:<recipient pk>`).
- Delivered by `mail_deliver` on the worker (`menengage worker`), in batches of
  `MAIL_BATCH_SIZE` over one SMTP connection; a batch that leaves more waiting queues the next
  one, so mass mail (thousands of representatives) never holds one task for long.
- Retried with backoff: an SMTP or network error puts the message back with `attempts` + 1 and
  `next_attempt_at` 1, 2, 4 ... minutes later (at most six hours), until `MAIL_MAX_ATTEMPTS`,
  then `failed` with `last_error`. A recipient refused by the server fails at once.
- Safe when a worker dies: a batch is claimed for `CLAIM_SECONDS`; each message is marked
  `sending` (committed) just before it goes to the SMTP server and `sent` just after. If the
  worker dies, the rest of its batch is picked up when the claim runs out; the one message that
  was `sending` cannot be known to have left or not, so it becomes `failed` with a note rather
  than risk arriving twice (staff can queue it again from the admin).

Statuses: queued -> sending -> sent | queued (retry) | failed.
"""

import hashlib
import logging
import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Min
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# How long a worker may hold a claimed batch before another may take the rest of it; far longer
# than a batch of MAIL_BATCH_SIZE messages takes over one SMTP connection.
CLAIM_SECONDS = 600
BACKOFF_FIRST_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 3600

# What a confidential message keeps once it has left or failed for good.
FORGOTTEN = {"to": "", "subject": "", "text_body": "", "html_body": "", "headers": {}}

STALLED_ERROR = (
    "The worker stopped while handing this message to the mail server; it is not sent again "
    "automatically because it may already have arrived."
)


def mail_key(*parts):
    """A dedupe key from the parts that identify one event and one reader, hashed when long."""
    key = ":".join(str(part) for part in parts)
    if len(key) > 200:
        key = key[:150] + ":" + hashlib.sha256(key.encode()).hexdigest()[:40]
    return key


def mail_queue(
    *,
    kind,
    key,
    to,
    language,
    subject,
    template,
    context=None,
    params=None,
    headers=None,
    html_template=None,
    confidential=False,
):
    """Render one message in `language` and put it in the outbox; deliver it after commit.

    Returns the new `OutgoingMail`, or None when `key` was queued before (nothing is written).
    `confidential` wipes the address and words from the outbox once the message has left.
    """
    if OutgoingMail.objects.filter(key=key).exists():
        # Already queued (a task run again, a double submit): not even rendered again.
        return None
    codes = {code for code, _name in settings.LANGUAGES}
    language = language if language in codes else settings.LANGUAGE_CODE
    with translation.override(language):
        full_context = {**(context or {}), "base_url": settings.BASE_URL}
        text_body = render_to_string(template, full_context)
        html_body = render_to_string(html_template, full_context) if html_template else ""
        subject = str(subject) % params if params else str(subject)
    mail = OutgoingMail(
        kind=kind,
        key=key,
        to=to,
        language=language,
        # A header line: one line, and short enough for any server.
        subject=" ".join(subject.split())[:500],
        text_body=text_body,
        html_body=html_body,
        headers=headers or {},
        confidential=confidential,
    )
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        if OutgoingMail.objects.filter(key=key).exists():
            return None
        raise
    _deliver_after_commit()
    return mail


def _deliver_after_commit():
    """Enqueue `mail_deliver` once the current transaction commits, once per transaction."""
    connection = transaction.get_connection()
    # A transaction that queues two thousand messages enqueues one delivery, not two thousand.
    # Django keeps the pending callbacks on the connection and drops them on rollback; the
    # callback marks itself done when it runs.
    pending = getattr(connection, "_menengage_mail_delivery", None)
    if (
        connection.in_atomic_block
        and pending is not None
        and not pending.done
        and any(func is pending for _sids, func, _robust in connection.run_on_commit)
    ):
        return
    pending = _Delivery()
    connection._menengage_mail_delivery = pending
    transaction.on_commit(pending)


class _Delivery:
    """The enqueue of one delivery after one transaction's commit."""

    done = False

    def __call__(self):
        self.done = True
        mail_deliver.enqueue()


def _backoff(attempts):
    return timedelta(
        seconds=min(BACKOFF_FIRST_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


def mail_recover_stalled(*, now=None):
    """Fail the messages a dead worker left `sending`; returns how many."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENDING, claimed_until__lt=now
    ).update(status=OutgoingMail.Status.FAILED, last_error=STALLED_ERROR, claimed_by="")
    # (A stalled confidential message keeps its address until staff look: it may need resending.)


def _due(now):
    return OutgoingMail.objects.filter(
        status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now
    ).exclude(claimed_until__gte=now)


def _claim(*, worker, size, now):
    """Claim up to `size` due messages for `worker`, oldest first; returns their ids."""
    with transaction.atomic():
        due = _due(now).order_by("next_attempt_at", "id")
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:size])
        OutgoingMail.objects.filter(id__in=ids).update(
            claimed_by=worker, claimed_until=now + timedelta(seconds=CLAIM_SECONDS)
        )
    return ids


def _message(mail):
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=mail.headers,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def _give_back(mail, error):
    """After a failed attempt: queue again after a pause, or fail for good."""
    permanent = isinstance(error, smtplib.SMTPRecipientsRefused)
    attempts = mail.attempts + 1
    final = permanent or attempts >= settings.MAIL_MAX_ATTEMPTS
    OutgoingMail.objects.filter(pk=mail.pk).update(
        **(FORGOTTEN if final and mail.confidential else {}),
        status=OutgoingMail.Status.FAILED if final else OutgoingMail.Status.QUEUED,
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=timezone.now() + _backoff(attempts),
        claimed_by="",
        claimed_until=None,
    )
    logger.warning("mail %s (%s) failed, attempt %s: %s", mail.pk, mail.kind, attempts, error)


def mail_send_batch(*, size=None):
    """Send one claimed batch of due messages over one connection; returns how many left."""
    worker = uuid.uuid4().hex
    now = timezone.now()
    mail_recover_stalled(now=now)
    ids = _claim(worker=worker, size=size or settings.MAIL_BATCH_SIZE, now=now)
    if not ids:
        return 0
    mails = list(OutgoingMail.objects.filter(id__in=ids).order_by("next_attempt_at", "id"))
    sent = 0
    try:
        connection = get_connection()
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        for mail in mails:
            _give_back(mail, error)
        return 0
    try:
        for mail in mails:
            # Committed before the server sees it: if the process dies from here on, the
            # message is never handed over a second time (see mail_recover_stalled).
            taken = OutgoingMail.objects.filter(
                pk=mail.pk, claimed_by=worker, status=OutgoingMail.Status.QUEUED
            ).update(status=OutgoingMail.Status.SENDING)
            if not taken:
                continue
            try:
                connection.send_messages([_message(mail)])
            except (smtplib.SMTPException, OSError) as error:
                _give_back(mail, error)
                continue
            OutgoingMail.objects.filter(pk=mail.pk).update(
                **(FORGOTTEN if mail.confidential else {}),
                status=OutgoingMail.Status.SENT,
                attempts=F("attempts") + 1,
                sent_at=timezone.now(),
                last_error="",
                claimed_by="",
                claimed_until=None,
            )
            sent += 1
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            logger.warning("closing the mail connection failed", exc_info=True)
    return sent


@task
def mail_deliver():
    """Send one batch from the outbox, then queue the next batch, or the next retry, if any."""
    mail_send_batch()
    now = timezone.now()
    if _due(now).exists():
        mail_deliver.enqueue()
        return
    later = OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    if later is not None and default_task_backend.supports_defer:
        mail_deliver.using(run_after=max(later, now)).enqueue()


@transaction.atomic
def mail_requeue(*, mails, actor):
    """Staff send failed messages again (after fixing an address or the mail server): each goes
    back to the queue with its attempts reset. Only failed ones; records `mail.requeue`."""
    from .audit import audit_record

    failed = list(mails.filter(status=OutgoingMail.Status.FAILED).exclude(to=""))
    for mail in failed:
        audit_record(actor=actor, verb="mail.requeue", target=mail, after={"to": mail.to})
    OutgoingMail.objects.filter(pk__in=[mail.pk for mail in failed]).update(
        status=OutgoingMail.Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        claimed_by="",
        claimed_until=None,
    )
    if failed:
        _deliver_after_commit()
    return len(failed)


def mail_queue_waiting():
    """Enqueue a delivery for whatever the outbox holds (the worker does this as it starts,
    so mail queued while no worker ran, or whose task was lost, still leaves)."""
    if OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED).exists():
        mail_deliver.enqueue()
