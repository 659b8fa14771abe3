"""E-mails about memberships, each in its reader's language, through the outbox (`core.mail`).
Called after the transaction commits (the framework announcement from a task on the worker)."""

import uuid

from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.accounts.passwords import password_set_link
from menengage.core.mail import mail_key, mail_queue

OUTCOME_SUBJECTS = {
    "approved": _("Welcome to the MenEngage Alliance"),
    "declined": _("Your application to the MenEngage Alliance"),
    "information": _("A question about your application to the MenEngage Alliance"),
}


def _send(*, kind, key, to, language, subject, template, context, link=None, params=None):
    """Queue one message; `link` is lazy so it gets the reader's language prefix."""
    mail_queue(
        kind=kind,
        key=mail_key(kind, *key),
        to=to,
        language=language,
        subject=subject,
        params=params,
        template=template,
        context={**context, "link": link},
    )


def send_application_confirmation(application, token):
    _send(
        kind="members.application_confirm",
        key=[application.pk],
        to=application.applicant_email,
        language=application.language,
        subject=_("Confirm your application to the MenEngage Alliance"),
        template="members/email/application_confirm.txt",
        context={"application": application},
        link=reverse_lazy("members:join_confirm", args=[token]),
    )


def send_new_application_to_coordinators(application, coordinators):
    for person in coordinators:
        _send(
            kind="members.application_new",
            key=[application.pk, person.pk],
            to=person.email,
            language=person.language,
            subject=_("A new application to %(network)s"),
            params={
                "network": str(application.membership.network.name.in_language(person.language))
            },
            template="members/email/application_new.txt",
            context={"application": application, "person": person},
            link=reverse_lazy("members:review_detail", args=[application.pk]),
        )


def send_application_outcome(application, outcome):
    """Once per decision: a second question to the same applicant is a new event."""
    context = {"application": application}
    if outcome == "approved":
        context["set_password_link"] = password_set_link(
            email=application.applicant_email, language=application.language
        )
    _send(
        kind=f"members.application_{outcome}",
        key=[application.pk, application.last_action_at.isoformat()],
        to=application.applicant_email,
        language=application.language,
        subject=OUTCOME_SUBJECTS[outcome],
        template=f"members/email/application_{outcome}.txt",
        context=context,
    )


def send_framework_announcement(document):
    """One e-mail per representative of an active member organisation, and per individual;
    written to the outbox a batch at a time, each batch committed with its delivery queued.
    Running it again for the same document sends nobody a second message."""
    from django.conf import settings

    from .selectors import framework_announcement_recipients

    recipients = framework_announcement_recipients().only("pk", "email", "language", "name")
    recipients = list(recipients.order_by("pk"))
    size = settings.MAIL_BATCH_SIZE
    for start in range(0, len(recipients), size):
        with transaction.atomic():
            for person in recipients[start : start + size]:
                _send(
                    kind="members.framework_announcement",
                    key=[document.pk, person.pk],
                    to=person.email,
                    language=person.language,
                    subject=_("Please endorse the new %(document)s"),
                    params={"document": document},  # named in the reader's language
                    template="members/email/framework_new_version.txt",
                    context={"document": document, "person": person},
                    link=reverse_lazy("members:portal"),
                )


def send_escalation(application, coordinators):
    for person in coordinators:
        _send(
            kind="members.application_escalated",
            key=[application.pk, person.pk],
            to=person.email,
            language=person.language,
            subject=_("An application to %(network)s has waited more than a week"),
            params={
                "network": str(application.membership.network.name.in_language(person.language))
            },
            template="members/email/application_escalated.txt",
            context={"application": application, "person": person},
            link=reverse_lazy("members:review_detail", args=[application.pk]),
        )


def send_invitation(person, organisation, inviter):
    """Each invitation is its own event: inviting again sends again."""
    _send(
        kind="members.invitation",
        key=[organisation.pk, person.pk, uuid.uuid4().hex],
        to=person.email,
        language=person.language,
        subject=_("You now represent %(organisation)s in the MenEngage Alliance"),
        params={"organisation": str(organisation)},
        template="members/email/invitation.txt",
        context={
            "person": person,
            "organisation": organisation,
            "inviter": inviter,
            "set_password_link": password_set_link(email=person.email, language=person.language),
        },
        link=reverse_lazy("accounts:login"),
    )
