"""E-mails to people who endorse a declaration, in the language they signed in.
Sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _send(*, endorsement, subject, template, link_name, token):
    with translation.override(endorsement.language):
        link = reverse(link_name, kwargs={"token": token})
        context = {
            "endorsement": endorsement,
            "declaration": endorsement.declaration,
            "link": link,
            "base_url": settings.BASE_URL,
        }
        body = render_to_string(template, context)
        title = endorsement.declaration.title
        send_mail(str(subject) % {"declaration": title}, body, None, [endorsement.email])


def send_endorsement_confirm(endorsement, token):
    _send(
        endorsement=endorsement,
        subject=_("Confirm your endorsement of the %(declaration)s"),
        template="declarations/email/endorsement_confirm.txt",
        link_name="declarations:confirm",
        token=token,
    )


def send_endorsement_confirmed(endorsement, token):
    _send(
        endorsement=endorsement,
        subject=_("Thank you for endorsing the %(declaration)s"),
        template="declarations/email/endorsement_confirmed.txt",
        link_name="declarations:withdraw",
        token=token,
    )
