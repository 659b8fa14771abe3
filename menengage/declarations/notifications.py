"""E-mails to people who endorse a declaration, in the language they signed in, through the
outbox (`core.mail`). Called after the transaction commits; each is sent once per endorsement."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from menengage.core.mail import mail_key, mail_queue


def _to_endorser(*, kind, endorsement, subject, template, link_name, token):
    mail_queue(
        kind=kind,
        key=mail_key(kind, endorsement.pk),
        to=endorsement.email,
        language=endorsement.language,
        subject=subject,
        params={"declaration": endorsement.declaration.title},
        template=template,
        context={
            "endorsement": endorsement,
            "declaration": endorsement.declaration,
            # Lazy, so the link carries the endorser's language prefix.
            "link": reverse_lazy(link_name, kwargs={"token": token}),
        },
    )


def send_endorsement_confirm(endorsement, token):
    _to_endorser(
        kind="declarations.endorsement_confirm",
        endorsement=endorsement,
        subject=_("Confirm your endorsement of the %(declaration)s"),
        template="declarations/email/endorsement_confirm.txt",
        link_name="declarations:confirm",
        token=token,
    )


def send_endorsement_confirmed(endorsement, token):
    _to_endorser(
        kind="declarations.endorsement_confirmed",
        endorsement=endorsement,
        subject=_("Thank you for endorsing the %(declaration)s"),
        template="declarations/email/endorsement_confirmed.txt",
        link_name="declarations:withdraw",
        token=token,
    )
