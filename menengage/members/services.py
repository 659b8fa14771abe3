"""Writes for members: registering, applying, confirming, reviewing and endorsing."""

import functools

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.audit import audit_record
from menengage.core.errors import DomainError, NotPermitted
from menengage.networks.selectors import network_for_country

from . import notifications
from .models import Application, Endorsement, FrameworkDocument, Membership, Organisation
from .permissions import can_review_application
from .selectors import framework_current, network_coordinators

CONFIRMATION_SALT = "members.application.confirm"
CONFIRMATION_MAX_AGE = 14 * 24 * 3600
THEMES = ("themes", "age_groups", "languages")


class DuplicateOrganisation(DomainError):
    """The organisation is already in the directory or has already applied."""

    def __init__(self, existing):
        self.existing = existing
        super().__init__(_("This organisation is already registered."))


def _unique_slug(name):
    base = slugify(name)[:200] or "organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _create_organisation(fields):
    tags = {name: fields.pop(name, []) for name in THEMES}
    fields.setdefault("slug", _unique_slug(fields["name"]))
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    for name, terms in tags.items():
        getattr(organisation, name).set(terms)
    return organisation


@transaction.atomic
def organisation_register(*, actor, memberships=(), **fields):
    """Create an organisation and its memberships (network, status) in one step.

    Records `organisation.register`, and `membership.create` for each membership.
    """
    organisation = _create_organisation(dict(fields))
    audit_record(
        actor=actor,
        verb="organisation.register",
        target=organisation,
        after={key: value for key, value in fields.items() if key not in THEMES},
    )
    today = timezone.localdate()
    for network, status in memberships:
        membership = Membership(
            organisation=organisation,
            network=network,
            status=status,
            applied_on=today,
            joined_on=today if status == Membership.Status.ACTIVE else None,
        )
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            verb="membership.create",
            target=membership,
            after={"network": network.slug, "status": status},
        )
    return organisation


def organisation_find_duplicate(*, name, country, identifier=""):
    """An organisation with the same identifier, or the same name in the same country."""
    same = Q(name__iexact=name.strip(), country=country)
    if identifier:
        same |= Q(identifier=identifier)
    return Organisation.objects.filter(same).first()


def _endorse(*, documents, organisation, person, signatory_name, actor):
    for document in documents:
        endorsement, created = Endorsement.objects.get_or_create(
            document=document,
            organisation=organisation,
            person=None if organisation else person,
            defaults={"signatory_name": signatory_name},
        )
        if created:
            audit_record(
                actor=actor,
                verb="framework.endorse",
                target=endorsement,
                after={"document": str(document), "signatory": signatory_name},
            )


def application_token(application):
    return signing.dumps(application.pk, salt=CONFIRMATION_SALT)


@transaction.atomic
def application_submit(
    *,
    actor,
    submission_key,
    as_individual,
    country,
    applicant_name,
    applicant_email,
    language,
    activities,
    organisation=None,
):
    """Apply to join the network of `country` (its region's, or the Alliance's, where none).

    The applicant endorses the Core Principles and Code of Conduct in force, recorded with
    their name. A second submission with the same `submission_key` returns the first
    application and writes nothing. An organisation already registered (same identifier, or
    same name and country) raises DuplicateOrganisation. Records `membership.apply` and sends
    the applicant a confirmation link after commit.
    """
    existing = Application.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing
    documents = framework_current(
        kinds=[FrameworkDocument.Kind.CORE_PRINCIPLES, FrameworkDocument.Kind.CODE_OF_CONDUCT]
    )
    network = network_for_country(country)
    email = applicant_email.strip().lower()
    member_org, person = None, None
    if as_individual:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(
                email, None, name=applicant_name, country=country, language=language
            )
        if Membership.objects.filter(person=person, network=network).exists():
            raise DomainError(_("You have already applied to this network."))
    else:
        fields = dict(organisation)
        duplicate = organisation_find_duplicate(
            name=fields["name"], country=country, identifier=fields.get("identifier", "")
        )
        if duplicate:
            raise DuplicateOrganisation(duplicate)
        member_org = _create_organisation({**fields, "country": country})
    membership = Membership(
        organisation=member_org,
        person=person,
        network=network,
        status=Membership.Status.APPLIED,
        applied_on=timezone.localdate(),
    )
    membership.save()
    application = Application(
        membership=membership,
        applicant_name=applicant_name,
        applicant_email=email,
        language=language,
        submission_key=submission_key,
        activities=activities,
    )
    application.full_clean(exclude=["membership"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The same form arrived twice at once; the first one won.
        transaction.set_rollback(True)
        return Application.objects.get(submission_key=submission_key)
    _endorse(
        documents=documents,
        organisation=member_org,
        person=person,
        signatory_name=applicant_name,
        actor=actor,
    )
    audit_record(
        actor=actor,
        verb="membership.apply",
        target=membership,
        after={"network": network.slug, "applicant": applicant_name},
    )
    token = application_token(application)
    transaction.on_commit(
        functools.partial(notifications.send_application_confirmation, application, token)
    )
    return application


def application_from_token(token):
    """The application a confirmation link names; raises DomainError for a bad or old link."""
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature as bad:
        raise DomainError(_("This confirmation link is not valid or has expired.")) from bad
    application = Application.objects.select_related("membership__network").filter(pk=pk).first()
    if application is None:
        raise DomainError(_("This confirmation link is not valid or has expired."))
    return application


@transaction.atomic
def application_confirm_email(*, application, actor=None):
    """Confirm the applicant's e-mail; the application then goes to the network's reviewers.

    Idempotent. Records `membership.email_confirmed` and e-mails the coordinators after commit.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.email_confirmed_at:
        return application
    membership = application.membership
    membership.check_transition(Membership.Status.UNDER_REVIEW)
    now = timezone.now()
    application.email_confirmed_at = now
    application.last_action_at = now
    application.save(update_fields=["email_confirmed_at", "last_action_at"])
    membership.status = Membership.Status.UNDER_REVIEW
    membership.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="membership.email_confirmed",
        target=membership,
        before={"status": "applied"},
        after={"status": "under_review"},
    )
    coordinators = list(network_coordinators(network=membership.network))
    transaction.on_commit(
        functools.partial(
            notifications.send_new_application_to_coordinators, application, coordinators
        )
    )
    return application


def _decide(*, application, actor, status, reason, verb, outcome):
    if not can_review_application(actor, application):
        raise NotPermitted(_("Only the network's coordinators can review this application."))
    membership = Membership.objects.select_for_update().get(pk=application.membership_id)
    membership.check_transition(status)
    before = membership.status
    membership.status = status
    if status == Membership.Status.ACTIVE:
        membership.joined_on = timezone.localdate()
    else:
        membership.ended_on = timezone.localdate()
    membership.reason = reason
    membership.save(update_fields=["status", "joined_on", "ended_on", "reason"])
    application.decision_reason = reason
    application.last_action_at = timezone.now()
    application.save(update_fields=["decision_reason", "last_action_at"])
    audit_record(
        actor=actor,
        verb=verb,
        target=membership,
        before={"status": before},
        after={"status": status, "reason": reason},
    )
    transaction.on_commit(
        functools.partial(notifications.send_application_outcome, application, outcome)
    )
    return membership


@transaction.atomic
def application_approve(*, application, actor, note=""):
    """Accept the applicant as an active member. Coordinators of the network (or its region)
    and staff only. An organisation's applicant becomes its representative. Records
    `membership.approve` and tells the applicant in their language.
    """
    membership = _decide(
        application=application,
        actor=actor,
        status=Membership.Status.ACTIVE,
        reason=note,
        verb="membership.approve",
        outcome="approved",
    )
    if membership.organisation_id:
        person = User.objects.filter(email=application.applicant_email).first()
        if person is None:
            person = User.objects.create_user(
                application.applicant_email,
                None,
                name=application.applicant_name,
                language=application.language,
            )
        role_assign(
            user=person,
            role=RoleAssignment.Role.REPRESENTATIVE,
            scope=membership.organisation,
            actor=None,
        )
    return membership


@transaction.atomic
def application_decline(*, application, actor, reason):
    """Decline an application with a reason the applicant is told. Records `membership.decline`."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the application is declined.")})
    return _decide(
        application=application,
        actor=actor,
        status=Membership.Status.DECLINED,
        reason=reason.strip(),
        verb="membership.decline",
        outcome="declined",
    )


@transaction.atomic
def application_request_information(*, application, actor, question):
    """Ask the applicant for more information; the application stays under review.

    Records `membership.information_requested` and e-mails the question to the applicant.
    """
    if not can_review_application(actor, application):
        raise NotPermitted(_("Only the network's coordinators can review this application."))
    if not question.strip():
        raise ValidationError({"question": _("Write the question for the applicant.")})
    if application.membership.status != Membership.Status.UNDER_REVIEW:
        raise DomainError(_("Only an application under review can be asked about."))
    application.information_request = question.strip()
    application.last_action_at = timezone.now()
    application.save(update_fields=["information_request", "last_action_at"])
    audit_record(
        actor=actor,
        verb="membership.information_requested",
        target=application.membership,
        after={"question": application.information_request},
    )
    transaction.on_commit(
        functools.partial(notifications.send_application_outcome, application, "information")
    )
    return application


@transaction.atomic
def framework_endorse(*, document, organisation, actor):
    """A representative endorses `document` for `organisation`. Records `framework.endorse`."""
    from menengage.accounts.permissions import has_role

    if not has_role(actor, RoleAssignment.Role.REPRESENTATIVE, organisation):
        raise NotPermitted(_("Only the organisation's representatives can endorse for it."))
    _endorse(
        documents=[document],
        organisation=organisation,
        person=None,
        signatory_name=actor.name or actor.email,
        actor=actor,
    )


def application_decide(*, application, actor, decision, text=""):
    """Carry out a coordinator's decision from the review page: approve, ask or decline."""
    if decision == "approve":
        return application_approve(application=application, actor=actor, note=text)
    if decision == "ask":
        return application_request_information(application=application, actor=actor, question=text)
    if decision == "decline":
        return application_decline(application=application, actor=actor, reason=text)
    raise DomainError(_("Choose a decision."))


REENDORSED_KINDS = (FrameworkDocument.Kind.CORE_PRINCIPLES, FrameworkDocument.Kind.CODE_OF_CONDUCT)


@transaction.atomic
def membership_lapse_unendorsed(*, actor=None, on=None):
    """Lapse active memberships that did not endorse a new framework version in its grace period.

    Only versions that replaced an earlier one count (the first version was endorsed on
    joining). Idempotent: lapsed memberships are no longer active. Records `membership.lapse`
    for each, and returns how many lapsed.
    """
    on = on or timezone.localdate()
    lapsed = 0
    for document in framework_current(kinds=REENDORSED_KINDS, on=on):
        replaced_earlier = FrameworkDocument.objects.filter(
            kind=document.kind, in_force_from__lt=document.in_force_from
        ).exists()
        deadline = document.in_force_from + timezone.timedelta(days=document.grace_days)
        if not replaced_earlier or on <= deadline:
            continue
        endorsed = Endorsement.objects.filter(document=document)
        overdue = (
            Membership.objects.select_for_update()
            .filter(status=Membership.Status.ACTIVE)
            .exclude(
                organisation__in=endorsed.filter(organisation__isnull=False).values("organisation")
            )
            .exclude(person__in=endorsed.filter(person__isnull=False).values("person"))
        )
        reason = f"Did not endorse {document} by {deadline.isoformat()}."
        for membership in overdue:
            membership.status = Membership.Status.LAPSED
            membership.ended_on = on
            membership.reason = reason
            membership.save(update_fields=["status", "ended_on", "reason"])
            audit_record(
                actor=actor,
                verb="membership.lapse",
                target=membership,
                before={"status": "active"},
                after={"status": "lapsed", "reason": reason},
            )
            lapsed += 1
    return lapsed


PROFILE_FIELDS = [
    "name",
    "acronym",
    "city",
    "website",
    "description",
    "public_email",
    "public_phone",
    "show_email",
    "show_phone",
    "works_with_womens_rights",
]


def _represents(actor, organisation):
    from menengage.accounts.permissions import has_role, is_secretariat

    return is_secretariat(actor) or has_role(
        actor, RoleAssignment.Role.REPRESENTATIVE, organisation
    )


@transaction.atomic
def organisation_update(*, organisation, actor, themes=None, **changes):
    """A representative (or staff) edits the organisation's public profile.

    Records `organisation.update` with the changed fields before and after.
    """
    if not _represents(actor, organisation):
        raise NotPermitted(_("Only the organisation's representatives can edit its profile."))
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    before = {field: getattr(organisation, field) for field in changes}
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save(update_fields=list(changes))
    if themes is not None:
        organisation.themes.set(themes)
    audit_record(
        actor=actor, verb="organisation.update", target=organisation, before=before, after=changes
    )
    return organisation


@transaction.atomic
def membership_withdraw(*, membership, actor, reason):
    """The member leaves a network, with a reason. Records `membership.withdraw`."""
    if not membership.organisation or not _represents(actor, membership.organisation):
        raise NotPermitted(_("Only the organisation's representatives can withdraw it."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the organisation is leaving.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.check_transition(Membership.Status.WITHDRAWN)
    before = membership.status
    membership.status = Membership.Status.WITHDRAWN
    membership.ended_on = timezone.localdate()
    membership.reason = reason.strip()
    membership.save(update_fields=["status", "ended_on", "reason"])
    audit_record(
        actor=actor,
        verb="membership.withdraw",
        target=membership,
        before={"status": before},
        after={"status": "withdrawn", "reason": reason},
    )
    return membership
