"""Who may write to whom: staff to the whole Alliance, coordinators to their networks' members,
body chairs to their body, working group conveners to their group. Members read the
announcements of their own networks, bodies and groups."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, is_secretariat
from menengage.activities.permissions import can_edit_working_group
from menengage.governance.permissions import is_chair
from menengage.members.permissions import coordinates


def can_address(user, *, network=None, governing_body=None, working_group=None):
    """May `user` write to this audience? Nobody but staff writes to the whole Alliance."""
    if is_secretariat(user):
        return True
    if governing_body is not None:
        return is_chair(user, governing_body)
    if working_group is not None:
        return can_edit_working_group(user, working_group)
    if network is not None:
        return coordinates(user, network)
    return False


def can_write_announcements(user):
    """May `user` open the announcement form at all (they can address someone)?"""
    from .selectors import audience_options

    if is_secretariat(user):
        return True
    options = audience_options(actor=user)
    return any(options[name] for name in ("networks", "bodies", "working_groups"))


def can_edit_announcement(user, announcement):
    """The author, while the audience is still theirs to address, or staff."""
    if is_secretariat(user):
        return True
    return announcement.author_id == getattr(user, "pk", None) and can_address(
        user,
        network=announcement.network,
        governing_body=announcement.governing_body,
        working_group=announcement.working_group,
    )


def can_manage_newsletter(user):
    return is_secretariat(user)


def can_see_figures(user):
    return is_secretariat(user) or has_role(user, RoleAssignment.Role.SECRETARIAT)
