"""E-mails about registrations and submissions, each in its reader's language. Sent after the
transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _send(*, to, language, subject, template, context, params=None):
    with translation.override(language):
        body = render_to_string(template, {**context, "base_url": settings.BASE_URL})
        send_mail(str(subject) % (params or {}), body, None, to)


def _links(registration):
    from .services import CERTIFICATE_SALT, CONFIRM_SALT, registration_token

    return {
        "confirm": reverse("events:confirm", args=[registration_token(registration, CONFIRM_SALT)]),
        "page": reverse("events:registration", args=[registration.key]),
        "cancel": reverse("events:cancel", args=[registration.key]),
        "certificate": reverse(
            "events:certificate", args=[registration_token(registration, CERTIFICATE_SALT)]
        ),
    }


def _about(registration, subject, template):
    with translation.override(registration.language):
        links = _links(registration)
    _send(
        to=[registration.email],
        language=registration.language,
        subject=subject,
        params={"event": registration.event.title},
        template=template,
        context={"registration": registration, "event": registration.event, "links": links},
    )


def send_registration_received(registration):
    _about(registration, _("Your registration for %(event)s"), "events/email/registered.txt")


def send_promoted(registration):
    _about(
        registration,
        _("A place has opened for you at %(event)s"),
        "events/email/promoted.txt",
    )


def send_decision(registration):
    _about(registration, _("Your request to attend %(event)s"), "events/email/decided.txt")


def send_certificate(registration):
    _about(
        registration,
        _("Your certificate of attendance for %(event)s"),
        "events/email/certificate.txt",
    )


def send_outcome(submission):
    recipients = [submission.submitter.email] + [
        coauthor.email for coauthor in submission.coauthors.all() if coauthor.email
    ]
    _send(
        to=recipients,
        language=submission.submitter.language,
        subject=_("The decision on your proposal to %(event)s"),
        params={"event": submission.call.event.title},
        template="events/email/outcome.txt",
        context={"submission": submission, "event": submission.call.event},
    )
