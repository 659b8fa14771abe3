"""Library fixtures: a member organisation, its representative, and resources made by services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.conftest import PASSWORD
from menengage.core.models import Term
from menengage.library import services
from menengage.members.models import Membership
from menengage.members.services import organisation_register


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads go to a throwaway folder, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(staff, kenya):
    return organisation_register(
        actor=staff,
        memberships=[(kenya, Membership.Status.ACTIVE)],
        name="Men for Care Kenya",
        slug="men-for-care-kenya",
        kind="ngo",
        country_id="KE",
    )


@pytest.fixture
def representative(staff, organisation):
    person = User.objects.create_user("rep@example.org", PASSWORD, name="Rita Representative")
    role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
    )
    return person


@pytest.fixture
def make_resource(staff):
    """A published resource created by an editor through the service."""
    counter = iter(range(1, 10_000))

    def make(title=None, language="en", **fields):
        number = next(counter)
        fields.setdefault("kind", "toolkit")
        fields.setdefault("published_on", datetime.date(2020, 1, 1) + datetime.timedelta(number))
        fields.setdefault("title", {language: title or f"Resource {number}"})
        themes = fields.pop("theme_codes", None)
        if themes:
            fields["themes"] = list(Term.objects.filter(vocabulary="theme", code__in=themes))
        return services.resource_create(actor=staff, language=language, **fields)

    return make


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
