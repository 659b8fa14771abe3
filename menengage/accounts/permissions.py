"""Role checks, scoped and dated: a coordinator of Kenya is not a coordinator of Brazil, and a
coordinator whose term has ended (or not yet begun) is not a coordinator at all.

Every app asks `roles_held` (or `has_role`, `role_scopes`, `role_holders` built on it) instead of
querying role assignments itself, so the dates, the scope and the account's state are read in
one place.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .models import RoleAssignment, User

# Any scope at all, as opposed to None (Alliance-wide only).
ANY_SCOPE = object()


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def roles_in_force(role=None, *, scope=ANY_SCOPE, on=None):
    """The role assignments in force on `on` (today), held by active accounts.

    `role` is one role, a tuple of roles or None (any role). `scope` is a network, organisation
    or body (that scope only), a model class (any scope of that kind), None (Alliance-wide
    roles only) or ANY_SCOPE.
    """
    on = on or timezone.localdate()
    roles = RoleAssignment.objects.filter(starts_on__lte=on, user__is_active=True).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    if isinstance(role, (tuple, list, set, frozenset)):
        roles = roles.filter(role__in=role)
    elif role is not None:
        roles = roles.filter(role=role)
    if scope is None:
        roles = roles.filter(scope_type__isnull=True)
    elif isinstance(scope, type) and issubclass(scope, models.Model):
        roles = roles.filter(scope_type=ContentType.objects.get_for_model(scope))
    elif scope is not ANY_SCOPE:
        roles = roles.filter(scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk)
    return roles


def roles_held(user, role=None, *, scope=ANY_SCOPE, on=None):
    """The role assignments `user` holds on `on` (today) in `scope` (see `roles_in_force`);
    none for an anonymous visitor or a deactivated account."""
    if not _signed_in(user):
        return RoleAssignment.objects.none()
    return roles_in_force(role, scope=scope, on=on).filter(user=user)


def has_role(user, role, scope=None):
    """Does `user` hold `role` now, in `scope` (or Alliance-wide when scope is None)?"""
    return roles_held(user, role, scope=scope).exists()


def has_role_anywhere(user, role, model=None):
    """Does `user` hold `role` now in any scope (of kind `model`, when given)?"""
    return roles_held(user, role, scope=model or ANY_SCOPE).exists()


def role_scopes(user, role, model):
    """The primary keys (a subquery) of the `model` scopes in which `user` holds `role` now."""
    return roles_held(user, role, scope=model).values("scope_id")


def role_holders(role, scope):
    """The active people who hold `role` in `scope` now (see `roles_in_force` for `scope`)."""
    return User.objects.filter(pk__in=roles_in_force(role, scope=scope).values("user"))


def is_secretariat(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


TWO_FACTOR_ROLES = (RoleAssignment.Role.COORDINATOR, RoleAssignment.Role.FOCAL_POINT)


def needs_two_factor(user):
    """Staff, network coordinators and accountability focal points sign in with a second factor."""
    if not _signed_in(user):
        return False
    if user.is_staff:
        return True
    return roles_held(user, TWO_FACTOR_ROLES).exists()
