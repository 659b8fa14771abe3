"""Writes for declarations: drafting, comments, adoption, endorsements and follow-up."""

import functools
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record
from menengage.core.errors import DomainError, NotPermitted
from menengage.core.throttle import limit_exceeded
from menengage.core.translation import site_languages
from menengage.members.models import Membership, Organisation
from menengage.networks.selectors import region_slug_for_country

from . import notifications
from .models import (
    Comment,
    Commitment,
    CommitmentAction,
    Declaration,
    DeclarationVersion,
    Endorsement,
    normalise_email,
    normalise_organisation_name,
    split_paragraphs,
)
from .permissions import can_adopt, can_manage, is_drafter, member_organisations

CONFIRM_SALT = "declarations.endorsement.confirm"
WITHDRAW_SALT = "declarations.endorsement.withdraw"
CONFIRM_MAX_AGE = 30 * 24 * 3600
# The sign-on form: this many attempts per client per window, counted in the shared
# database cache so every server process (and the SQLite default) sees the same count.
SIGNON_LIMIT = 10
SIGNON_WINDOW_SECONDS = 3600


class DuplicateEndorsement(DomainError):
    """This e-mail address or organisation has already endorsed the declaration.

    The message never says who signed before, nor whether that signature is confirmed.
    """

    def __init__(self, kind):
        if kind == Endorsement.Kind.ORGANISATION:
            message = _(
                "This organisation has already endorsed this declaration. Thank you: "
                "nothing more is needed."
            )
        else:
            message = _(
                "This e-mail address has already been used to endorse this declaration. "
                "Thank you: nothing more is needed. If you have not confirmed it yet, look "
                "for our e-mail."
            )
        super().__init__(message)


# Drafting and adoption


@transaction.atomic
def declaration_create(*, actor, slug, titles, texts, summaries=None, commitments=(), event=None):
    """Start a declaration in draft with its first version. Secretariat only.

    `titles`, `texts` and `summaries` map language codes to text; `commitments` is a list of
    such maps. Records `declaration.create`.
    """
    if not can_adopt(actor):
        raise NotPermitted(_("Only the Secretariat can start a declaration."))
    declaration = Declaration(slug=slug)
    if event is not None:
        declaration.event = event
    declaration.title = titles
    declaration.summary = summaries or {}
    declaration.full_clean()
    declaration.save()
    version = DeclarationVersion(declaration=declaration, number=1)
    _set_texts(version, texts)
    version.full_clean()
    version.save()
    for number, text in enumerate(commitments, start=1):
        commitment = Commitment(declaration=declaration, number=number)
        commitment.text = text
        commitment.full_clean()
        commitment.save()
    audit_record(
        actor=actor,
        verb="declaration.create",
        target=declaration,
        after={
            "slug": slug,
            "title": declaration.title.as_dict(),
            "commitments": len(commitments),
        },
    )
    return declaration


def _set_texts(version, texts):
    """Set the languages given in `texts` (code -> text; empty removes that translation). The
    paragraphs are numbered after the default language's text, so it must be there."""
    merged = version.text.as_dict()
    for code, value in texts.items():
        if code not in site_languages():
            raise ValidationError(_("Unknown language."))
        merged[code] = (value or "").strip()
    version.text = merged
    if not split_paragraphs(version.text.get(settings.LANGUAGE_CODE)):
        raise ValidationError({"text": _("Write the English text.")})


def declaration_latest_version(declaration):
    return declaration.versions.order_by("-number").first()


@transaction.atomic
def version_update(*, actor, version, texts, note=""):
    """Edit a draft version's text. Drafters and the Secretariat; an adopted version is frozen
    and is refused. Records `declaration.version_update` with the languages changed."""
    version = DeclarationVersion.objects.select_for_update().get(pk=version.pk)
    declaration = version.declaration
    if not can_manage(actor, declaration):
        raise NotPermitted(_("Only the drafters can edit this declaration."))
    if version.is_frozen or declaration.status == Declaration.Status.ADOPTED:
        raise DomainError(_("This text has been adopted and can no longer be changed."))
    before = version.text.as_dict()
    _set_texts(version, texts)
    version.note = note or version.note
    version.full_clean()
    after = version.text.as_dict()
    changed = [f"text_{code}" for code in site_languages() if before.get(code) != after.get(code)]
    version.save(update_fields=["text", "note"])
    audit_record(
        actor=actor,
        verb="declaration.version_update",
        target=version,
        after={"changed": changed},
    )
    return version


@transaction.atomic
def version_create(*, actor, declaration, texts, note=""):
    """A new draft version after a round of comments. Refused once the declaration is adopted.
    Records `declaration.version_create`."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not can_manage(actor, declaration):
        raise NotPermitted(_("Only the drafters can edit this declaration."))
    if declaration.status == Declaration.Status.ADOPTED:
        raise DomainError(_("This text has been adopted and can no longer be changed."))
    latest = declaration_latest_version(declaration)
    version = DeclarationVersion(declaration=declaration, number=latest.number + 1, note=note)
    _set_texts(version, texts)
    version.full_clean()
    version.save()
    audit_record(
        actor=actor, verb="declaration.version_create", target=version, after={"note": note}
    )
    return version


@transaction.atomic
def declaration_open_comments(*, actor, declaration, closes_on):
    """Open the latest draft for members' comments until `closes_on`. Drafters and the
    Secretariat. Records `declaration.open_comments`."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not can_manage(actor, declaration):
        raise NotPermitted(_("Only the drafters can open the comment period."))
    if closes_on is None or closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("Choose a closing date that is not in the past.")})
    before = declaration.status
    if before != Declaration.Status.CONSULTATION:
        declaration.check_transition(Declaration.Status.CONSULTATION)
    declaration.status = Declaration.Status.CONSULTATION
    declaration.comment_closes_on = closes_on
    declaration.save(update_fields=["status", "comment_closes_on"])
    audit_record(
        actor=actor,
        verb="declaration.open_comments",
        target=declaration,
        before={"status": before},
        after={"status": declaration.status, "closes_on": closes_on},
    )
    return declaration


@transaction.atomic
def declaration_adopt(*, actor, declaration, adopted_on=None):
    """Adopt the latest version: its text is frozen, comments close and endorsements open.
    Secretariat only. Records `declaration.adopt`."""
    if not can_adopt(actor):
        raise NotPermitted(_("Only the Secretariat can adopt a declaration."))
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    declaration.check_transition(Declaration.Status.ADOPTED)
    version = declaration_latest_version(declaration)
    now = timezone.now()
    version.adopted_at = now
    version.save(update_fields=["adopted_at"])
    before = declaration.status
    declaration.status = Declaration.Status.ADOPTED
    declaration.adopted_on = adopted_on or timezone.localdate()
    declaration.save(update_fields=["status", "adopted_on"])
    audit_record(
        actor=actor,
        verb="declaration.adopt",
        target=declaration,
        before={"status": before},
        after={"status": "adopted", "version": version.number, "on": declaration.adopted_on},
    )
    return declaration


# Comments


@transaction.atomic
def comment_add(*, actor, declaration, paragraph, body, organisation):
    """A member's representative comments on one paragraph of the draft open for comment.
    Records `declaration.comment`."""
    if not member_organisations(actor).filter(pk=organisation.pk).exists():
        raise NotPermitted(_("Only representatives of member organisations can comment."))
    declaration = Declaration.objects.get(pk=declaration.pk)
    if not declaration.is_open_for_comment:
        raise DomainError(_("This declaration is not open for comments."))
    version = declaration_latest_version(declaration)
    if paragraph not in version.paragraph_numbers:
        raise ValidationError({"paragraph": _("Choose a paragraph of the text.")})
    comment = Comment(
        version=version,
        paragraph=paragraph,
        author=actor,
        organisation=organisation,
        body=(body or "").strip(),
    )
    comment.full_clean()
    comment.save()
    audit_record(
        actor=actor,
        verb="declaration.comment",
        target=comment,
        after={"paragraph": paragraph, "organisation": str(organisation)},
    )
    return comment


@transaction.atomic
def comment_answer(*, actor, comment, body):
    """A drafter answers a member's comment. Records `declaration.comment_answer`."""
    declaration = comment.version.declaration
    if not is_drafter(actor, declaration):
        raise NotPermitted(_("Only the drafters can answer comments."))
    if comment.answer_to_id:
        raise DomainError(_("Answer the comment itself, not an answer."))
    answer = Comment(
        version=comment.version,
        paragraph=comment.paragraph,
        author=actor,
        answer_to=comment,
        body=(body or "").strip(),
    )
    answer.full_clean()
    answer.save()
    audit_record(
        actor=actor,
        verb="declaration.comment_answer",
        target=answer,
        after={"comment": comment.pk},
    )
    return answer


# Endorsements


def signon_throttle_exceeded(*, client):
    """Count one sign-on attempt from `client` (a `core.clients.client_key`, never the address
    itself); True when over the limit."""
    return limit_exceeded(
        f"declarations-signon:{client}", limit=SIGNON_LIMIT, seconds=SIGNON_WINDOW_SECONDS
    )


def organisation_key(name, country):
    return f"{country.pk}:{normalise_organisation_name(name)}"[:220]


def _count_change(endorsement, delta):
    field = (
        "organisation_count"
        if endorsement.kind == Endorsement.Kind.ORGANISATION
        else "individual_count"
    )
    Declaration.objects.filter(pk=endorsement.declaration_id).update(**{field: F(field) + delta})


def _member_of_same_name(name, country):
    """Is there an active member organisation in `country` with this name, once folded?"""
    wanted = normalise_organisation_name(name)
    names = (
        Organisation.objects.filter(country=country, memberships__status=Membership.Status.ACTIVE)
        .values_list("name", flat=True)
        .distinct()
    )
    return any(normalise_organisation_name(other) == wanted for other in names)


@transaction.atomic
def endorsement_sign(
    *,
    actor,
    declaration,
    kind,
    name,
    email,
    country,
    language="en",
    organisation=None,
    organisation_name="",
):
    """Endorse an adopted declaration.

    For a member organisation (`organisation`), the actor must represent it; the endorsement
    counts at once. A non-member organisation (`organisation_name`) or an individual is
    confirmed by a link e-mailed to `email`, except an individual signed in with that very
    address. One endorsement per organisation and per e-mail address: a second one raises
    DuplicateEndorsement and writes nothing; a withdrawn one is signed again in its place.
    Records `declaration.endorse`; e-mails the confirmation link (or the withdrawal link)
    after commit.
    """
    if not declaration.is_open_for_endorsement:
        raise DomainError(_("This declaration is not open for endorsement."))
    email = normalise_email(email)
    name = (name or "").strip()
    fields = {
        "kind": kind,
        "signatory_name": name,
        "email": email,
        "country": country,
        "region": region_slug_for_country(country) or "",
        "language": language if language in site_languages() else settings.LANGUAGE_CODE,
        "signed_by": actor if getattr(actor, "is_authenticated", False) else None,
        "organisation": None,
        "organisation_name": "",
        "organisation_key": "",
    }
    confirmed_at_once = False
    if kind == Endorsement.Kind.ORGANISATION:
        if organisation is not None:
            if not member_organisations(actor).filter(pk=organisation.pk).exists():
                raise NotPermitted(_("Only the organisation's representatives can sign for it."))
            fields["country"] = organisation.country
            fields["region"] = region_slug_for_country(organisation.country) or ""
            fields["organisation"] = organisation
            fields["organisation_name"] = organisation.name
            confirmed_at_once = True
        else:
            organisation_name = (organisation_name or "").strip()
            if not normalise_organisation_name(organisation_name):
                raise ValidationError({"organisation_name": _("Write the organisation's name.")})
            if _member_of_same_name(organisation_name, country):
                raise DomainError(
                    _(
                        "This organisation is a member of the Alliance: one of its "
                        "representatives signs for it after signing in."
                    )
                )
            fields["organisation_name"] = organisation_name
        fields["organisation_key"] = organisation_key(
            fields["organisation_name"], fields["country"]
        )
        same = Q(kind=kind, organisation_key=fields["organisation_key"])
        if organisation is not None:
            same |= Q(organisation=organisation)
    elif kind == Endorsement.Kind.INDIVIDUAL:
        same = Q(kind=kind, email=email)
        confirmed_at_once = bool(
            getattr(actor, "is_authenticated", False) and normalise_email(actor.email) == email
        )
    else:
        raise ValidationError({"kind": _("Choose whether you sign as an organisation or alone.")})

    existing = Endorsement.objects.select_for_update().filter(same, declaration=declaration)
    endorsement = existing.first()
    if endorsement is not None and endorsement.status != Endorsement.Status.WITHDRAWN:
        raise DuplicateEndorsement(kind)
    if endorsement is None:
        endorsement = Endorsement(declaration=declaration)
    for field, value in fields.items():
        setattr(endorsement, field, value)
    now = timezone.now()
    endorsement.status = (
        Endorsement.Status.CONFIRMED if confirmed_at_once else Endorsement.Status.PENDING
    )
    endorsement.created_at = now
    endorsement.confirmed_at = now if confirmed_at_once else None
    endorsement.withdrawn_at = None
    endorsement.key = uuid.uuid4()
    endorsement.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            endorsement.save()
    except IntegrityError as clash:
        # Another sign-on with the same address or organisation committed first.
        raise DuplicateEndorsement(kind) from clash
    if confirmed_at_once:
        _count_change(endorsement, +1)
    audit_record(
        actor=actor,
        verb="declaration.endorse",
        target=endorsement,
        after={
            "declaration": declaration.slug,
            "kind": kind,
            "name": endorsement.display_name,
            "status": endorsement.status,
        },
    )
    if confirmed_at_once:
        transaction.on_commit(
            functools.partial(
                notifications.send_endorsement_confirmed, endorsement, withdraw_token(endorsement)
            )
        )
    else:
        transaction.on_commit(
            functools.partial(
                notifications.send_endorsement_confirm, endorsement, confirm_token(endorsement)
            )
        )
    return endorsement


def _token(endorsement, salt):
    return signing.dumps([endorsement.pk, endorsement.key.hex], salt=salt)


def confirm_token(endorsement):
    return _token(endorsement, CONFIRM_SALT)


def withdraw_token(endorsement):
    return _token(endorsement, WITHDRAW_SALT)


def _from_token(token, salt, max_age):
    try:
        pk, key = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as bad:
        raise DomainError(_("This link is not valid or has expired.")) from bad
    endorsement = (
        Endorsement.objects.select_related("declaration").filter(pk=pk, key=key).first()
        if isinstance(pk, int) and isinstance(key, str)
        else None
    )
    if endorsement is None:
        raise DomainError(_("This link is not valid or has expired."))
    return endorsement


def endorsement_from_confirm_token(token):
    """The endorsement a confirmation link names; DomainError for a bad or old link."""
    return _from_token(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def endorsement_from_withdraw_token(token):
    """The endorsement a withdrawal link names (these links do not expire)."""
    return _from_token(token, WITHDRAW_SALT, None)


@transaction.atomic
def endorsement_confirm(*, endorsement, actor=None):
    """Confirm the signer's e-mail address: the endorsement is public and counted.

    Idempotent: confirming twice writes once. A withdrawn endorsement stays withdrawn.
    Records `declaration.endorsement_confirm` and e-mails the withdrawal link after commit.
    """
    endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
    if endorsement.status == Endorsement.Status.CONFIRMED:
        return endorsement
    endorsement.check_transition(Endorsement.Status.CONFIRMED)
    endorsement.status = Endorsement.Status.CONFIRMED
    endorsement.confirmed_at = timezone.now()
    endorsement.save(update_fields=["status", "confirmed_at"])
    _count_change(endorsement, +1)
    audit_record(
        actor=actor,
        verb="declaration.endorsement_confirm",
        target=endorsement,
        before={"status": "pending"},
        after={"status": "confirmed"},
    )
    transaction.on_commit(
        functools.partial(
            notifications.send_endorsement_confirmed, endorsement, withdraw_token(endorsement)
        )
    )
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, endorsement, actor=None):
    """Withdraw an endorsement: it leaves the public list and the counts. Idempotent.
    Records `declaration.endorsement_withdraw`."""
    endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
    if endorsement.status == Endorsement.Status.WITHDRAWN:
        return endorsement
    before = endorsement.status
    endorsement.status = Endorsement.Status.WITHDRAWN
    endorsement.withdrawn_at = timezone.now()
    endorsement.save(update_fields=["status", "withdrawn_at"])
    if before == Endorsement.Status.CONFIRMED:
        _count_change(endorsement, -1)
    audit_record(
        actor=actor,
        verb="declaration.endorsement_withdraw",
        target=endorsement,
        before={"status": before},
        after={"status": "withdrawn"},
    )
    return endorsement


@transaction.atomic
def declaration_recount(*, declaration, actor=None):
    """Count the confirmed endorsements again into the declaration's counters (after a bulk
    load or a repair). Records `declaration.recount`."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    confirmed = declaration.endorsements.filter(status=Endorsement.Status.CONFIRMED)
    before = {
        "organisations": declaration.organisation_count,
        "individuals": declaration.individual_count,
    }
    declaration.organisation_count = confirmed.filter(kind=Endorsement.Kind.ORGANISATION).count()
    declaration.individual_count = confirmed.filter(kind=Endorsement.Kind.INDIVIDUAL).count()
    declaration.save(update_fields=["organisation_count", "individual_count"])
    audit_record(
        actor=actor,
        verb="declaration.recount",
        target=declaration,
        before=before,
        after={
            "organisations": declaration.organisation_count,
            "individuals": declaration.individual_count,
        },
    )
    return declaration


# Follow-up of commitments


@transaction.atomic
def commitment_action_report(*, actor, commitment, organisation, description, taken_on):
    """A member organisation's representative reports an action taken against a commitment
    of an adopted declaration. Records `declaration.action_report`."""
    if not member_organisations(actor).filter(pk=organisation.pk).exists():
        raise NotPermitted(_("Only representatives of member organisations can report actions."))
    if commitment.declaration.status != Declaration.Status.ADOPTED:
        raise DomainError(_("Actions are reported against an adopted declaration."))
    if taken_on and taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("Report an action already taken, not a plan.")})
    action = CommitmentAction(
        commitment=commitment,
        organisation=organisation,
        region=region_slug_for_country(organisation.country) or "",
        description=(description or "").strip(),
        taken_on=taken_on,
        reported_by=actor,
    )
    action.full_clean()
    action.save()
    audit_record(
        actor=actor,
        verb="declaration.action_report",
        target=action,
        after={"commitment": commitment.number, "organisation": str(organisation)},
    )
    key = f"declarations-followup:{commitment.declaration_id}"
    transaction.on_commit(lambda: caches["fragments"].delete(key))
    return action
