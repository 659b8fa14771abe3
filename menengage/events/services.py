"""Writes for events: registration and its waiting list, approvals, check-in, certificates,
calls for proposals, reviews, decisions and the programme."""

import secrets

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from menengage.core.audit import audit_record
from menengage.core.errors import DomainError, InvalidTransition, NotPermitted
from menengage.core.throttle import limit_exceeded

from . import notifications
from .models import (
    ApiToken,
    CoAuthor,
    Event,
    Registration,
    Review,
    Score,
    Session,
    Submission,
)
from .permissions import can_manage_call, can_register, is_organiser, represented_organisation_ids

CONFIRM_SALT = "events.registration.confirm"
# Registrations taken from one client in an hour: a team registering together fits; a script
# sending confirmation mail to arbitrary addresses does not.
REGISTRATIONS_PER_HOUR = 20
CHECKIN_SALT = "events.registration.checkin"
CERTIFICATE_SALT = "events.registration.certificate"
CONFIRM_MAX_AGE = 30 * 24 * 3600


# Signed links


def registration_token(registration, salt):
    return signing.dumps(str(registration.key), salt=salt)


def registration_from_token(token, salt, max_age=None):
    """The registration a signed link names; DomainError when the link is bad or expired."""
    try:
        key = signing.loads(token, salt=salt, max_age=max_age)
        return Registration.objects.select_related("event").get(key=key)
    except (signing.BadSignature, Registration.DoesNotExist, ValidationError) as bad:
        raise DomainError(_("This link is not valid or has expired.")) from bad


# Registration


def _lock(event):
    # Locking the event row serialises registrations and cancellations of one event, so the
    # count of confirmed places read below cannot be overtaken by a parallel transaction.
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed_count(event):
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count()


def _has_place(event):
    return event.capacity is None or _confirmed_count(event) < event.capacity


def registration_limit_exceeded(*, client):
    """Count one registration from `client` (a `core.clients.client_key`); True when over the
    hourly limit."""
    return limit_exceeded(f"events-register:{client}", limit=REGISTRATIONS_PER_HOUR, seconds=3600)


@transaction.atomic
def registration_create(
    *,
    event,
    actor,
    name,
    email,
    organisation="",
    country=None,
    language="en",
    accessibility_needs="",
    dietary_needs="",
    gender="",
):
    """Register a person for `event`, with or without an account.

    A place is confirmed while the capacity lasts, then the person joins the waiting list;
    invitation-only events and events needing approval take a request instead. The event row
    is locked for the count, so parallel registrations never oversell. E-mails a confirmation
    link on commit. Records `registration.create`.
    """
    event = _lock(event)
    if not event.is_published or not event.registration_open or event.is_past:
        raise DomainError(_("Registration for this event is closed."))
    if not can_register(actor, event):
        raise NotPermitted(_("This event is for members of the Alliance only."))
    email = email.strip().lower()
    if Registration.objects.filter(
        event=event, email__iexact=email, status__in=Registration.ACTIVE
    ).exists():
        raise DomainError(_("This e-mail address is already registered for this event."))
    if event.requires_approval or event.audience == Event.Audience.INVITATION:
        status = Registration.Status.PENDING
    elif _has_place(event):
        status = Registration.Status.CONFIRMED
    else:
        status = Registration.Status.WAITLISTED
    user = actor if getattr(actor, "is_authenticated", False) else None
    registration = Registration(
        event=event,
        user=user,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        country=country,
        language=language,
        accessibility_needs=accessibility_needs,
        dietary_needs=dietary_needs,
        gender=gender.strip(),
        status=status,
        # An account's address is already confirmed.
        email_confirmed_at=timezone.now() if user and user.email == email else None,
    )
    registration.full_clean()
    registration.save()
    audit_record(
        actor=actor,
        verb="registration.create",
        target=registration,
        after={"event": event.slug, "status": status},
    )
    transaction.on_commit(lambda: notifications.send_registration_received(registration))
    return registration


@transaction.atomic
def registration_confirm_email(*, registration, actor):
    """Record that the registrant opened the confirmation link. Records
    `registration.confirm_email` the first time."""
    if registration.email_confirmed_at:
        return registration
    registration.email_confirmed_at = timezone.now()
    registration.save(update_fields=["email_confirmed_at"])
    audit_record(actor=actor, verb="registration.confirm_email", target=registration)
    return registration


def _promote_next(event, actor):
    """Give a freed place to the first person waiting; e-mails them. The event is locked."""
    if not _has_place(event):
        return None
    waiting = (
        Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)
        .order_by("registered_at", "id")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = Registration.Status.CONFIRMED
    waiting.decided_at = timezone.now()
    waiting.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=actor,
        verb="registration.promote",
        target=waiting,
        before={"status": "waitlisted"},
        after={"status": "confirmed"},
    )
    transaction.on_commit(lambda: notifications.send_promoted(waiting))
    return waiting


@transaction.atomic
def registration_cancel(*, registration, actor):
    """Cancel a registration (by its registrant's link or an organiser). A freed place goes to
    the first person on the waiting list, who is e-mailed. Records `registration.cancel`."""
    event = _lock(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        raise InvalidTransition(_("This registration is already cancelled or declined."))
    before = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=actor,
        verb="registration.cancel",
        target=registration,
        before={"status": before},
        after={"status": "cancelled"},
    )
    promoted = _promote_next(event, actor) if before == Registration.Status.CONFIRMED else None
    return registration, promoted


@transaction.atomic
def registration_decide(*, registration, actor, approve):
    """An organiser approves (a place if one is left, else the waiting list) or declines a
    request. E-mails the outcome. Records `registration.approve` or `registration.decline`."""
    event = _lock(registration.event)
    if not is_organiser(actor, event):
        raise NotPermitted(_("Only the event's organisers can decide registrations."))
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        raise InvalidTransition(_("Only requests awaiting approval can be decided."))
    if approve:
        registration.status = (
            Registration.Status.CONFIRMED if _has_place(event) else Registration.Status.WAITLISTED
        )
    else:
        registration.status = Registration.Status.DECLINED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    audit_record(
        actor=actor,
        verb="registration.approve" if approve else "registration.decline",
        target=registration,
        before={"status": "pending"},
        after={"status": registration.status},
    )
    transaction.on_commit(lambda: notifications.send_decision(registration))
    return registration


@transaction.atomic
def registration_check_in(*, registration, actor):
    """Mark a confirmed registrant as present. Organisers only. Records `registration.check_in`."""
    if not is_organiser(actor, registration.event):
        raise NotPermitted(_("Only the event's organisers can check people in."))
    if registration.status != Registration.Status.CONFIRMED:
        raise InvalidTransition(_("Only confirmed registrations can be checked in."))
    if registration.checked_in_at:
        return registration
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit_record(actor=actor, verb="registration.check_in", target=registration)
    return registration


@transaction.atomic
def certificates_issue(*, event, actor, now=None):
    """After the event, issue attendance certificates to everyone checked in who has none yet;
    each is e-mailed a signed download link. Records `certificate.issue` per person."""
    if not is_organiser(actor, event):
        raise NotPermitted(_("Only the event's organisers can issue certificates."))
    now = now or timezone.now()
    if event.ends_at > now:
        raise DomainError(_("Certificates can be issued once the event has ended."))
    attendees = list(
        Registration.objects.filter(
            event=event,
            status=Registration.Status.CONFIRMED,
            checked_in_at__isnull=False,
            certificate_issued_at__isnull=True,
        )
    )
    for registration in attendees:
        registration.certificate_issued_at = now
        registration.save(update_fields=["certificate_issued_at"])
        audit_record(actor=actor, verb="certificate.issue", target=registration)
    transaction.on_commit(lambda: [notifications.send_certificate(r) for r in attendees])
    return attendees


# Calls for proposals


def deadline_in_zone(call, zone):
    """The call's deadline as a sentence-ready text in `zone` (a ZoneInfo)."""
    local = call.deadline.astimezone(zone)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone.key})"


@transaction.atomic
def submission_create(
    *,
    call,
    actor,
    track,
    format,
    title,
    abstract,
    organisation=None,
    coauthors=(),
    zone=None,
    now=None,
):
    """Submit a proposal to an open call, with co-authors. Refused after the deadline, with the
    deadline shown in the submitter's time zone (`zone`, else the call's). The organisation
    must be one the submitter represents. Records `submission.create`; the submitter is sent an
    acknowledgement by e-mail after commit."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("Sign in to submit a proposal."))
    now = now or timezone.now()
    if now >= call.deadline:
        raise DomainError(
            _("The deadline was %(deadline)s. This call no longer takes submissions.")
            % {"deadline": deadline_in_zone(call, zone or call.zone)}
        )
    if now < call.opens_at:
        raise DomainError(_("This call is not open yet."))
    if track.call_id != call.pk:
        raise DomainError(_("Choose one of this call's tracks."))
    if organisation is not None and organisation.pk not in represented_organisation_ids(actor):
        raise NotPermitted(_("You can only submit for an organisation you represent."))
    submission = Submission(
        call=call,
        track=track,
        format=format,
        title=title.strip(),
        abstract=abstract.strip(),
        submitter=actor,
        organisation=organisation,
    )
    submission.full_clean()
    submission.save()
    for position, person in enumerate(coauthors):
        coauthor = CoAuthor(submission=submission, position=position, **person)
        coauthor.full_clean()
        coauthor.save()
    audit_record(
        actor=actor,
        verb="submission.create",
        target=submission,
        after={"call": call.pk, "coauthors": len(coauthors)},
    )
    transaction.on_commit(lambda: notifications.send_submission_received(submission))
    return submission


def reviewer_conflicts(reviewer, submission):
    """Why `reviewer` may not review `submission`: their own, their organisation's, or one
    they co-wrote. Empty when there is no conflict."""
    if submission.submitter_id == reviewer.pk:
        return _("A reviewer cannot review their own submission.")
    if submission.organisation_id and submission.organisation_id in represented_organisation_ids(
        reviewer
    ):
        return _("A reviewer cannot review a submission from their own organisation.")
    if submission.coauthors.filter(email__iexact=reviewer.email).exists():
        return _("A reviewer cannot review a submission they co-wrote.")
    return ""


@transaction.atomic
def review_assign(*, submission, reviewer, actor):
    """Give a submission to a member of the call's review committee, never from their own
    organisation. Records `review.assign`."""
    call = submission.call
    if not can_manage_call(actor, call):
        raise NotPermitted(_("Only the event's organisers can assign reviewers."))
    if not call.reviewers.filter(pk=reviewer.pk).exists():
        raise DomainError(_("Only members of the review committee can review."))
    conflict = reviewer_conflicts(reviewer, submission)
    if conflict:
        raise DomainError(conflict)
    review, created = Review.objects.get_or_create(submission=submission, reviewer=reviewer)
    if created:
        audit_record(
            actor=actor, verb="review.assign", target=review, after={"reviewer": reviewer.email}
        )
    return review


@transaction.atomic
def reviews_assign_evenly(*, call, actor, per_submission=2):
    """Give each submission `per_submission` reviewers, spreading the load, skipping any
    reviewer with a conflict. Records `review.assign` per assignment."""
    if not can_manage_call(actor, call):
        raise NotPermitted(_("Only the event's organisers can assign reviewers."))
    committee = list(call.reviewers.all())
    load = {person.pk: Review.objects.filter(reviewer=person).count() for person in committee}
    assigned = []
    submissions = call.submissions.filter(status=Submission.Status.SUBMITTED)
    for submission in submissions.prefetch_related("reviews", "coauthors"):
        have = {review.reviewer_id for review in submission.reviews.all()}
        for person in sorted(committee, key=lambda p: (load[p.pk], p.pk)):
            if len(have) >= per_submission:
                break
            if person.pk in have or reviewer_conflicts(person, submission):
                continue
            assigned.append(review_assign(submission=submission, reviewer=person, actor=actor))
            have.add(person.pk)
            load[person.pk] += 1
    return assigned


@transaction.atomic
def review_submit(*, review, actor, scores, comments=""):
    """A reviewer scores every criterion of the rubric (0 to its highest score) and comments.
    Records `review.submit`."""
    if review.reviewer_id != getattr(actor, "pk", None):
        raise NotPermitted(_("Only the assigned reviewer can submit this review."))
    if review.submission.status != Submission.Status.SUBMITTED:
        raise DomainError(_("This submission has already been decided."))
    criteria = list(review.submission.call.criteria.all())
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not 0 <= value <= criterion.max_score:
            raise DomainError(
                _("Give %(criterion)s a score from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
    for criterion in criteria:
        Score.objects.update_or_create(
            review=review, criterion=criterion, defaults={"value": scores[criterion.pk]}
        )
    review.comments = comments.strip()
    review.completed_at = timezone.now()
    review.save(update_fields=["comments", "completed_at"])
    audit_record(
        actor=actor,
        verb="review.submit",
        target=review,
        after={str(criterion): scores[criterion.pk] for criterion in criteria},
    )
    return review


@transaction.atomic
def submission_decide(*, submission, actor, accept, note=""):
    """Accept or reject a submission. Authors are told later, all at once, by
    `submissions_notify`. Records `submission.accept` or `submission.reject`."""
    if not can_manage_call(actor, submission.call):
        raise NotPermitted(_("Only the event's organisers can decide submissions."))
    if submission.authors_notified_at:
        raise InvalidTransition(_("The authors have already been told of this decision."))
    before = submission.status
    submission.status = Submission.Status.ACCEPTED if accept else Submission.Status.REJECTED
    submission.decided_at = timezone.now()
    submission.decision_note = note.strip()
    submission.save(update_fields=["status", "decided_at", "decision_note"])
    audit_record(
        actor=actor,
        verb="submission.accept" if accept else "submission.reject",
        target=submission,
        before={"status": before},
        after={"status": submission.status},
    )
    return submission


@transaction.atomic
def submissions_notify(*, call, actor):
    """E-mail the submitter and co-authors of every decided, not yet notified submission.
    Records `submission.notify` per submission."""
    if not can_manage_call(actor, call):
        raise NotPermitted(_("Only the event's organisers can notify authors."))
    decided = list(
        call.submissions.exclude(status=Submission.Status.SUBMITTED)
        .filter(authors_notified_at__isnull=True)
        .select_related("submitter")
        .prefetch_related("coauthors")
    )
    now = timezone.now()
    for submission in decided:
        submission.authors_notified_at = now
        submission.save(update_fields=["authors_notified_at"])
        audit_record(actor=actor, verb="submission.notify", target=submission)
    transaction.on_commit(lambda: [notifications.send_outcome(s) for s in decided])
    return decided


@transaction.atomic
def session_create(
    *, event, actor, starts_at, ends_at, room="", chair="", title="", speakers="", submission=None
):
    """Put a session in the programme, from an accepted submission or on its own. Records
    `session.create`."""
    if not is_organiser(actor, event):
        raise NotPermitted(_("Only the event's organisers can edit the programme."))
    if submission is not None:
        if submission.call.event_id != event.pk:
            raise DomainError(_("This submission was made to another event."))
        if submission.status != Submission.Status.ACCEPTED:
            raise DomainError(_("Only accepted submissions become sessions."))
        title = title or submission.title
        speakers = speakers or "\n".join(
            [submission.submitter.name or submission.submitter.email]
            + [coauthor.name for coauthor in submission.coauthors.all()]
        )
    session = Session(
        event=event,
        submission=submission,
        title=title,
        format=submission.format if submission else "",
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        chair=chair,
        speakers=speakers,
    )
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        verb="session.create",
        target=session,
        after={"event": event.slug, "starts_at": starts_at, "room": room},
    )
    return session


# API tokens


@transaction.atomic
def api_token_create(*, actor):
    """A new API token for an organiser; the secret is returned once and only its hash kept.
    Records `api_token.create`."""
    from .permissions import organises_any

    if not organises_any(actor):
        raise NotPermitted(_("Only event organisers can have an API token."))
    secret = "mev_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, digest=ApiToken.digest_of(secret), prefix=secret[:8]
    )
    audit_record(actor=actor, verb="api_token.create", target=token)
    return token, secret


@transaction.atomic
def api_token_revoke(*, token, actor):
    """Delete an API token. Records `api_token.revoke`."""
    if token.user_id != actor.pk:
        raise NotPermitted(_("This token is not yours."))
    audit_record(actor=actor, verb="api_token.revoke", target=token)
    token.delete()


def api_token_user(secret):
    """The active user a token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
