import pytest

from menengage.core.models import AuditEvent
from menengage.library import samples, search
from menengage.library.models import Resource, ResourceFile

from .conftest import upload

pytestmark = pytest.mark.django_db


def test_editors_create_and_publish_in_the_wagtail_admin(signed_in, staff):
    client = signed_in(staff)
    assert client.get("/admin/library_resource/").status_code == 200
    response = client.post(
        "/admin/library_resource/new/",
        {
            "title_en": "Admin-made toolkit",
            "language": "en",
            "kind": "toolkit",
            "licence": "cc-by-4.0",
            "status": "published",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.PUBLISHED
    assert search.candidates("admin made") == [resource.pk]
    assert AuditEvent.objects.filter(verb="resource.create").exists()


def test_admin_edit_goes_through_the_services(signed_in, staff, representative, organisation):
    from menengage.library import services

    resource = services.resource_submit(
        actor=representative,
        organisation=organisation,
        language="en",
        title={"en": "Waiting"},
        kind="report",
    )
    client = signed_in(staff)
    response = client.post(
        f"/admin/library_resource/edit/{resource.pk}/",
        {
            "title_en": "Reviewed",
            "language": "en",
            "kind": "report",
            "licence": "cc-by-4.0",
            "publisher": organisation.pk,
            "status": "published",
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title["en"] == "Reviewed" and resource.status == Resource.Status.PUBLISHED
    assert AuditEvent.objects.filter(verb="resource.publish").exists()


def test_admin_upload_checks_the_content(signed_in, staff, make_resource):
    resource = make_resource(title="Needs a file")
    client = signed_in(staff)
    response = client.post(
        "/admin/library_file/new/",
        {"resource": resource.pk, "language": "en", "file": upload("x.pdf", b"MZ not a pdf")},
    )
    assert response.status_code == 200
    assert not ResourceFile.objects.exists()
    response = client.post(
        "/admin/library_file/new/",
        {
            "resource": resource.pk,
            "language": "en",
            "file": upload("ok.pdf", samples.pdf_bytes("ok", ["ok"])),
        },
    )
    assert response.status_code == 302
    assert ResourceFile.objects.get().filename == "ok.pdf"


def test_outsiders_cannot_reach_the_admin(signed_in, outsider):
    response = signed_in(outsider).get("/admin/library_resource/")
    assert response.status_code in (302, 403)
