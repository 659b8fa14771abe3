"""Who may do what with evidence.

Instruments and published evaluations' aggregate results are public. An evaluation belongs
to its organisation: its representatives register it, upload responses, read respondent-level
data and decide when to publish; the secretariat may do the same for any evaluation. Staff
alone write instruments.
"""

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role, is_secretariat, role_scopes
from menengage.members.models import Organisation


def represents(user, organisation):
    return has_role(user, RoleAssignment.Role.REPRESENTATIVE, organisation)


def represented_organisation_ids(user):
    """Ids of the organisations `user` represents today (dates and scope: accounts.permissions)."""
    return list(
        role_scopes(user, RoleAssignment.Role.REPRESENTATIVE, Organisation).values_list(
            "scope_id", flat=True
        )
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
