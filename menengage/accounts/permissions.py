"""Role checks, scoped: a coordinator of Kenya is not a coordinator of Brazil."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from .models import RoleAssignment


def has_role(user, role, scope=None):
    """Does `user` hold `role` now, in `scope` (or Alliance-wide when scope is None)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    today = timezone.localdate()
    roles = RoleAssignment.objects.filter(user=user, role=role, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    if scope is None:
        return roles.filter(scope_type__isnull=True).exists()
    scope_type = ContentType.objects.get_for_model(scope)
    return roles.filter(scope_type=scope_type, scope_id=scope.pk).exists()


def is_secretariat(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


TWO_FACTOR_ROLES = (RoleAssignment.Role.COORDINATOR, RoleAssignment.Role.FOCAL_POINT)


def needs_two_factor(user):
    """Staff, network coordinators and accountability focal points sign in with a second factor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    today = timezone.localdate()
    return (
        RoleAssignment.objects.filter(user=user, role__in=TWO_FACTOR_ROLES, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exists()
    )
