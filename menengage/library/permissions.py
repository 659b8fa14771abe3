"""Who may do what with library resources."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, is_secretariat


def can_edit_library(user):
    """Secretariat editors create, edit, publish and withdraw resources."""
    return is_secretariat(user)


def can_submit_for(user, organisation):
    """A member representative submits resources published by the organisation they represent."""
    return is_secretariat(user) or has_role(user, RoleAssignment.Role.REPRESENTATIVE, organisation)


def can_see_resource(user, resource):
    """Published resources are public; a submission is seen by its submitter and the editors."""
    if resource.status == resource.Status.PUBLISHED:
        return True
    if can_edit_library(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and resource.submitted_by_id == user.pk)
