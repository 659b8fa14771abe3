import pytest

from menengage.core.errors import NotPermitted
from menengage.core.models import AuditEvent
from menengage.library import extraction, samples, search, services
from menengage.library.models import Resource, ResourceFile
from menengage.library.uploads import UploadRefused
from menengage.testing.bombs import docx_bomb

from .conftest import upload

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    f"Paragraph {n}: community mobilisation with fathers and adolescent boys." for n in range(12)
]


def add(make_resource, staff, name, content, capture, language="en"):
    resource = make_resource(title="Files test")
    with capture(execute=True):
        item = services.resource_file_add(
            actor=staff, resource=resource, upload=upload(name, content), language=language
        )
    item.refresh_from_db()
    resource.refresh_from_db()
    return resource, item


def test_pdf_text_is_extracted_in_the_background_and_searchable(
    make_resource, staff, django_capture_on_commit_callbacks
):
    content = samples.pdf_bytes("Mobilisation guide", PARAGRAPHS)
    resource, item = add(
        make_resource, staff, "guide.pdf", content, django_capture_on_commit_callbacks
    )
    assert item.format == "pdf" and item.extraction == ResourceFile.Extraction.DONE
    assert "adolescent boys" in resource.text
    assert "Paragraph 11" in resource.text  # the last page too
    assert search.candidates("mobilisation") == [resource.pk]
    assert AuditEvent.objects.filter(verb="resource.extract", target_id=str(resource.pk)).exists()


def test_docx_text_is_extracted(make_resource, staff, django_capture_on_commit_callbacks):
    content = samples.docx_bytes("Manual", PARAGRAPHS)
    resource, item = add(
        make_resource, staff, "manual.docx", content, django_capture_on_commit_callbacks
    )
    assert item.format == "docx" and item.extraction == ResourceFile.Extraction.DONE
    assert "community mobilisation" in resource.text


def test_broken_pdf_leaves_the_resource_listed_with_a_note(
    make_resource, staff, django_capture_on_commit_callbacks, client
):
    broken = b"%PDF-1.7\n" + b"\x00garbage" * 200
    resource, item = add(
        make_resource, staff, "broken.pdf", broken, django_capture_on_commit_callbacks
    )
    assert item.extraction == ResourceFile.Extraction.FAILED
    assert item.extraction_note
    assert "broken.pdf" in resource.extraction_note
    assert resource.status == Resource.Status.PUBLISHED
    assert search.candidates("files test") == [resource.pk]
    client.force_login(staff)
    assert "Note for editors" in client.get(resource.get_absolute_url()).text


def test_extraction_runs_under_a_time_limit(tmp_path, monkeypatch):
    path = tmp_path / "slow.pdf"
    path.write_bytes(samples.pdf_bytes("Slow", PARAGRAPHS))
    monkeypatch.setattr(extraction, "WALL_SECONDS", 0.01)
    with pytest.raises(extraction.ExtractionFailed):
        extraction.extract_text(path, "pdf")


def test_extraction_runs_under_a_memory_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.pdf"
    path.write_bytes(samples.pdf_bytes("Big", PARAGRAPHS))
    monkeypatch.setattr(extraction, "MEMORY_BYTES", 20 * 1024 * 1024)
    with pytest.raises(extraction.ExtractionFailed):
        extraction.extract_text(path, "pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("toolkit.docx", b"MZ\x90\x00 an executable"),
        ("book.epub", samples.pdf_bytes("x", ["y"])[:0] + b"PK\x03\x04 not a zip"),
    ],
)
def test_a_file_whose_name_lies_is_refused_and_nothing_written(make_resource, staff, name, content):
    resource = make_resource(title="Lies")
    with pytest.raises(UploadRefused):
        services.resource_file_add(
            actor=staff, resource=resource, upload=upload(name, content), language="en"
        )
    assert not ResourceFile.objects.exists()
    assert not AuditEvent.objects.filter(verb="resource.file_add").exists()


def test_the_format_comes_from_the_content_and_the_name_is_sanitised(make_resource, staff):
    resource = make_resource(title="Renamed")
    item = services.resource_file_add(
        actor=staff,
        resource=resource,
        upload=upload("../../etc/Évil name;.exe", samples.docx_bytes("t", ["p"])),
        language="fr",
    )
    assert item.format == "docx"
    assert item.filename == "evil-name.docx"
    assert ".." not in item.file.name


def test_epub_is_accepted_and_not_extracted(make_resource, staff):
    resource = make_resource(title="Book")
    item = services.resource_file_add(
        actor=staff,
        resource=resource,
        upload=upload("b.epub", samples.epub_bytes("B")),
        language="en",
    )
    assert item.format == "epub" and item.extraction == ResourceFile.Extraction.SKIPPED


def test_size_limit(make_resource, staff, monkeypatch):
    from menengage.library import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    resource = make_resource(title="Large")
    with pytest.raises(UploadRefused):
        services.resource_file_add(
            actor=staff,
            resource=resource,
            upload=upload("a.pdf", samples.pdf_bytes("t", ["p"])),
            language="en",
        )


def test_outsider_cannot_add_files(make_resource, outsider):
    resource = make_resource(title="Closed")
    with pytest.raises(NotPermitted):
        services.resource_file_add(
            actor=outsider,
            resource=resource,
            upload=upload("a.pdf", samples.pdf_bytes("t", ["p"])),
            language="en",
        )
    assert not ResourceFile.objects.exists()


def test_a_docx_bomb_is_refused_on_upload_and_nothing_written(make_resource, staff):
    resource = make_resource(title="Bomb")
    bomb = docx_bomb(400)  # 400 MB of zeros in under half a megabyte
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UploadRefused):
        services.resource_file_add(
            actor=staff, resource=resource, upload=upload("toolkit.docx", bomb), language="en"
        )
    assert not ResourceFile.objects.exists()


def test_the_extraction_child_refuses_a_docx_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with path.open("wb") as file:
        docx_bomb(400, file)
    with pytest.raises(extraction.ExtractionFailed):
        extraction.extract_text(path, "docx")
