"""Writes for networks."""

from django.db import transaction

from menengage.accounts.permissions import is_secretariat
from menengage.core.audit import audit_record, snapshot
from menengage.core.errors import NotPermitted

EDITABLE_FIELDS = [
    "name",
    "summary",
    "founded",
    "host_organisation",
    "website",
    "is_forming",
]


@transaction.atomic
def network_update(*, network, actor, **changes):
    """Change a network's public details. Secretariat staff only. Records `network.update`."""
    if not is_secretariat(actor):
        raise NotPermitted("Only secretariat staff can edit a network.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    before = snapshot(network, changes)
    for field, value in changes.items():
        setattr(network, field, value)
    network.full_clean()
    network.save(update_fields=list(changes))
    audit_record(actor=actor, verb="network.update", target=network, before=before, after=changes)
    return network
