"""Writes for accounts: role assignments and the sign-in limits."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import NotPermitted
from menengage.core.throttle import attempt_count, attempt_refund, attempts_clear

from .models import RoleAssignment


@transaction.atomic
def role_assign(*, user, role, scope=None, actor):
    """Give `user` the `role` within `scope`. Only staff may. Records `role.assign`."""
    if actor is not None and not getattr(actor, "is_staff", False):
        raise NotPermitted("Only secretariat staff can assign roles.")
    scope_type = ContentType.objects.get_for_model(scope) if scope is not None else None
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        scope_type=scope_type,
        scope_id=scope.pk if scope is not None else None,
    )
    if created:
        audit_record(
            actor=actor,
            verb="role.assign",
            target=assignment,
            after={"user": user.email, "role": role, "scope": str(scope) if scope else None},
        )
    return assignment


@transaction.atomic
def user_public_contact_update(*, user, actor, public_email="", public_phone=""):
    """A person chooses what contact to publish beside their name on the pages of the networks
    they coordinate (empty keeps it private). Only the person themself may. Records
    `user.public_contact` with the values before and after."""
    if getattr(actor, "pk", None) != user.pk:
        raise NotPermitted("Only the person themself can publish their contact.")
    changes = {"public_email": public_email.strip().lower(), "public_phone": public_phone.strip()}
    before = snapshot(user, changes)
    for field, value in changes.items():
        setattr(user, field, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    audit_record(actor=actor, verb="user.public_contact", target=user, before=before, after=changes)
    return user


def _account_key(email):
    return f"signin-failures:{email.strip().lower()}"


def _client_key(client):
    return f"signin-client:{client}"


def signin_attempt(*, email, client):
    """Count one sign-in attempt against the account and against the client (a `client_key`)
    before its password is checked; False when either is over its limit, so of many parallel
    guesses only the allowed number reach the password. Counts expire after the lock-out window.
    """
    window = settings.LOGIN_LOCKOUT_SECONDS
    account = attempt_count(_account_key(email), window)
    from_client = attempt_count(_client_key(client), window)
    return account <= settings.LOGIN_ATTEMPTS and from_client <= settings.LOGIN_ATTEMPTS_PER_CLIENT


def signin_succeeded(*, email, client):
    """The password was right: the account starts afresh, and the client gets its attempt back
    (only that one, so signing in to one's own account cannot buy more guesses at another)."""
    attempts_clear(_account_key(email))
    attempt_refund(_client_key(client))
