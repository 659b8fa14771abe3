"""Who may do what with memberships; scoped to networks."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, has_role_anywhere, is_secretariat


def coordinates(user, network):
    """Is `user` a coordinator of `network`, or of the region above it?"""
    if has_role(user, RoleAssignment.Role.COORDINATOR, network):
        return True
    parent = network.parent
    return parent is not None and has_role(user, RoleAssignment.Role.COORDINATOR, parent)


def can_review_application(user, application):
    return is_secretariat(user) or coordinates(user, application.membership.network)


def can_see_review_queue(user):
    return is_secretariat(user) or has_role_anywhere(user, RoleAssignment.Role.COORDINATOR)
