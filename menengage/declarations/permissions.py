"""Who may comment on, draft, adopt and report on declarations."""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import is_secretariat, role_scopes
from menengage.members.models import Membership, Organisation


def member_organisations(user):
    """The organisations with an active membership that `user` represents now."""
    represented = role_scopes(user, RoleAssignment.Role.REPRESENTATIVE, Organisation)
    return (
        Organisation.objects.filter(
            pk__in=represented,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .select_related("country")
        .order_by("name")
    )


def represents_member(user, organisation):
    return member_organisations(user).filter(pk=organisation.pk).exists()


def is_drafter(user, declaration):
    """The Secretariat and the declaration's named drafters."""
    if is_secretariat(user):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return declaration.drafters.filter(pk=user.pk).exists()


def can_comment(user, declaration):
    return declaration.is_open_for_comment and member_organisations(user).exists()


def can_read_comments(user, declaration):
    """Comments are the members' consultation: members, drafters and staff read them."""
    return is_drafter(user, declaration) or member_organisations(user).exists()


def can_manage(user, declaration):
    return is_drafter(user, declaration)


def can_adopt(user):
    return is_secretariat(user)


def can_export(user):
    return is_secretariat(user)
