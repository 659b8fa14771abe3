"""The messages of communications, each queued in the outbox (`core.mail.mail_queue`) in its
reader's language. Mass mail is written a batch at a time, each batch committed with its
delivery queued; every message's key names the announcement (or issue, or period) and the
reader, so running a send again (after a crash, or twice) mails nobody a second time."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.core.mail import mail_key, mail_queue
from menengage.core.models import OutgoingMail

from . import links, selectors
from .models import Suppression


def _is_suppressed(email):
    return Suppression.objects.filter(email__iexact=email).exists()


def _already_queued(kind, message):
    prefix = selectors.delivery_key_prefix(kind, message)
    return set(OutgoingMail.objects.filter(key__startswith=prefix).values_list("key", flat=True))


def _in_batches(items, queue_one):
    size = settings.MAIL_BATCH_SIZE
    queued = 0
    for start in range(0, len(items), size):
        with transaction.atomic():
            for item in items[start : start + size]:
                queued += queue_one(item) is not None
    return queued


def send_announcement(announcement):
    """One message per recipient, in their language or the announcement's original one.
    Returns how many were queued now."""
    kind = selectors.ANNOUNCEMENT_KIND
    done = _already_queued(kind, announcement)
    people = selectors.announcement_recipients(announcement).only("pk", "email", "language")
    waiting = [
        p for p in people.order_by("pk") if mail_key(kind, announcement.pk, p.pk) not in done
    ]

    def queue(person):
        language = announcement.language_for(person.language)
        return mail_queue(
            kind=kind,
            key=mail_key(kind, announcement.pk, person.pk),
            to=person.email,
            language=language,
            subject=announcement.subject_in(language),
            template="communications/email/announcement.txt",
            html_template="communications/email/announcement.html",
            context={
                "announcement": announcement,
                "subject": announcement.subject_in(language),
                "text": announcement.text_in(language),
                "link": reverse_lazy("communications:announcement", args=[announcement.pk]),
                "preferences": reverse_lazy("communications:digest"),
            },
        )

    return _in_batches(waiting, queue)


def _list_headers(subscriber):
    # Short and without a language prefix, so the header stays on one line (see links.py).
    unsubscribe = settings.BASE_URL + reverse("communications_unsubscribe", args=[subscriber.token])
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send_newsletter_issue(issue):
    """One message per confirmed subscriber of the issue's topic, in the first of their
    languages the issue is written in (else its original), with one-click unsubscribe."""
    kind = selectors.NEWSLETTER_KIND
    done = _already_queued(kind, issue)
    waiting = [
        s
        for s in selectors.newsletter_recipients(issue)
        if mail_key(kind, issue.pk, s.pk) not in done
    ]

    def queue(subscriber):
        language = issue.language_for(subscriber.languages_by_preference)
        token = links.manage_token(subscriber)
        return mail_queue(
            kind=kind,
            key=mail_key(kind, issue.pk, subscriber.pk),
            to=subscriber.email,
            language=language,
            subject=issue.subject_in(language),
            template="communications/email/newsletter.txt",
            html_template="communications/email/newsletter.html",
            context={
                "subject": issue.subject_in(language),
                "text": issue.text_in(language),
                "preferences": reverse_lazy("communications:preferences", args=[token]),
                "unsubscribe": reverse_lazy("communications:unsubscribe", args=[token]),
            },
            headers=_list_headers(subscriber),
        )

    return _in_batches(waiting, queue)


def send_subscription_confirm(subscriber, *, event):
    """The double opt-in link; `event` makes each request its own message."""
    if _is_suppressed(subscriber.email):
        return None
    kind = "communications.subscription_confirm"
    return mail_queue(
        kind=kind,
        key=mail_key(kind, subscriber.pk, event),
        to=subscriber.email,
        language=subscriber.language,
        subject=_("Please confirm your subscription to the MenEngage Alliance newsletter"),
        template="communications/email/subscription_confirm.txt",
        context={
            "link": reverse_lazy("communications:confirm", args=[links.confirm_token(subscriber)])
        },
    )


def send_subscription_manage(subscriber, *, event):
    """To someone already subscribed who asks again: a link to their preferences instead."""
    if _is_suppressed(subscriber.email):
        return None
    kind = "communications.subscription_manage"
    return mail_queue(
        kind=kind,
        key=mail_key(kind, subscriber.pk, event),
        to=subscriber.email,
        language=subscriber.language,
        subject=_("Your subscription to the MenEngage Alliance newsletter"),
        template="communications/email/subscription_manage.txt",
        context={
            "link": reverse_lazy(
                "communications:preferences", args=[links.manage_token(subscriber)]
            )
        },
    )


def send_digest(*, person, period, sections):
    """One digest for one member and one period; None when it was queued before."""
    if _is_suppressed(person.email):
        return None
    kind = selectors.DIGEST_KIND
    return mail_queue(
        kind=kind,
        key=mail_key(kind, period, person.pk),
        to=person.email,
        language=person.language,
        subject=_("What is new in the MenEngage Alliance"),
        template="communications/email/digest.txt",
        html_template="communications/email/digest.html",
        context={
            "sections": sections,
            "preferences": reverse_lazy("communications:digest"),
        },
    )
