"""Writes for communications: each one atomic, checked, audited, and mailing on commit."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import NotPermitted
from menengage.core.mail import FORGOTTEN
from menengage.core.models import OutgoingMail
from menengage.core.throttle import limit_exceeded
from menengage.core.translation import site_languages

from . import notifications, selectors
from .models import Announcement, DigestPreference, NewsletterIssue, Subscriber, Suppression, Topic
from .permissions import can_address, can_edit_announcement, can_manage_newsletter

# The wording a subscriber agrees to; recorded, in the language they read it in, with the time.
CONSENT_TEXT = _(
    "I agree that the MenEngage Alliance sends me its newsletter on the topics I chose, in the "
    "languages I chose, keeping my e-mail address only for that. I can change my choices or "
    "unsubscribe at any time from a link in every message."
)

# Subscriptions asked from one client in an hour before the form refuses.
SUBSCRIBE_PER_CLIENT_PER_HOUR = 10


def subscribe_limit_exceeded(*, client):
    """Count one subscription request from `client` (core.clients.client_key); True past the
    hourly limit, like the registration and application limits."""
    return limit_exceeded(
        f"communications.subscribe:{client}", limit=SUBSCRIBE_PER_CLIENT_PER_HOUR, seconds=3600
    )


AUDIENCE_FIELDS = ["network", "governing_body", "working_group", "roles", "membership_statuses"]


def _texts_fields(texts):
    """`texts` (language -> (subject, text)) as the values of the `subject` and `text` fields."""
    fields = {"subject": {}, "text": {}}
    for code in site_languages():
        subject, text = texts.get(code, ("", ""))
        fields["subject"][code] = (subject or "").strip()
        fields["text"][code] = (text or "").strip()
    return fields


def _check_written(message):
    """The original language must be written; every language has both a subject and a text."""
    errors = {}
    for code in site_languages():
        subject, text = message.subject.get(code), message.text.get(code)
        if bool(subject) != bool(text):
            errors["text" if subject else "subject"] = _(
                "Write both a subject and a text in this language, or neither."
            )
    if not message.subject.get(message.original_language):
        errors["original_language"] = _("Write the message in its original language.")
    if errors:
        raise ValidationError(errors)


def _fill_announcement(announcement, *, original_language, texts, audience):
    announcement.original_language = original_language
    for name, value in _texts_fields(texts).items():
        setattr(announcement, name, value)
    lists = ("roles", "membership_statuses")
    for name in AUDIENCE_FIELDS:
        setattr(
            announcement,
            name,
            audience.get(name) or ([] if name in lists else None),
        )
    _check_written(announcement)
    chosen = [announcement.network, announcement.governing_body, announcement.working_group]
    if sum(item is not None for item in chosen) > 1:
        raise ValidationError(_("Choose one audience: a network, a body or a working group."))
    announcement.search_text = announcement.search_words()
    announcement.full_clean()


def _check_audience(actor, announcement):
    if not can_address(
        actor,
        network=announcement.network,
        governing_body=announcement.governing_body,
        working_group=announcement.working_group,
    ):
        raise NotPermitted(_("You may not write to this audience."))


@transaction.atomic
def announcement_create(*, actor, original_language, texts, audience):
    """Write a draft announcement to an audience `actor` may address.

    `texts` maps a language to (subject, text); `audience` holds network, governing_body,
    working_group, roles and membership_statuses. Records `announcement.create`.
    """
    announcement = Announcement(author=actor)
    _fill_announcement(
        announcement, original_language=original_language, texts=texts, audience=audience
    )
    _check_audience(actor, announcement)
    announcement.save()
    audit_record(
        actor=actor,
        verb="announcement.create",
        target=announcement,
        after=snapshot(announcement, ["original_language", *AUDIENCE_FIELDS]),
    )
    return announcement


@transaction.atomic
def announcement_update(*, announcement, actor, original_language, texts, audience):
    """Change a draft's words or audience; only its author (or staff), only before sending.
    Records `announcement.update`."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not can_edit_announcement(actor, announcement):
        raise NotPermitted(_("You may not change this announcement."))
    announcement.check_sendable()
    before = snapshot(announcement, ["original_language", *AUDIENCE_FIELDS])
    _fill_announcement(
        announcement, original_language=original_language, texts=texts, audience=audience
    )
    _check_audience(actor, announcement)
    announcement.save()
    audit_record(
        actor=actor,
        verb="announcement.update",
        target=announcement,
        before=before,
        after=snapshot(announcement, ["original_language", *AUDIENCE_FIELDS]),
    )
    return announcement


@transaction.atomic
def announcement_send(*, announcement, actor):
    """Send a draft to its audience, once: it becomes `sent` with its recipient count, and the
    worker writes one outbox message per recipient after commit (resumable, never twice).
    Records `announcement.send`."""
    from .tasks import announcement_deliver

    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not can_edit_announcement(actor, announcement):
        raise NotPermitted(_("You may not send this announcement."))
    announcement.check_sendable()
    announcement.status = Announcement.Status.SENT
    announcement.sent_at = timezone.now()
    announcement.recipient_count = selectors.announcement_recipients(announcement).count()
    announcement.save(update_fields=["status", "sent_at", "recipient_count"])
    audit_record(
        actor=actor,
        verb="announcement.send",
        target=announcement,
        after={"recipients": announcement.recipient_count},
    )
    pk = announcement.pk
    transaction.on_commit(lambda: announcement_deliver.enqueue(pk))
    return announcement


@transaction.atomic
def announcement_deliver_rest(*, announcement, actor):
    """Queue whatever a sent announcement has not queued yet (after a worker died while
    writing it): recipients already queued are skipped. Records `announcement.resume`."""
    from .tasks import announcement_deliver

    if not can_edit_announcement(actor, announcement):
        raise NotPermitted(_("You may not send this announcement."))
    if announcement.status != Announcement.Status.SENT:
        raise ValidationError(_("Only a sent announcement can be resumed."))
    audit_record(actor=actor, verb="announcement.resume", target=announcement)
    pk = announcement.pk
    transaction.on_commit(lambda: announcement_deliver.enqueue(pk))


def _clean_choices(values, allowed, error):
    chosen = [value for value in allowed if value in set(values or [])]
    if not chosen:
        raise ValidationError(error)
    return chosen


@transaction.atomic
def newsletter_subscribe(*, email, languages, topics, language):
    """Ask for the newsletter: records the consent (wording in `language`, time) and mails a
    confirmation link; nothing is sent until it is followed. Someone already confirmed gets a
    link to their preferences instead, so the form never tells who is subscribed.
    Records `subscriber.subscribe`."""
    email = email.strip().lower()
    languages = _clean_choices(languages, site_languages(), _("Choose at least one language."))
    topics = _clean_choices(topics, Topic.values, _("Choose at least one topic."))
    with translation.override(language):
        consent = str(CONSENT_TEXT)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    event = uuid.uuid4().hex
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        transaction.on_commit(
            lambda: notifications.send_subscription_manage(subscriber, event=event)
        )
        return subscriber
    subscriber = subscriber or Subscriber(email=email)
    subscriber.languages = languages
    subscriber.topics = topics
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent_text = consent
    subscriber.consent_language = language
    subscriber.consented_at = timezone.now()
    subscriber.full_clean()
    subscriber.save()
    audit_record(
        actor=None,
        verb="subscriber.subscribe",
        target=subscriber,
        after={"languages": languages, "topics": topics, "consent_language": language},
    )
    transaction.on_commit(lambda: notifications.send_subscription_confirm(subscriber, event=event))
    return subscriber


@transaction.atomic
def subscription_confirm(*, subscriber):
    """Follow the double opt-in link: the subscriber receives issues from now on.
    Records `subscriber.confirm` (once)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    audit_record(actor=None, verb="subscriber.confirm", target=subscriber)
    return subscriber


@transaction.atomic
def subscription_update(*, subscriber, languages, topics):
    """Change languages and topics from the preferences page. Records `subscriber.update`."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    before = snapshot(subscriber, ["languages", "topics"])
    subscriber.languages = _clean_choices(
        languages, site_languages(), _("Choose at least one language.")
    )
    subscriber.topics = _clean_choices(topics, Topic.values, _("Choose at least one topic."))
    subscriber.save(update_fields=["languages", "topics"])
    audit_record(
        actor=None,
        verb="subscriber.update",
        target=subscriber,
        before=before,
        after=snapshot(subscriber, ["languages", "topics"]),
    )
    return subscriber


@transaction.atomic
def subscription_unsubscribe(*, subscriber, how):
    """Stop every issue at once (`how`: "one-click", "preferences"...). Records
    `subscriber.unsubscribe` (once)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return subscriber
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    audit_record(actor=None, verb="subscriber.unsubscribe", target=subscriber, after={"how": how})
    return subscriber


@transaction.atomic
def subscriber_delete(*, subscriber, actor):
    """Erase a subscriber on their request: the row, and the address and words of every
    newsletter message the outbox kept for them. Records `subscriber.delete` (without the
    address)."""
    if not can_manage_newsletter(actor):
        raise NotPermitted(_("Only the secretariat deletes subscribers."))
    email = subscriber.email
    wiped = (
        OutgoingMail.objects.filter(to__iexact=email, kind__startswith="communications.")
        .exclude(kind__in=[selectors.ANNOUNCEMENT_KIND, selectors.DIGEST_KIND])
        .update(**FORGOTTEN)
    )
    audit_record(
        actor=actor, verb="subscriber.delete", target=subscriber, after={"messages_wiped": wiped}
    )
    subscriber.delete()


@transaction.atomic
def suppression_add(*, email, reason, actor, note=""):
    """Stop all communications to `email` (a permanent bounce, a complaint, or staff's call);
    `actor` None for the mail provider's webhook. Records `suppression.add` once per address."""
    email = email.strip().lower()
    existing = Suppression.objects.filter(email=email).first()
    if existing is not None:
        return existing
    suppression = Suppression(email=email, reason=reason, note=note[:2000])
    suppression.full_clean()
    suppression.save()
    audit_record(actor=actor, verb="suppression.add", target=suppression, after={"reason": reason})
    return suppression


@transaction.atomic
def suppression_remove(*, suppression, actor):
    """Lift a suppression (the address works again). Records `suppression.remove`."""
    if not can_manage_newsletter(actor):
        raise NotPermitted(_("Only the secretariat lifts a suppression."))
    audit_record(actor=actor, verb="suppression.remove", target=suppression)
    suppression.delete()


@transaction.atomic
def newsletter_issue_send(*, issue, actor):
    """Send a draft issue to the confirmed subscribers of its topic, once. Records
    `newsletterissue.send`; the worker writes the messages after commit."""
    from .tasks import newsletter_issue_deliver

    if not can_manage_newsletter(actor):
        raise NotPermitted(_("Only the secretariat sends the newsletter."))
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    issue.check_sendable()
    _check_written(issue)
    issue.status = NewsletterIssue.Status.SENT
    issue.sent_at = timezone.now()
    issue.recipient_count = len(selectors.newsletter_recipients(issue))
    issue.save(update_fields=["status", "sent_at", "recipient_count"])
    audit_record(
        actor=actor,
        verb="newsletterissue.send",
        target=issue,
        after={"recipients": issue.recipient_count},
    )
    pk = issue.pk
    transaction.on_commit(lambda: newsletter_issue_deliver.enqueue(pk))
    return issue


@transaction.atomic
def digest_preference_set(*, user, frequency, actor):
    """A member chooses how often they get a digest. Records `digestpreference.update`."""
    if actor.pk != user.pk:
        raise NotPermitted(_("Only the member chooses their digest."))
    preference, _created = DigestPreference.objects.select_for_update().get_or_create(user=user)
    before = preference.frequency
    preference.frequency = frequency
    preference.full_clean()
    preference.save()
    audit_record(
        actor=actor,
        verb="digestpreference.update",
        target=preference,
        before={"frequency": before},
        after={"frequency": frequency},
    )
    return preference


def digest_period(frequency, now):
    """The period a digest covers, part of its key: one a week, or one an hour for
    "immediate" (the scheduler runs the command at least hourly)."""
    if frequency == DigestPreference.Frequency.WEEKLY:
        year, week, _day = now.isocalendar()
        return f"weekly-{year}-W{week:02d}"
    return f"immediate-{now:%Y-%m-%dT%H}"


def digests_send(*, frequency, now=None):
    """Queue the digest of every member who chose `frequency`, with what is new since their
    last one (a week back at most for the first). One per member and period: running it again
    in the same period queues nothing. Returns how many were queued."""
    now = now or timezone.now()
    period = digest_period(frequency, now)
    first_since = now - datetime.timedelta(days=7)
    queued = 0
    for preference in selectors.digest_subscribers(frequency):
        person = preference.user
        since = preference.last_sent_at or first_since
        with translation.override(person.language):
            sections = selectors.digest_sections(person=person, since=since)
        if not sections:
            continue
        with transaction.atomic():
            mail = notifications.send_digest(person=person, period=period, sections=sections)
            if mail is not None:
                DigestPreference.objects.filter(pk=preference.pk).update(last_sent_at=now)
                queued += 1
    return queued
