import json

import pytest

from menengage.core.models import AuditEvent
from menengage.library import samples, services
from menengage.library.models import Resource, ResourceFile

from .conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(representative, organisation):
    return services.resource_submit(
        actor=representative,
        organisation=organisation,
        language="en",
        title={"en": "Submitted toolkit"},
        kind="toolkit",
        external_url="https://example.org/toolkit",
    )


@pytest.fixture
def with_file(make_resource, staff):
    resource = make_resource(title="Downloadable guide", authors="Ana Silva; Jo Doe")
    item = services.resource_file_add(
        actor=staff,
        resource=resource,
        upload=upload("guide.pdf", samples.pdf_bytes("Guide", ["text"])),
        language="en",
    )
    return resource, item


def test_every_language_renders_the_library_and_a_resource(client, with_file):
    resource, _item = with_file
    for language in ("en", "es", "fr", "pt"):
        assert client.get(f"/{language}/library/").status_code == 200
        page = client.get(f"/{language}/library/{resource.pk}-{resource.slug}/")
        assert page.status_code == 200
        assert "Downloadable guide" in page.text


def test_stable_url_redirects_to_the_canonical_slug(client, with_file):
    resource, _item = with_file
    response = client.get(f"/en/library/{resource.pk}/")
    assert response.status_code == 301
    assert response["Location"] == resource.get_absolute_url()
    assert client.get(f"/en/library/{resource.pk}-old-title/").status_code == 301


def test_download_is_an_attachment_with_nosniff_and_counted(client, with_file):
    resource, item = with_file
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="guide.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.get(item.get_absolute_url())
    resource.refresh_from_db()
    item.refresh_from_db()
    assert resource.download_count == 2 and item.download_count == 2


def test_size_is_shown_before_download(client, with_file):
    resource, item = with_file
    page = client.get(resource.get_absolute_url()).text
    assert item.get_absolute_url() in page
    assert "KB" in page or "bytes" in page


# Persona matrix: visitor, outsider, representative, staff.


def test_submission_is_private_until_published(
    client, signed_in, submission, outsider, representative, staff
):
    url = f"/en/library/{submission.pk}-{submission.slug}/"
    assert client.get(url).status_code == 404
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(representative).get(url).status_code == 200
    assert signed_in(staff).get(url).status_code == 200
    assert submission.pk not in [r.pk for r in Resource.objects.filter(status="published")]


def test_only_editors_review(client, signed_in, submission, outsider, representative, staff):
    url = f"/en/library/{submission.pk}/review/publish/"
    assert client.post(url).status_code == 302  # to sign-in
    assert signed_in(outsider).post(url).status_code == 404
    assert signed_in(representative).post(url).status_code == 404
    submission.refresh_from_db()
    assert submission.status == Resource.Status.SUBMITTED
    assert signed_in(staff).post(url).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Resource.Status.PUBLISHED
    assert AuditEvent.objects.filter(verb="resource.publish").count() == 1
    assert client.get(submission.get_absolute_url()).status_code == 200


def test_review_get_is_not_allowed(signed_in, submission, staff):
    assert signed_in(staff).get(f"/en/library/{submission.pk}/review/publish/").status_code == 405


def test_reject_needs_a_reason(signed_in, submission, staff):
    client = signed_in(staff)
    client.post(f"/en/library/{submission.pk}/review/reject/", {"note": ""})
    submission.refresh_from_db()
    assert submission.status == Resource.Status.SUBMITTED
    client.post(f"/en/library/{submission.pk}/review/reject/", {"note": "Out of scope."})
    submission.refresh_from_db()
    assert submission.status == Resource.Status.REJECTED


def test_submit_form_personas(client, signed_in, outsider, representative):
    assert client.get("/en/library/submit/").status_code == 302
    assert signed_in(outsider).get("/en/library/submit/").status_code == 403
    assert signed_in(representative).get("/en/library/submit/").status_code == 200


def test_representative_submits_with_a_file(
    signed_in, representative, organisation, django_capture_on_commit_callbacks
):
    client = signed_in(representative)
    content = samples.docx_bytes("Fathers", ["Fatherhood groups in Nairobi."])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/library/submit/",
            {
                "organisation": organisation.pk,
                "language": "es",
                "title": "Grupos de padres",
                "summary": "Una guía.",
                "kind": "toolkit",
                "licence": "cc-by-4.0",
                "upload": upload("Grupos de padres.docx", content),
            },
        )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.SUBMITTED
    assert resource.publisher == organisation and resource.title["es"] == "Grupos de padres"
    assert resource.files.get().filename == "grupos-de-padres.docx"
    assert "Nairobi" in resource.text


def test_submit_with_a_lying_file_shows_an_error_and_writes_nothing(
    signed_in, representative, organisation
):
    response = signed_in(representative).post(
        "/en/library/submit/",
        {
            "organisation": organisation.pk,
            "language": "en",
            "title": "Fake",
            "summary": "x",
            "kind": "toolkit",
            "licence": "cc-by-4.0",
            "upload": upload("fake.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 400
    assert "Only PDF, Word (DOCX) and EPUB files" in response.text
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()


def test_submit_needs_a_file_or_a_link(signed_in, representative, organisation):
    response = signed_in(representative).post(
        "/en/library/submit/",
        {
            "organisation": organisation.pk,
            "language": "en",
            "title": "T",
            "summary": "S",
            "kind": "report",
            "licence": "cc-by-4.0",
        },
    )
    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_cannot_submit_for_another_organisation(signed_in, outsider, organisation):
    from menengage.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.resource_submit(
            actor=outsider,
            organisation=organisation,
            language="en",
            title={"en": "X"},
            kind="report",
        )
    assert not Resource.objects.exists()


def test_download_of_unpublished_file_is_not_found(client, submission, representative):
    item = services.resource_file_add(
        actor=representative,
        resource=submission,
        upload=upload("a.pdf", samples.pdf_bytes("A", ["b"])),
        language="en",
    )
    assert client.get(item.get_absolute_url()).status_code == 404


def test_citations_for_one_resource(client, with_file):
    resource, _item = with_file
    ris = client.get(f"/en/library/{resource.pk}/cite.ris")
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert "TI  - Downloadable guide" in ris.text and "AU  - Ana Silva" in ris.text
    assert ris.text.rstrip().endswith("ER  -")
    bib = client.get(f"/en/library/{resource.pk}/cite.bib").text
    assert bib.startswith(f"@manual{{menengage{resource.pk},")
    assert "author = {Ana Silva and Jo Doe}" in bib
    csl = json.loads(client.get(f"/en/library/{resource.pk}/cite.json").content)
    assert csl[0]["title"] == "Downloadable guide" and csl[0]["type"] == "document"
    assert client.get(f"/en/library/{resource.pk}/cite.exe").status_code == 404


def test_citations_for_a_result_list(client, make_resource):
    make_resource(title="Listed one 50% & co")
    make_resource(title="Listed two")
    make_resource(title="Other")
    ris = client.get("/en/library/cite.ris", {"q": "listed"}).text
    assert ris.count("TY  - ") == 2
    bib = client.get("/en/library/cite.bib", {"q": "listed"}).text
    assert r"50\% \& co" in bib
    assert len(json.loads(client.get("/en/library/cite.json", {"q": "listed"}).content)) == 2


def test_atom_feed_lists_new_resources(client, make_resource, submission):
    make_resource(title="Fresh in the feed")
    response = client.get("/en/library/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Fresh in the feed" in response.text
    assert "Submitted toolkit" not in response.text
