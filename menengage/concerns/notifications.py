"""E-mails about concerns, through the outbox (`core.mail`). None carries a concern's words:
only that something happened and where to look (handlers) or that a reply waits behind the
receipt (a named reporter). Called after the transaction commits."""

import uuid

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.core.mail import mail_key, mail_queue


def _send(*, kind, key, to, language, subject, template, context, link, confidential=False):
    mail_queue(
        confidential=confidential,
        kind=kind,
        key=mail_key(kind, *key),
        to=to,
        language=language,
        subject=subject,
        template=template,
        # Lazy, so the link carries the reader's language prefix.
        context={**context, "link": link},
    )


def _case_link(concern):
    return reverse_lazy("concerns:case_detail", args=[concern.pk])


def send_arrival(concern, people, appeal=False):
    for person in people:
        _send(
            kind="concerns.appeal" if appeal else "concerns.arrival",
            key=[concern.pk, person.pk],
            to=person.email,
            language=person.language,
            subject=_("An appeal reached you") if appeal else _("A concern arrived"),
            template="concerns/email/arrival.txt",
            context={"concern": concern, "person": person, "appeal": appeal},
            link=_case_link(concern),
        )


def send_assigned(concern, person):
    # Each assignment is its own event (a person can be assigned again after being removed).
    _send(
        kind="concerns.assigned",
        key=[concern.pk, person.pk, uuid.uuid4().hex],
        to=person.email,
        language=person.language,
        subject=_("You were assigned to a concern"),
        template="concerns/email/assigned.txt",
        context={"concern": concern, "person": person},
        link=_case_link(concern),
    )


def send_case_update(concern, people):
    event = uuid.uuid4().hex
    for person in people:
        _send(
            kind="concerns.case_update",
            key=[concern.pk, person.pk, event],
            to=person.email,
            language=person.language,
            subject=_("The reporter wrote about a concern"),
            template="concerns/email/case_update.txt",
            context={"concern": concern},
            link=_case_link(concern),
        )


def send_overdue(concern, people, which):
    """Once per lateness (`which`: acknowledge, respond) and handler."""
    for person in people:
        _send(
            kind="concerns.overdue",
            key=[concern.pk, person.pk, *which],
            to=person.email,
            language=person.language,
            subject=_("A concern is overdue"),
            template="concerns/email/overdue.txt",
            context={"concern": concern, "person": person, "which": which},
            link=_case_link(concern),
        )


def send_reporter_update(concern, address):
    _send(
        kind="concerns.reporter_update",
        key=[concern.pk, uuid.uuid4().hex],
        to=address,
        language=concern.language,
        subject=_("News about the concern you reported"),
        template="concerns/email/reporter_update.txt",
        context={"concern": concern},
        link=reverse_lazy("concerns:followup"),
        # The reporter's address is kept encrypted with the concern; the outbox forgets it.
        confidential=True,
    )
