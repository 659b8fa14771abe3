"""Who may read and handle a case: only the people assigned to it, never anyone excluded.

Staff rights and superuser status give nothing here on purpose.
"""

from .models import CaseAssignment, CaseExclusion


def _assignment(user, concern):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if CaseExclusion.objects.filter(concern=concern, user=user).exists():
        return None
    return CaseAssignment.objects.filter(concern=concern, user=user).first()


def can_read_case(user, concern):
    return _assignment(user, concern) is not None


def can_lead_case(user, concern):
    """Leads (told on arrival) acknowledge, assign handlers and close; handlers help."""
    assignment = _assignment(user, concern)
    return assignment is not None and assignment.role == CaseAssignment.Role.LEAD


def can_handle_cases(user):
    """Does `user` have any case to open (so the handling area is worth showing)?"""
    return bool(
        getattr(user, "is_authenticated", False)
        and CaseAssignment.objects.filter(user=user).exists()
    )
