"""Who may do what with events: organisers, the organising network's coordinators, the
Secretariat, reviewers of a call, and members for members-only events."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role_anywhere, is_secretariat, roles_held
from menengage.members.models import Membership, Organisation
from menengage.members.permissions import coordinates


def is_organiser(user, event):
    """Event organisers, coordinators of the organising network (or its region) and staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    if event.organisers.filter(pk=user.pk).exists():
        return True
    return coordinates(user, event.network)


def organises_any(user):
    """May `user` hold an organiser's API token? Staff, event organisers and coordinators."""
    if not getattr(user, "is_authenticated", False):
        return False
    from .models import Event

    return (
        is_secretariat(user)
        or Event.organisers.through.objects.filter(user_id=user.pk).exists()
        or has_role_anywhere(user, RoleAssignment.Role.COORDINATOR)
    )


def represented_organisation_ids(user):
    """The organisations `user` represents (their REPRESENTATIVE role scopes)."""
    return set(
        roles_held(user, RoleAssignment.Role.REPRESENTATIVE, scope=Organisation).values_list(
            "scope_id", flat=True
        )
    )


def is_member(user):
    """An active individual member, or a representative of an active member organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    active = Membership.objects.filter(status=Membership.Status.ACTIVE)
    return (
        is_secretariat(user)
        or active.filter(person=user).exists()
        or active.filter(organisation_id__in=represented_organisation_ids(user)).exists()
    )


def can_see_event(user, event):
    return event.is_published or is_organiser(user, event)


def can_register(user, event):
    """Members-only events are for members; everything else is open to anyone (invitation-only
    events take requests that organisers approve)."""
    if event.audience == event.Audience.MEMBERS:
        return is_member(user) or is_organiser(user, event)
    return True


def can_see_join_link(registration):
    """The link to join an online event is for participants whose place is confirmed and whose
    address is confirmed (an account's always is): not the waiting list, a pending request, a
    cancelled or declined registration, nor someone registered for another event."""
    from .models import Registration

    return bool(
        registration is not None
        and registration.event.join_url
        and registration.status == Registration.Status.CONFIRMED
        and registration.email_confirmed_at is not None
    )


def can_review(user, review):
    return getattr(user, "pk", None) is not None and review.reviewer_id == user.pk


def can_manage_call(user, call):
    return is_organiser(user, call.event)
