"""E-mails to body members about proposals, each in its reader's language, sent after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import selectors


def _send(*, person, subject, template, context):
    with translation.override(person.language or settings.LANGUAGE_CODE):
        proposal = context["proposal"]
        body = render_to_string(
            template,
            {
                **context,
                "person": person,
                "link": proposal.get_absolute_url(),
                "base_url": settings.BASE_URL,
            },
        )
        send_mail(
            str(subject) % {"title": proposal.title, "body": proposal.body.name},
            body,
            None,
            [person.email],
        )


def send_proposal_opened(proposal):
    for person in selectors.body_members(proposal.body):
        _send(
            person=person,
            subject=_("New proposal to %(body)s: %(title)s"),
            template="governance/email/proposal_opened.txt",
            context={"proposal": proposal},
        )


def send_proposal_reminder(proposal):
    """Only the members who have not yet taken a position, nor declared a conflict."""
    silent = (
        selectors.body_members(proposal.body)
        .exclude(governance_positions__proposal=proposal)
        .exclude(pk__in=proposal.conflicts.values("member"))
        .exclude(pk__in=proposal.proxies.values("giver"))
    )
    for person in silent:
        _send(
            person=person,
            subject=_("A day left to take a position: %(title)s"),
            template="governance/email/proposal_reminder.txt",
            context={"proposal": proposal},
        )


def send_decision(decision):
    proposal = decision.proposal
    for person in selectors.body_members(proposal.body):
        _send(
            person=person,
            subject=_("Outcome of the proposal: %(title)s"),
            template="governance/email/decision.txt",
            context={"proposal": proposal, "decision": decision},
        )
