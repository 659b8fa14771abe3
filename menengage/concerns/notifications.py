"""E-mails about concerns. None carries a concern's words: only that something happened and
where to look (handlers) or that a reply waits behind the receipt (a named reporter)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _send(*, to, language, subject, template, context, link_to=None):
    with translation.override(language):
        link = reverse(*link_to) if link_to else None
        body = render_to_string(template, {**context, "link": link, "base_url": settings.BASE_URL})
        send_mail(str(subject), body, None, [to])


def send_arrival(concern, people, appeal=False):
    subject = _("An appeal reached you") if appeal else _("A concern arrived")
    for person in people:
        _send(
            to=person.email,
            language=person.language,
            subject=subject,
            template="concerns/email/arrival.txt",
            context={"concern": concern, "person": person, "appeal": appeal},
            link_to=("concerns:case_detail", None, [concern.pk]),
        )


def send_assigned(concern, person):
    _send(
        to=person.email,
        language=person.language,
        subject=_("You were assigned to a concern"),
        template="concerns/email/assigned.txt",
        context={"concern": concern, "person": person},
        link_to=("concerns:case_detail", None, [concern.pk]),
    )


def send_case_update(concern, people):
    for person in people:
        _send(
            to=person.email,
            language=person.language,
            subject=_("The reporter wrote about a concern"),
            template="concerns/email/case_update.txt",
            context={"concern": concern},
            link_to=("concerns:case_detail", None, [concern.pk]),
        )


def send_overdue(concern, people, which):
    for person in people:
        _send(
            to=person.email,
            language=person.language,
            subject=_("A concern is overdue"),
            template="concerns/email/overdue.txt",
            context={"concern": concern, "person": person, "which": which},
            link_to=("concerns:case_detail", None, [concern.pk]),
        )


def send_reporter_update(concern, address):
    _send(
        to=address,
        language=concern.language,
        subject=_("News about the concern you reported"),
        template="concerns/email/reporter_update.txt",
        context={"concern": concern},
        link_to=("concerns:followup",),
    )
