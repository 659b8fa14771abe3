"""Writes for members: registering, applying, confirming, reviewing and endorsing."""

import functools
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.permissions import has_role, is_secretariat
from menengage.accounts.services import role_assign
from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.images import check_image
from menengage.core.links import links_add
from menengage.core.models import Country, Term
from menengage.core.throttle import limit_exceeded
from menengage.core.translation import Translation, site_languages
from menengage.networks.selectors import network_for_country

from . import notifications
from .models import Application, Endorsement, FrameworkDocument, Membership, Organisation
from .permissions import can_review_application, coordinates
from .selectors import (
    applications_overdue,
    framework_current,
    network_coordinators,
    organisation_people,
)
from .tasks import framework_announce

CONFIRMATION_SALT = "members.application.confirm"
# Applications sent from one client in an hour.
APPLICATIONS_PER_HOUR = 5
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
    organisation.search_text = organisation.indexed_text()
    organisation.full_clean()
    organisation.save()
    links_add(organisation, tags)
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


def _application_sent_before(submission_key):
    """For a person who already applied to the network: the application this very form made
    (the same form sent twice, perhaps at once), else a refusal."""
    first = Application.objects.filter(submission_key=submission_key).first()
    if first is None:
        raise DomainError(_("You have already applied to this network."))
    return first


def _person_for_application(email, name, country, language):
    """The account an individual applies with: theirs, or a new one without a password. Two
    applications at once may both try to create it; the second uses the first's."""
    person = User.objects.filter(email=email).first()
    if person is not None:
        return person
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email, None, name=name, country=country, language=language
            )
    except IntegrityError:
        return User.objects.get(email=email)


def application_token(application):
    return signing.dumps(application.pk, salt=CONFIRMATION_SALT)


def application_limit_exceeded(*, client):
    """Count one application from `client` (a `core.clients.client_key`); True when over the
    hourly limit. Counted outside the application's transaction, so refused ones count too."""
    return limit_exceeded(f"members-apply:{client}", limit=APPLICATIONS_PER_HOUR, seconds=3600)


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
        person = _person_for_application(email, applicant_name, country, language)
        if Membership.objects.filter(person=person, network=network).exists():
            return _application_sent_before(submission_key)
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
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # The same person's other application arrived at the same moment and won: this one is
        # either the same form (answer with its application) or a second one (refused).
        transaction.set_rollback(True)
        return _application_sent_before(submission_key)
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
    """A representative endorses `document`, a version in force, for `organisation`.
    Records `framework.endorse`."""
    if not has_role(actor, RoleAssignment.Role.REPRESENTATIVE, organisation):
        raise NotPermitted(_("Only the organisation's representatives can endorse for it."))
    if document not in framework_current():
        raise DomainError(_("Only a version in force can be endorsed."))
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
    return is_secretariat(actor) or has_role(
        actor, RoleAssignment.Role.REPRESENTATIVE, organisation
    )


def _logo_image(organisation, upload):
    """A Wagtail image of `upload`, checked by its content, named after the organisation."""
    from wagtail.images import get_image_model

    extension = check_image(upload)
    upload.name = f"{slugify(organisation.slug or organisation.name)[:60] or 'logo'}.{extension}"
    image = get_image_model()(title=organisation.name[:255], file=upload)
    image.full_clean(exclude=["collection", "uploaded_by_user"])
    image.save()
    return image


@transaction.atomic
def organisation_update(*, organisation, actor, themes=None, logo_upload=None, **changes):
    """A representative (or staff) edits the organisation's public profile, and may upload a
    logo (`logo_upload`: JPEG, PNG or WebP, checked by core.images) or remove it (`logo=None`).

    Records `organisation.update` with the changed fields before and after.
    """
    if not _represents(actor, organisation):
        raise NotPermitted(_("Only the organisation's representatives can edit its profile."))
    unknown = set(changes) - set(PROFILE_FIELDS) - {"logo"}
    if unknown or changes.get("logo") is not None:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown)) or 'logo'}")
    if logo_upload is not None:
        changes["logo"] = _logo_image(organisation, logo_upload)
    before = snapshot(organisation, changes)
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.search_text = organisation.indexed_text()
    organisation.full_clean()
    organisation.save(update_fields=[*changes, "search_text"])
    if themes is not None:
        organisation.themes.set(themes)
    audit_record(
        actor=actor,
        verb="organisation.update",
        target=organisation,
        before=before,
        after=snapshot(organisation, changes),
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


ESCALATE_AFTER_DAYS = 7


@transaction.atomic
def applications_escalate(*, now=None):
    """Flag applications untouched for seven days and tell the region's coordinators.

    Idempotent: an escalated application is not escalated again. Records
    `membership.escalate` for each, and returns how many were escalated.
    """
    now = now or timezone.now()
    overdue = applications_overdue(before=now - timezone.timedelta(days=ESCALATE_AFTER_DAYS))
    count = 0
    for application in overdue.select_for_update(of=("self",)):
        application.escalated_at = now
        application.save(update_fields=["escalated_at"])
        region = application.membership.network.parent or application.membership.network
        audit_record(
            actor=None,
            verb="membership.escalate",
            target=application.membership,
            after={"escalated_to": region.slug},
        )
        coordinators = list(network_coordinators(network=region))
        transaction.on_commit(
            functools.partial(notifications.send_escalation, application, coordinators)
        )
        count += 1
    return count


@transaction.atomic
def framework_document_publish(*, actor, **fields):
    """Publish a framework document version; staff only. When it replaces an earlier version,
    every active member is asked to endorse it again (a task after commit). Records
    `framework.publish`.
    """
    if not is_secretariat(actor):
        raise NotPermitted(_("Only secretariat staff can publish a framework document."))
    document = FrameworkDocument(**fields)
    document.full_clean()
    document.save()
    audit_record(
        actor=actor,
        verb="framework.publish",
        target=document,
        after={
            "kind": document.kind,
            "version": document.version,
            "in_force_from": document.in_force_from,
        },
    )
    replaces = FrameworkDocument.objects.filter(
        kind=document.kind, in_force_from__lt=document.in_force_from
    ).exists()
    if replaces:
        transaction.on_commit(functools.partial(framework_announce.enqueue, document.pk))
    return document


TRANSLATABLE_FRAMEWORK_FIELDS = ["summary", "text"]


@transaction.atomic
def framework_document_translate(*, document, actor, **texts):
    """Add or correct the translations of a published version (`text`, `summary`: language ->
    text); its text in the site's default language and its dates stay frozen. Staff only.
    Records `framework.translate`."""
    if not is_secretariat(actor):
        raise NotPermitted(_("Only secretariat staff can translate a framework document."))
    if set(texts) - set(TRANSLATABLE_FRAMEWORK_FIELDS):
        raise ValueError("Only translations and the summary can change after publication.")
    if "text" in texts and Translation(texts["text"]).get(
        settings.LANGUAGE_CODE
    ) != document.text.get(settings.LANGUAGE_CODE):
        raise ValueError("The published text in the default language cannot change.")
    before = snapshot(document, texts)
    for field, value in texts.items():
        setattr(document, field, value)
    document.full_clean()
    document.save(update_fields=list(texts))
    audit_record(
        actor=actor, verb="framework.translate", target=document, before=before, after=texts
    )
    return document


# Import

# CSV column -> Organisation field, for organisation_import_row.
IMPORT_COLUMNS = {
    "identifier": "identifier",
    "name": "name",
    "acronym": "acronym",
    "kind": "kind",
    "country": "country_id",
    "city": "city",
    "website": "website",
    "founded": "founded",
    "email": "public_email",
    "description": "description",
}
IMPORT_REQUIRED = ("name", "kind", "country")


class ImportResult(NamedTuple):
    outcome: str  # "created", "updated" or "unchanged"
    organisation: Organisation
    changed: list  # the columns that changed, for "updated"


def _import_parse(row):
    """The fields and theme terms a CSV row gives, or a ValidationError of plain sentences.

    Only columns present in `row` are returned, so a file without, say, a description
    column leaves descriptions alone. A blank identifier never clears one already held.
    """
    values = {column: (row.get(column) or "").strip() for column in row if column}
    errors = {}
    for column in IMPORT_REQUIRED:
        if not values.get(column):
            errors[column] = [_("The %(column)s is missing.") % {"column": column}]
    fields = {
        field: values[column]
        for column, field in IMPORT_COLUMNS.items()
        if column in values and not (column == "identifier" and not values[column])
    }
    # `description` is the text in the default language; `description_<code>` (as exported)
    # the text in each language.
    translations = {
        code: values[f"description_{code}"]
        for code in site_languages()
        if f"description_{code}" in values
    }
    if translations:
        fields["description"] = {
            **({settings.LANGUAGE_CODE: fields["description"]} if "description" in fields else {}),
            **translations,
        }
    if kind := fields.get("kind"):
        fields["kind"] = kind.lower()
        if fields["kind"] not in Organisation.Kind.values:
            errors["kind"] = [
                _('Unknown kind "%(kind)s"; use one of: %(kinds)s.')
                % {"kind": kind, "kinds": ", ".join(Organisation.Kind.values)}
            ]
    if code := fields.get("country_id"):
        fields["country_id"] = code.upper()
        if not Country.objects.filter(pk=fields["country_id"]).exists():
            errors["country"] = [_('Unknown country "%(code)s".') % {"code": code}]
    if "founded" in fields:
        founded = fields["founded"]
        fields["founded"] = int(founded) if founded.isdigit() else None
        if founded and not founded.isdigit():
            errors["founded"] = [
                _('The year founded must be a year such as 2004, not "%(value)s".')
                % {"value": founded}
            ]
    themes = None
    if "themes" in values:
        codes = {code.strip() for code in values["themes"].split(";") if code.strip()}
        themes = list(Term.objects.filter(vocabulary=Term.Vocabulary.THEME, code__in=codes))
        unknown = codes - {term.code for term in themes}
        if unknown:
            errors["themes"] = [
                _("Unknown theme %(codes)s.")
                % {"codes": ", ".join(f'"{code}"' for code in sorted(unknown))}
            ]
    if errors:
        raise ValidationError(errors)
    return fields, themes


def _held(organisation, field):
    value = getattr(organisation, field)
    return value.as_dict() if isinstance(value, Translation) else value


def _import_clean(organisation):
    """full_clean(), its messages rewritten as sentences naming the value refused."""
    try:
        organisation.full_clean()
    except ValidationError as invalid:
        errors = {}
        for name, messages in invalid.message_dict.items():
            if name == NON_FIELD_ERRORS:
                errors[name] = messages
                continue
            field = Organisation._meta.get_field(name)
            value = str(getattr(organisation, field.attname) or "")[:80]
            errors[name] = [
                _('Invalid %(field)s "%(value)s": %(message)s')
                % {"field": field.verbose_name, "value": value, "message": message}
                for message in messages
            ]
        raise ValidationError(errors) from invalid


def _import_match(fields):
    """The organisation a row describes: same identifier, else same name in the same country
    (for a row with an identifier, only among organisations that have none yet)."""
    identifier = fields.get("identifier", "")
    if identifier:
        found = Organisation.objects.filter(identifier=identifier).first()
        if found:
            return found
        return Organisation.objects.filter(
            identifier="", name__iexact=fields["name"], country_id=fields["country_id"]
        ).first()
    return organisation_find_duplicate(name=fields["name"], country=fields["country_id"])


def _import_column(field):
    return {value: key for key, value in IMPORT_COLUMNS.items()}.get(field, field)


@transaction.atomic
def organisation_import_row(*, actor, row, commit):
    """Create or update one organisation from a row of the member spreadsheet.

    `row` maps column names (IMPORT_COLUMNS and "themes", codes separated by ";") to text.
    The organisation with the row's identifier, or else the same name in the same country,
    is updated where its fields differ; otherwise one is created with an active membership
    of its country's network. Staff or the system (actor None) only. With `commit` false
    nothing is written: the outcome is what a commit would do. Raises ValidationError with
    plain sentences for a row it refuses. Records `organisation.import_create` (and
    `membership.create`) or `organisation.import_update` with the changed fields.
    """
    if actor is not None and not is_secretariat(actor):
        raise NotPermitted(_("Only staff can import member organisations."))
    fields, themes = _import_parse(row)
    organisation = _import_match(fields)
    if organisation is None:
        return _import_create(actor=actor, fields=fields, themes=themes or [], commit=commit)
    if "description" in fields:
        # The file's descriptions replace those languages only; the others stay.
        given = fields["description"]
        texts = organisation.description.as_dict()
        texts.update(given if isinstance(given, dict) else {settings.LANGUAGE_CODE: given})
        fields["description"] = Translation(texts).as_dict()
    changes = {
        field: value for field, value in fields.items() if _held(organisation, field) != value
    }
    before = snapshot(organisation, changes)
    if themes is not None:
        held = sorted(organisation.themes.values_list("code", flat=True))
        if held != sorted(term.code for term in themes):
            before["themes"] = held
            changes["themes"] = sorted(term.code for term in themes)
    if not changes:
        return ImportResult("unchanged", organisation, [])
    for field in changes.keys() - {"themes"}:
        setattr(organisation, field, changes[field])
    _import_clean(organisation)
    if commit:
        organisation.search_text = organisation.indexed_text()
        organisation.save(update_fields=[*(changes.keys() - {"themes"}), "search_text"])
        if "themes" in changes:
            organisation.themes.set(themes)
        audit_record(
            actor=actor,
            verb="organisation.import_update",
            target=organisation,
            before=before,
            after=changes,
        )
    return ImportResult("updated", organisation, [_import_column(field) for field in changes])


def _import_create(*, actor, fields, themes, commit):
    organisation = Organisation(slug=_unique_slug(fields["name"]), **fields)
    _import_clean(organisation)
    network = network_for_country(organisation.country)
    if not commit:
        return ImportResult("created", organisation, [])
    organisation.search_text = organisation.indexed_text()
    organisation.save()
    organisation.themes.set(themes)
    audit_record(
        actor=actor,
        verb="organisation.import_create",
        target=organisation,
        after={**fields, "themes": sorted(term.code for term in themes)},
    )
    today = timezone.localdate()
    membership = Membership(
        organisation=organisation,
        network=network,
        status=Membership.Status.ACTIVE,
        applied_on=today,
        joined_on=today,
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        verb="membership.create",
        target=membership,
        after={"network": network.slug, "status": Membership.Status.ACTIVE},
    )
    return ImportResult("created", organisation, [])


# People of an organisation


@transaction.atomic
def organisation_invite(*, organisation, actor, email, name=""):
    """A representative invites a colleague to represent the organisation too.

    The person gets an account if they have none and an e-mail telling them how to sign in.
    Records `organisation.invite`.
    """
    if not _represents(actor, organisation):
        raise NotPermitted(_("Only the organisation's representatives can invite people."))
    email = email.strip().lower()
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(email, None, name=name.strip(), language=actor.language)
    assignment = role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=None
    )
    audit_record(
        actor=actor, verb="organisation.invite", target=organisation, after={"email": email}
    )
    transaction.on_commit(
        functools.partial(notifications.send_invitation, person, organisation, actor)
    )
    return assignment


@transaction.atomic
def organisation_remove_person(*, organisation, actor, person):
    """Remove a representative. The last representative cannot be removed.

    Records `organisation.remove_person`.
    """
    if not _represents(actor, organisation):
        raise NotPermitted(_("Only the organisation's representatives can remove people."))
    people = list(organisation_people(organisation=organisation))
    if person not in people:
        raise DomainError(_("This person does not represent the organisation."))
    if len(people) == 1:
        raise DomainError(_("An organisation keeps at least one representative."))
    scope_type = ContentType.objects.get_for_model(Organisation)
    RoleAssignment.objects.filter(
        user=person,
        role=RoleAssignment.Role.REPRESENTATIVE,
        scope_type=scope_type,
        scope_id=organisation.pk,
    ).delete()
    audit_record(
        actor=actor,
        verb="organisation.remove_person",
        target=organisation,
        before={"email": person.email},
    )


# Status changes by coordinators

COORDINATOR_STATUSES = (
    Membership.Status.ACTIVE,
    Membership.Status.LAPSED,
    Membership.Status.SUSPENDED,
    Membership.Status.REMOVED,
)


@transaction.atomic
def membership_change_status(*, membership, actor, status, reason):
    """A coordinator of the network (or staff) suspends, lapses, removes or reinstates a member,
    with a reason. The model's guard decides which moves are allowed. Records
    `membership.<status>` (`membership.active` for a reinstatement).
    """
    if not (is_secretariat(actor) or coordinates(actor, membership.network)):
        raise NotPermitted(_("Only the network's coordinators can change this membership."))
    if status not in COORDINATOR_STATUSES:
        raise DomainError(_("Choose a status."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.check_transition(status)
    before = membership.status
    membership.status = status
    membership.reason = reason.strip()
    if status == Membership.Status.ACTIVE:
        membership.ended_on = None
        membership.joined_on = membership.joined_on or timezone.localdate()
    else:
        membership.ended_on = timezone.localdate()
    membership.save(update_fields=["status", "reason", "ended_on", "joined_on"])
    audit_record(
        actor=actor,
        verb=f"membership.{status}",
        target=membership,
        before={"status": before},
        after={"status": status, "reason": membership.reason},
    )
    return membership
