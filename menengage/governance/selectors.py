"""Reads for governance. Other apps (concerns) rely on the functions marked as a contract."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .models import Body, Term

GOVERNANCE_COMMITTEE_SLUG = "governance-committee"
BOARD_SLUG = "global-board"


def terms_current(on=None):
    """Terms running on `on` (today by default)."""
    on = on or timezone.localdate()
    return Term.objects.filter(starts_on__lte=on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def body_members(body):
    """Contract: the people sitting on `body` today (its seats' current delegates)."""
    delegates = terms_current().filter(seat__body=body).values("delegate")
    return get_user_model().objects.filter(pk__in=delegates, is_active=True)


def governance_committee():
    """Contract: the Governance Committee, or None before it exists."""
    return Body.objects.filter(slug=GOVERNANCE_COMMITTEE_SLUG).first()


def board_organisations():
    """Contract: ids of the organisations holding a seat on the Global Board today."""
    return set(
        terms_current().filter(seat__body__slug=BOARD_SLUG).values_list("organisation", flat=True)
    )


def sits_on_board(user):
    """Contract: is `user` a delegate on the Global Board today?"""
    return terms_current().filter(seat__body__slug=BOARD_SLUG, delegate=user).exists()
