"""E-mails to body members about proposals, each in its reader's language, through the outbox
(`core.mail`). Called after the transaction commits."""

from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.core.mail import mail_key, mail_queue

from . import selectors


def _to_member(*, kind, person, subject, template, proposal, event_id, **context):
    mail_queue(
        kind=kind,
        key=mail_key(kind, event_id, person.pk),
        to=person.email,
        language=person.language,
        subject=subject,
        params={"title": proposal.title, "body": proposal.body.name},
        template=template,
        context={
            **context,
            "proposal": proposal,
            "person": person,
            # Lazy, so the link carries the reader's language prefix.
            "link": reverse_lazy("governance:proposal", kwargs={"pk": proposal.pk}),
        },
    )


def send_proposal_opened(proposal):
    for person in selectors.body_members(proposal.body):
        _to_member(
            kind="governance.proposal_opened",
            person=person,
            subject=_("New proposal to %(body)s: %(title)s"),
            template="governance/email/proposal_opened.txt",
            proposal=proposal,
            event_id=proposal.pk,
        )


def send_proposal_reminder(proposal):
    """Only the members who have not yet taken a position, nor declared a conflict; once."""
    silent = (
        selectors.body_members(proposal.body)
        .exclude(governance_positions__proposal=proposal)
        .exclude(pk__in=proposal.conflicts.values("member"))
        .exclude(pk__in=proposal.proxies.values("giver"))
    )
    for person in silent:
        _to_member(
            kind="governance.proposal_reminder",
            person=person,
            subject=_("A day left to take a position: %(title)s"),
            template="governance/email/proposal_reminder.txt",
            proposal=proposal,
            event_id=proposal.pk,
        )


def send_decision(decision):
    """To the body's members, and to whoever opened the proposal even if their seat has ended
    since: the person who put the question always hears the answer."""
    proposal = decision.proposal
    members = selectors.body_members(proposal.body)
    recipients = members.model.objects.filter(
        Q(pk__in=members.values("pk")) | Q(pk=proposal.opened_by_id, is_active=True)
    )
    for person in recipients:
        _to_member(
            kind="governance.decision",
            person=person,
            subject=_("Outcome of the proposal: %(title)s"),
            template="governance/email/decision.txt",
            proposal=proposal,
            event_id=decision.pk,
            decision=decision,
        )
