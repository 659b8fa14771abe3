"""Checking uploaded files: their size, their real type read from their content, their name."""

import os

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from menengage.core.archives import ArchiveRefused, archive_inspect
from menengage.core.errors import DomainError

MAX_UPLOAD_BYTES = 40 * 1024 * 1024
# All the entries of a DOCX or EPUB together, inflated.
MAX_INFLATED_BYTES = 200 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "epub": "application/epub+zip",
}


class UploadRefused(DomainError):
    """An uploaded file that the library does not accept."""


def sniff_format(upload):
    """ "pdf", "docx" or "epub" from the file's first bytes and zip entries, never its name."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names, kept = archive_inspect(upload, max_bytes=MAX_INFLATED_BYTES, read={"mimetype"})
        except ArchiveRefused as refused:
            raise UploadRefused(str(refused)) from refused
        # EPUB's first entry is an uncompressed `mimetype` file naming the format.
        if kept.get("mimetype", b"").strip() == b"application/epub+zip":
            return "epub"
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    raise UploadRefused(_("Only PDF, Word (DOCX) and EPUB files can be uploaded."))


def check_upload(upload):
    """The upload's format; UploadRefused when it is too large, empty or not an allowed type."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRefused(
            _("The file is larger than %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
        )
    if upload.size == 0:
        raise UploadRefused(_("The file is empty."))
    return sniff_format(upload)


def safe_filename(name, file_format):
    """A plain ASCII file name ending in the extension of the format the content showed."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    stem = slugify(stem)[:80].strip("-_") or "resource"
    return f"{stem}.{file_format}"
