"""Who may record and edit activities and working groups.

An activity belongs to its lead organisation and to the networks it involves: their
representatives and coordinators may edit it, as may the secretariat.
"""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, has_role_anywhere, is_secretariat
from menengage.members.models import Organisation
from menengage.members.permissions import coordinates
from menengage.networks.models import Network


def represents(user, organisation):
    return has_role(user, RoleAssignment.Role.REPRESENTATIVE, organisation)


def can_record_activities(user):
    """May `user` open the form for a new activity: staff, and anyone who represents an
    organisation or coordinates a network."""
    return (
        is_secretariat(user)
        or has_role_anywhere(user, RoleAssignment.Role.REPRESENTATIVE, Organisation)
        or has_role_anywhere(user, RoleAssignment.Role.COORDINATOR, Network)
    )


def can_lead(user, *, lead, networks):
    """May `user` record an activity led by `lead` involving `networks`?"""
    if is_secretariat(user):
        return True
    if lead is not None and represents(user, lead):
        return True
    return any(coordinates(user, network) for network in networks)


def can_edit_activity(user, activity):
    """Representatives of the lead organisation, coordinators of a network involved (or of its
    region), and the secretariat."""
    return can_lead(user, lead=activity.lead, networks=list(activity.networks.all()))


def can_join_to_working_group(user, *, working_group, lead):
    """An activity joins a working group when its lead organisation is a member or convener of
    the group, or when a convener or the secretariat adds it."""
    if working_group is None or is_secretariat(user):
        return True
    if can_edit_working_group(user, working_group):
        return True
    return (
        working_group.members.filter(pk=lead.pk).exists()
        or working_group.convener_organisations.filter(pk=lead.pk).exists()
    )


def can_create_working_group(user):
    return is_secretariat(user)


def can_edit_working_group(user, working_group):
    """The secretariat, and the people who convene the group."""
    if is_secretariat(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return working_group.convener_people.filter(pk=user.pk).exists()
