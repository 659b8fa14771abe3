"""Writes for concerns: reporting, following up with a receipt, and handling a case.

Reporter actions are audited with no actor: the reporter has no account, and a named reporter
who happens to be signed in must not be linked to the concern through the audit trail. Audit
events carry the concern's number and states, never its words.
"""

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from menengage.core.audit import audit_record
from menengage.core.errors import DomainError, NotPermitted
from menengage.governance import selectors as governance

from . import crypto, notifications, selectors, throttles
from .models import Attachment, CaseAssignment, CaseExclusion, CaseStep, Concern
from .permissions import can_lead_case, can_read_case
from .receipts import (
    receipt_generate,
    receipt_lookup_key,
    receipt_lookup_keys,
    receipt_normalise,
)


class ReceiptRefused(DomainError):
    """No concern matches the receipt, or too many wrong receipts were tried."""


class TooManyConcerns(DomainError):
    """This client sent too many concerns in the last hour."""


def _add_attachments(concern, step, files):
    Attachment.objects.bulk_create(
        [
            Attachment(
                concern=concern,
                step=step,
                content_type=content_type,
                size=len(data),
                name=crypto.encrypt_text(name),
                data=crypto.encrypt_bytes(data),
            )
            for name, content_type, data in files
        ]
    )


def _route(concern):
    """Who handles `concern`: the Governance Committee for its leadership and appeals, else the
    focal points of the nearest network up from the one concerned; excluded people never."""
    excluded = set(concern.exclusions.values_list("user", flat=True))
    board = governance.board_organisations()
    leadership = concern.subject_kind == Concern.Subject.LEADERSHIP or (
        concern.subject_organisation_id in board
    )
    if leadership or concern.appealed_at:
        members = [p for p in selectors.governance_committee_members() if p.pk not in excluded]
        if members:
            return Concern.Route.GOVERNANCE, None, members
    start = concern.subject_network
    if concern.subject_kind == Concern.Subject.NETWORK and start is not None:
        # A network does not judge itself: the network above it handles the concern.
        start = start.parent
    if start is None and concern.subject_organisation_id:
        start = selectors.organisation_network(concern.subject_organisation)
    for network in selectors.network_chain(start):
        people = [p for p in selectors.focal_points_of(network) if p.pk not in excluded]
        if people:
            return Concern.Route.NETWORK, network, people
    return Concern.Route.NETWORK, None, []


def _exclusions(concern):
    people = set()
    if concern.subject_organisation_id:
        people |= selectors.people_of_organisation(concern.subject_organisation)
    if concern.subject_network_id and concern.subject_kind in (
        Concern.Subject.NETWORK,
        Concern.Subject.LEADERSHIP,
    ):
        people |= selectors.people_of_network(concern.subject_network)
    return people


def _assign_leads(concern, people):
    CaseAssignment.objects.bulk_create(
        [
            CaseAssignment(concern=concern, user=person, role=CaseAssignment.Role.LEAD)
            for person in people
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def concern_submit(
    *,
    client,
    kind,
    subject_kind,
    subject_text,
    what_happened,
    when_where="",
    principle="",
    subject_organisation=None,
    subject_network=None,
    on_behalf=False,
    consent=False,
    name="",
    email="",
    receipt_kind="number",
    files=(),
    language="en",
):
    """Take a concern from anyone, named or anonymous; return (concern, receipt).

    Encrypts its words, routes it, excludes the people it is about, and tells the leads that a
    concern arrived (never what it says). Records `concern.submit`. Limited per client (`client`
    is a keyed hash of the address, never stored with the concern)."""
    if not throttles.submission_attempt(client):
        raise TooManyConcerns(
            _("Too many concerns were sent from here in the last hour. Please try again later.")
        )
    if on_behalf and not consent:
        raise DomainError(_("Please confirm that the person affected agreed to this report."))
    if bool(name) != bool(email):
        raise DomainError(_("To be contacted, please give both a name and an e-mail address."))
    receipt = receipt_generate(receipt_kind)
    now = timezone.now()
    region_source = subject_network or (
        selectors.organisation_network(subject_organisation) if subject_organisation else None
    )
    concern = Concern(
        kind=kind,
        subject_kind=subject_kind,
        subject_organisation=subject_organisation,
        subject_network=subject_network,
        region=selectors.region_of(region_source),
        route=Concern.Route.NETWORK,
        language=language,
        is_named=bool(name),
        on_behalf=on_behalf,
        content=crypto.encrypt_json(
            {
                "subject": subject_text,
                "principle": principle,
                "what_happened": what_happened,
                "when_where": when_where,
                "name": name,
                "email": email,
            }
        ),
        receipt_lookup=receipt_lookup_key(receipt),
        receipt_hash=make_password(receipt_normalise(receipt)),
        received_at=now,
    )
    concern.set_deadlines(now, response_owed=kind == Concern.Kind.COMPLAINT)
    try:
        concern.full_clean()
    except ValidationError as invalid:
        raise DomainError(_("Some of the answers are not valid. Please check them.")) from invalid
    concern.save()
    CaseExclusion.objects.bulk_create(
        [CaseExclusion(concern=concern, user_id=pk) for pk in _exclusions(concern)]
    )
    concern.route, concern.handling_network, leads = _route(concern)
    concern.save(update_fields=["route", "handling_network"])
    _assign_leads(concern, leads)
    _add_attachments(concern, None, files)
    audit_record(
        actor=None,
        verb="concern.submit",
        target=concern,
        after={"kind": kind, "subject_kind": subject_kind, "route": concern.route},
    )
    transaction.on_commit(lambda: notifications.send_arrival(concern, leads))
    return concern, receipt


def concern_for_receipt(*, receipt, client):
    """The concern whose receipt this is; ReceiptRefused for a wrong one. Every receipt tried
    is counted against the client before it is checked, so receipts cannot be guessed, and a
    right one is given back."""
    if not throttles.receipt_attempt(client):
        raise ReceiptRefused(
            _("Too many wrong receipts were tried. Please wait fifteen minutes and try again.")
        )
    normalised = receipt_normalise(receipt)
    lookups = receipt_lookup_keys(receipt)
    concern = Concern.objects.filter(receipt_lookup__in=lookups).first()
    if concern is None:
        make_password(normalised)  # the same work either way: timing tells nothing
    elif check_password(normalised, concern.receipt_hash):
        throttles.receipt_succeeded(client)
        if concern.receipt_lookup != lookups[0]:
            # Found under an older receipt key: move it to the current one.
            Concern.objects.filter(pk=concern.pk).update(receipt_lookup=lookups[0])
        return concern
    raise ReceiptRefused(
        _(
            "No concern matches this receipt. Please check it and try again: the number has "
            "sixteen digits, the passphrase six words."
        )
    )


def concern_content(concern):
    """The decrypted words of `concern`: only for its reporter or the people on the case."""
    return crypto.decrypt_json(concern.content)


def _step(concern, kind, actor, text=""):
    return CaseStep.objects.create(
        concern=concern, kind=kind, actor=actor, body=crypto.encrypt_text(text)
    )


def _tell_reporter(concern):
    contact = concern_content(concern)
    if contact.get("email"):
        transaction.on_commit(lambda: notifications.send_reporter_update(concern, contact["email"]))


def _locked(concern):
    return Concern.objects.select_for_update().get(pk=concern.pk)


@transaction.atomic
def concern_reporter_message(*, concern, text, files=()):
    """The reporter answers a question or adds information. Records `concern.reporter_message`;
    a case waiting for the reporter goes back to its handlers."""
    concern = _locked(concern)
    concern.check_open()
    if not text.strip():
        raise DomainError(_("Please write your message."))
    step = _step(concern, CaseStep.Kind.REPORTER, None, text)
    _add_attachments(concern, step, files)
    if concern.status == Concern.Status.WAITING:
        concern.status = Concern.Status.ACKNOWLEDGED
        concern.save(update_fields=["status"])
    audit_record(actor=None, verb="concern.reporter_message", target=concern)
    people = [assignment.user for assignment in selectors.case_assignments(concern)]
    transaction.on_commit(lambda: notifications.send_case_update(concern, people))
    return step


@transaction.atomic
def concern_appeal(*, concern, reason):
    """The reporter appeals a closed case: it reopens with the Governance Committee, which must
    acknowledge within 7 days and decide within 90. Records `concern.appeal`."""
    concern = _locked(concern)
    if concern.status != Concern.Status.CLOSED:
        raise DomainError(_("Only a closed concern can be appealed."))
    if concern.appealed_at:
        raise DomainError(_("This concern has already been appealed once."))
    if not reason.strip():
        raise DomainError(_("Please say why you appeal."))
    now = timezone.now()
    concern.appealed_at = now
    concern.status = Concern.Status.APPEALED
    concern.set_deadlines(now, response_owed=True)
    concern.flagged_acknowledge_at = concern.flagged_respond_at = None
    concern.route, concern.handling_network, leads = _route(concern)
    concern.save(
        update_fields=[
            "appealed_at",
            "status",
            "acknowledge_due",
            "respond_due",
            "flagged_acknowledge_at",
            "flagged_respond_at",
            "route",
            "handling_network",
        ]
    )
    # Leads of the first hearing become handlers: the appeal is led by others.
    concern.assignments.exclude(user__in=[p.pk for p in leads]).update(
        role=CaseAssignment.Role.HANDLER
    )
    concern.assignments.filter(user__in=[p.pk for p in leads]).update(role=CaseAssignment.Role.LEAD)
    _assign_leads(concern, leads)
    _step(concern, CaseStep.Kind.APPEALED, None, reason)
    audit_record(actor=None, verb="concern.appeal", target=concern, after={"route": concern.route})
    transaction.on_commit(lambda: notifications.send_arrival(concern, leads, appeal=True))
    return concern


# Handling


def _require_reader(actor, concern):
    if not can_read_case(actor, concern):
        raise NotPermitted(_("Only the people assigned to this case can handle it."))


def _require_lead(actor, concern):
    if not can_lead_case(actor, concern):
        raise NotPermitted(_("Only the leads of this case can do this."))


def case_open(*, concern, actor):
    """Record that `actor` opened the case (`case.open`): every reading is on the trail."""
    _require_reader(actor, concern)
    audit_record(actor=actor, verb="case.open", target=concern)


@transaction.atomic
def case_acknowledge(*, concern, actor, message=""):
    """Tell the reporter the concern was received and is being looked at. Records
    `case.acknowledge`."""
    _require_reader(actor, concern)
    concern = _locked(concern)
    if not concern.needs_acknowledgement:
        raise DomainError(_("This concern has already been acknowledged."))
    before = concern.status
    concern.status = Concern.Status.ACKNOWLEDGED
    concern.acknowledged_at = concern.acknowledged_at or timezone.now()
    concern.save(update_fields=["status", "acknowledged_at"])
    _step(concern, CaseStep.Kind.ACKNOWLEDGED, actor, message)
    audit_record(
        actor=actor,
        verb="case.acknowledge",
        target=concern,
        before={"status": before},
        after={"status": concern.status},
    )
    _tell_reporter(concern)
    return concern


@transaction.atomic
def case_assign(*, concern, actor, person):
    """A lead adds a handler from the eligible, non-excluded people. Records `case.assign`."""
    _require_lead(actor, concern)
    concern = _locked(concern)
    concern.check_open()
    if person not in selectors.case_eligible_handlers(concern):
        raise DomainError(_("This person cannot be assigned to this case."))
    CaseAssignment.objects.create(concern=concern, user=person, role=CaseAssignment.Role.HANDLER)
    _step(concern, CaseStep.Kind.ASSIGNED, actor, str(person))
    audit_record(actor=actor, verb="case.assign", target=concern, after={"handler": person.email})
    transaction.on_commit(lambda: notifications.send_assigned(concern, person))


def _message(concern, actor, kind, text, status=None):
    _require_reader(actor, concern)
    concern = _locked(concern)
    concern.check_open()
    if not text.strip():
        raise DomainError(_("Please write the message."))
    step = _step(concern, kind, actor, text)
    if status and concern.status != status:
        concern.status = status
        concern.save(update_fields=["status"])
    audit_record(actor=actor, verb=f"case.{kind}", target=concern, after={"status": concern.status})
    if kind != CaseStep.Kind.NOTE:
        _tell_reporter(concern)
    return step


@transaction.atomic
def case_ask(*, concern, actor, text):
    """Ask the reporter for information; the case waits for them. Records `case.question`."""
    return _message(concern, actor, CaseStep.Kind.QUESTION, text, Concern.Status.WAITING)


@transaction.atomic
def case_reply(*, concern, actor, text):
    """Write to the reporter. Records `case.reply`."""
    return _message(concern, actor, CaseStep.Kind.REPLY, text)


@transaction.atomic
def case_note(*, concern, actor, text):
    """A note for the other handlers only. Records `case.note`."""
    return _message(concern, actor, CaseStep.Kind.NOTE, text)


@transaction.atomic
def case_close(*, concern, actor, outcome, message):
    """Record the outcome and close the case with a message to the reporter. Records
    `case.close`."""
    _require_lead(actor, concern)
    concern = _locked(concern)
    concern.check_open()
    if outcome not in Concern.Outcome.values:
        raise DomainError(_("Please choose an outcome."))
    if not message.strip():
        raise DomainError(_("Please write a closing message to the reporter."))
    before = concern.status
    now = timezone.now()
    concern.status, concern.outcome, concern.closed_at = Concern.Status.CLOSED, outcome, now
    concern.acknowledged_at = concern.acknowledged_at or now
    concern.full_clean(exclude=["content"])
    concern.save(update_fields=["status", "outcome", "closed_at", "acknowledged_at"])
    _step(concern, CaseStep.Kind.CLOSED, actor, message)
    audit_record(
        actor=actor,
        verb="case.close",
        target=concern,
        before={"status": before},
        after={"status": concern.status, "outcome": outcome},
    )
    _tell_reporter(concern)
    return concern


def concern_flag_overdue(*, today=None):
    """Tell the leads of each case past a deadline, once per deadline (never its content).
    Records `case.overdue`. Returns how many cases were flagged."""
    today = today or timezone.localdate()
    flagged = 0
    for concern in selectors.cases_overdue(today=today):
        with transaction.atomic():
            concern = Concern.objects.select_for_update().defer("content").get(pk=concern.pk)
            which = []
            if concern.is_acknowledge_overdue(today) and not concern.flagged_acknowledge_at:
                concern.flagged_acknowledge_at = timezone.now()
                which.append("acknowledge")
            if concern.is_respond_overdue(today) and not concern.flagged_respond_at:
                concern.flagged_respond_at = timezone.now()
                which.append("respond")
            if not which:
                continue
            concern.save(update_fields=["flagged_acknowledge_at", "flagged_respond_at"])
            audit_record(actor=None, verb="case.overdue", target=concern, after={"late": which})
            leads = list(selectors.case_leads(concern))
            transaction.on_commit(
                lambda c=concern, p=leads, w=which: notifications.send_overdue(c, p, w)
            )
            flagged += 1
    return flagged


def keys_rotate(*, batch=200):
    """Re-encrypt every concern, message and attachment with the current key. Returns the
    number of rows rewritten."""
    total = 0
    for model, fields in (
        (Concern, ["content"]),
        (CaseStep, ["body"]),
        (Attachment, ["name", "data"]),
    ):
        pks = list(model.objects.values_list("pk", flat=True))
        for start in range(0, len(pks), batch):
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update().filter(pk__in=pks[start : start + batch])
                )
                for row in rows:
                    for field in fields:
                        value = getattr(row, field)
                        if value:
                            setattr(row, field, crypto.rotate(value))
                model.objects.bulk_update(rows, fields)
                total += len(rows)
    return total
