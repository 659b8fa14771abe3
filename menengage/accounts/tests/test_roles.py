import pytest

from menengage.accounts.models import RoleAssignment
from menengage.accounts.permissions import has_role
from menengage.accounts.services import role_assign
from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent
from menengage.networks.models import Network


@pytest.mark.django_db
def test_a_role_is_scoped_to_its_network(coordinator, kenya):
    brazil = Network.objects.get(slug="brazil")
    assert has_role(coordinator, RoleAssignment.Role.COORDINATOR, kenya)
    assert not has_role(coordinator, RoleAssignment.Role.COORDINATOR, brazil)
    assert not has_role(coordinator, RoleAssignment.Role.COORDINATOR)
    assert AuditEvent.objects.filter(verb="role.assign").count() == 1


@pytest.mark.django_db
def test_only_staff_assign_roles(outsider, coordinator, kenya):
    with pytest.raises(NotPermitted):
        role_assign(
            user=outsider, role=RoleAssignment.Role.COORDINATOR, scope=kenya, actor=coordinator
        )
    assert not has_role(outsider, RoleAssignment.Role.COORDINATOR, kenya)


@pytest.mark.django_db
def test_anonymous_has_no_role(kenya):
    from django.contrib.auth.models import AnonymousUser

    assert not has_role(AnonymousUser(), RoleAssignment.Role.COORDINATOR, kenya)
