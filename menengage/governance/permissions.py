"""Who may do what in governance: membership of a body is holding one of its seats today."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, is_secretariat

from .selectors import terms_current


def is_body_member(user, body):
    """Is `user` the delegate of an organisation holding a seat on `body` today?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return terms_current().filter(seat__body=body, delegate=user).exists()


def is_chair(user, body):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return terms_current().filter(seat__body=body, delegate=user, is_chair=True).exists()


def can_see_body_business(user, body):
    """Proposals, positions and meetings: the body's members, and the secretariat that serves it."""
    return is_secretariat(user) or is_body_member(user, body)


def can_manage_seats(user):
    return is_secretariat(user)


def represents(user, organisation):
    """Is `user` a named representative of `organisation`?"""
    return has_role(user, RoleAssignment.Role.REPRESENTATIVE, organisation)
