"""Reads for members."""

from django.db.models import Count, Q

from .models import Membership, Organisation


def alliance_figures():
    """Live figures for the home page: member organisations and the countries they work in."""
    active = Organisation.objects.filter(memberships__status=Membership.Status.ACTIVE)
    return active.aggregate(
        organisations=Count("pk", distinct=True),
        countries=Count("country", distinct=True, filter=Q(country__isnull=False)),
    )
