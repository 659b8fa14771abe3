"""E-mails about memberships, each in its reader's language. Sent after the transaction commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from menengage.accounts.passwords import password_set_link

OUTCOME_SUBJECTS = {
    "approved": _("Welcome to the MenEngage Alliance"),
    "declined": _("Your application to the MenEngage Alliance"),
    "information": _("A question about your application to the MenEngage Alliance"),
}


def _send(*, to, language, subject, template, context, link_to=None, params=None):
    """Render and send one e-mail with `language` active for subject, body and links."""
    with translation.override(language):
        link = reverse(*link_to) if link_to else None
        body = render_to_string(template, {**context, "link": link, "base_url": settings.BASE_URL})
        send_mail(str(subject) % (params or {}), body, None, [to])


def send_application_confirmation(application, token):
    _send(
        to=application.applicant_email,
        language=application.language,
        subject=_("Confirm your application to the MenEngage Alliance"),
        template="members/email/application_confirm.txt",
        context={"application": application},
        link_to=("members:join_confirm", None, [token]),
    )


def send_new_application_to_coordinators(application, coordinators):
    for person in coordinators:
        _send(
            to=person.email,
            language=person.language,
            subject=_("A new application to %(network)s"),
            params={"network": application.membership.network.name_en},
            template="members/email/application_new.txt",
            context={"application": application, "person": person},
            link_to=("members:review_detail", None, [application.pk]),
        )


def send_application_outcome(application, outcome):
    context = {"application": application}
    if outcome == "approved":
        context["set_password_link"] = password_set_link(
            email=application.applicant_email, language=application.language
        )
    _send(
        to=application.applicant_email,
        language=application.language,
        subject=OUTCOME_SUBJECTS[outcome],
        template=f"members/email/application_{outcome}.txt",
        context=context,
    )


def send_framework_announcement(document):
    """One e-mail per representative of an active member organisation, and per individual."""
    from .selectors import framework_announcement_recipients

    for person in framework_announcement_recipients():
        _send(
            to=person.email,
            language=person.language,
            subject=_("Please endorse the new %(document)s"),
            params={"document": str(document)},
            template="members/email/framework_new_version.txt",
            context={"document": document, "person": person},
            link_to=("members:portal",),
        )


def send_escalation(application, coordinators):
    for person in coordinators:
        _send(
            to=person.email,
            language=person.language,
            subject=_("An application to %(network)s has waited more than a week"),
            params={"network": application.membership.network.name_en},
            template="members/email/application_escalated.txt",
            context={"application": application, "person": person},
            link_to=("members:review_detail", None, [application.pk]),
        )


def send_invitation(person, organisation, inviter):
    _send(
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
        link_to=("accounts:login",),
    )
