"""The streamed zip check: a bomb is refused after inflating no more than its cap, in little
memory; an ordinary DOCX passes."""

import io
import time
import tracemalloc
import zipfile

import pytest

from menengage.core.archives import ArchiveRefused, archive_inspect
from menengage.testing.bombs import docx_bomb


@pytest.fixture(scope="module")
def bomb():
    return docx_bomb(512)  # half a gigabyte of zeros in about half a megabyte


def test_a_half_gigabyte_bomb_is_refused_in_bounded_memory_and_time(bomb):
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(ArchiveRefused):
            archive_inspect(io.BytesIO(bomb), max_bytes=200 * 1024 * 1024)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024
    assert time.process_time() - started < 10


def test_an_ordinary_docx_passes_and_names_its_parts():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + "<w:p>Fathers</w:p>" * 5000)
    names, kept = archive_inspect(buffer, max_bytes=10 * 1024 * 1024, read={"[Content_Types].xml"})
    assert names == {"[Content_Types].xml", "word/document.xml"}
    assert kept == {"[Content_Types].xml": b"<Types/>"}


def test_a_damaged_zip_is_refused():
    with pytest.raises(ArchiveRefused):
        archive_inspect(io.BytesIO(b"PK\x03\x04 not a zip at all"), max_bytes=1024)
