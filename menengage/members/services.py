"""Writes for members. The full application flow arrives with the membership issue."""

from django.db import transaction
from django.utils import timezone

from menengage.core.audit import audit_record

from .models import Membership, Organisation


@transaction.atomic
def organisation_register(*, actor, memberships=(), **fields):
    """Create an organisation and its memberships (network, status) in one step.

    Records `organisation.register`, and `membership.create` for each membership.
    """
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, verb="organisation.register", target=organisation, after=fields)
    today = timezone.localdate()
    for network, status in memberships:
        membership = Membership(
            organisation=organisation,
            network=network,
            status=status,
            applied_on=today,
            joined_on=today if status == Membership.Status.ACTIVE else None,
        )
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            verb="membership.create",
            target=membership,
            after={"network": network.slug, "status": status},
        )
    return organisation
