"""E-mails about registrations and submissions, each in its reader's language, through the
outbox (`core.mail`). Called after the transaction commits."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.core.mail import mail_key, mail_queue

from .permissions import can_see_join_link


def _links(registration):
    from .services import CERTIFICATE_SALT, CONFIRM_SALT, registration_token

    # Lazy, so each link carries the reader's language prefix when the message is rendered.
    return {
        "confirm": reverse_lazy(
            "events:confirm", args=[registration_token(registration, CONFIRM_SALT)]
        ),
        "page": reverse_lazy("events:registration", args=[registration.key]),
        "cancel": reverse_lazy("events:cancel", args=[registration.key]),
        "calendar": reverse_lazy("events:registration_ics", args=[registration.key]),
        "certificate": reverse_lazy(
            "events:certificate", args=[registration_token(registration, CERTIFICATE_SALT)]
        ),
    }


def _about(registration, *, kind, subject, template):
    """One message to a registrant; each kind is sent once per registration."""
    mail_queue(
        kind=kind,
        key=mail_key(kind, registration.pk),
        to=registration.email,
        language=registration.language,
        subject=subject,
        params={"event": str(registration.event.title.in_language(registration.language))},
        template=template,
        context={
            "registration": registration,
            "event": registration.event,
            "links": _links(registration),
            # The same rule as the page and the calendar: a confirmed place at a confirmed address
            # (a mistyped address must not receive the link).
            "join_url": registration.event.join_url if can_see_join_link(registration) else "",
        },
    )


def send_registration_received(registration):
    _about(
        registration,
        kind="events.registered",
        subject=_("Your registration for %(event)s"),
        template="events/email/registered.txt",
    )


def send_promoted(registration):
    _about(
        registration,
        kind="events.promoted",
        subject=_("A place has opened for you at %(event)s"),
        template="events/email/promoted.txt",
    )


def send_decision(registration):
    _about(
        registration,
        kind="events.decided",
        subject=_("Your request to attend %(event)s"),
        template="events/email/decided.txt",
    )


def send_certificate(registration):
    _about(
        registration,
        kind="events.certificate",
        subject=_("Your certificate of attendance for %(event)s"),
        template="events/email/certificate.txt",
    )


def send_submission_received(submission):
    """The acknowledgement of a proposal to a call, to its submitter, in their language; the
    decision follows by `send_outcome`."""
    mail_queue(
        kind="events.submission_received",
        key=mail_key("events.submission_received", submission.pk),
        to=submission.submitter.email,
        language=submission.submitter.language,
        subject=_("We have received your proposal to %(event)s"),
        params={"event": submission.call.event.title},
        template="events/email/submission_received.txt",
        context={
            "submission": submission,
            "event": submission.call.event,
            "call": submission.call,
            # Lazy, so the link carries the reader's language prefix.
            "link": reverse_lazy(
                "events:call",
                kwargs={"slug": submission.call.event.slug, "call": submission.call.pk},
            ),
        },
    )


def send_outcome(submission):
    """The decision to the submitter and each co-author, in the submitter's language."""
    addresses = [submission.submitter.email] + [
        coauthor.email for coauthor in submission.coauthors.all() if coauthor.email
    ]
    for address in dict.fromkeys(addresses):
        mail_queue(
            kind="events.submission_outcome",
            key=mail_key("events.submission_outcome", submission.pk, address),
            to=address,
            language=submission.submitter.language,
            subject=_("The decision on your proposal to %(event)s"),
            params={
                "event": str(submission.call.event.title.in_language(submission.submitter.language))
            },
            template="events/email/outcome.txt",
            context={"submission": submission, "event": submission.call.event},
        )
