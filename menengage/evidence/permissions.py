"""Who may do what with evidence.

Instruments and published evaluations' aggregate results are public. An evaluation belongs
to its organisation: its representatives register it, upload responses, read respondent-level
data and decide when to publish; the secretariat may do the same for any evaluation. Staff
alone write instruments.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, is_secretariat
from menengage.members.models import Organisation


def represents(user, organisation):
    return has_role(user, RoleAssignment.Role.REPRESENTATIVE, organisation)


def represented_organisation_ids(user):
    """Ids of the organisations `user` represents today (the role's dates checked)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    today = timezone.localdate()
    return list(
        RoleAssignment.objects.filter(
            user=user,
            role=RoleAssignment.Role.REPRESENTATIVE,
            scope_type=ContentType.objects.get_for_model(Organisation),
            starts_on__lte=today,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("scope_id", flat=True)
    )


def can_register_evaluations(user):
    """May `user` open the form for a new evaluation: staff and organisations'
    representatives."""
    return is_secretariat(user) or bool(represented_organisation_ids(user))


def can_register_for(user, organisation):
    return is_secretariat(user) or represents(user, organisation)


def can_manage_evaluation(user, evaluation):
    """Upload, publish, read respondent-level data: the evaluating organisation's
    representatives and the secretariat."""
    return can_register_for(user, evaluation.organisation)


def can_see_evaluation(user, evaluation):
    """A published evaluation's aggregates are public; an unpublished one is its
    organisation's and the secretariat's."""
    return evaluation.is_published or can_manage_evaluation(user, evaluation)


def can_edit_instruments(user):
    return is_secretariat(user)
