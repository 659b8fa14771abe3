"""Writes for accounts: role assignments and the sign-in throttle."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction

from menengage.core.audit import audit_record
from menengage.core.errors import NotPermitted
from menengage.core.throttle import attempt_count, attempts

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


def _throttle_key(email):
    return f"signin-failures:{email.strip().lower()}"


def signin_is_locked(*, email):
    """Too many failed sign-ins for this address in the lock-out window?"""
    return attempts(_throttle_key(email)) >= settings.LOGIN_ATTEMPTS


def signin_failed(*, email):
    """Count one failed sign-in; the count expires after the lock-out window."""
    attempt_count(_throttle_key(email), settings.LOGIN_LOCKOUT_SECONDS)


def signin_succeeded(*, email):
    cache.delete(_throttle_key(email))
