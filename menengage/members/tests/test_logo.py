"""An organisation's logo: uploaded by its representatives, checked by content, served small."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from menengage.accounts.models import RoleAssignment, User
from menengage.accounts.services import role_assign
from menengage.core.images import MAX_IMAGE_BYTES
from menengage.core.models import AuditEvent
from menengage.members.models import Organisation
from menengage.members.services import organisation_register

pytestmark = pytest.mark.django_db
EDIT = "/en/portal/represented-org/edit/"
FORM = {"name": "Represented Org", "city": "", "website": "", "description": ""}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def member_rep(staff, kenya):
    organisation = organisation_register(
        actor=staff,
        name="Represented Org",
        slug="represented-org",
        kind="ngo",
        country_id="KE",
        memberships=[(kenya, "active")],
    )
    person = User.objects.create_user("rep@example.org", "x-long-password-1", name="Rep")
    role_assign(
        user=person, role=RoleAssignment.Role.REPRESENTATIVE, scope=organisation, actor=staff
    )
    return person


def picture(name="logo.png", kind="PNG", size=(400, 300)):
    out = io.BytesIO()
    Image.new("RGB", size, "#4e1f6b").save(out, format=kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def upload(client, file):
    return client.post(EDIT, {**FORM, "logo_upload": file})


# Attackers first


def test_an_outsider_and_a_visitor_cannot_upload_a_logo(client, member_rep, outsider):
    assert upload(client, picture()).status_code == 302  # to sign-in
    client.force_login(outsider)
    assert upload(client, picture()).status_code == 404
    assert Organisation.objects.get(slug="represented-org").logo is None
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"), "Only JPEG"),
        (SimpleUploadedFile("logo.png", b"", "image/png"), None),  # an empty field: no change
        (picture("logo.gif", kind="GIF"), "Only JPEG"),
        (picture(size=(7000, 40)), "pixels on a side"),
        (picture(size=(10, 10)), "smaller than"),
    ],
)
def test_a_file_that_is_not_an_accepted_picture_is_refused_and_nothing_written(
    client, member_rep, file, message
):
    client.force_login(member_rep)
    response = upload(client, file)

    if message:
        assert response.status_code == 200 and message in response.text
    assert Organisation.objects.get(slug="represented-org").logo is None
    assert not get_image_model().objects.exists()


def test_a_picture_too_large_in_bytes_is_refused(client, member_rep):
    client.force_login(member_rep)
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * MAX_IMAGE_BYTES, "image/png")
    assert "larger than 5 MB" in upload(client, big).text
    assert not get_image_model().objects.exists()


# Happy path


def test_a_representative_uploads_a_logo_served_as_small_lazy_renditions(client, member_rep):
    client.force_login(member_rep)
    # Named .jpg but a PNG: the content decides, the name is made from the organisation.
    assert upload(client, picture("holiday.jpg")).status_code == 302

    organisation = Organisation.objects.select_related("logo").get(slug="represented-org")
    assert organisation.logo.file.name.endswith("represented-org.png")
    assert AuditEvent.objects.filter(verb="organisation.update").exists()
    html = client.get("/en/members/represented-org/").text
    tag = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in tag
    img = re.search(r"<img [^>]+>", tag).group(0)
    assert 'loading="lazy"' in img and 'alt=""' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert re.search(r'src="[^"]+\.webp"', img) and "320w" in tag and 'sizes="160px"' in tag

    assert client.post(EDIT, {**FORM, "remove_logo": "on"}).status_code == 302
    assert Organisation.objects.get(slug="represented-org").logo is None
