"""Files given with a concern: checked by their content, never by their name."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from menengage.core.archives import ArchiveRefused, archive_inspect

from .models import Attachment

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
# A DOCX's entries together, inflated.
MAX_INFLATED_BYTES = 50 * 1024 * 1024


def detect_type(data: bytes):
    """The attachment type `data` really is (PDF, JPEG, PNG or DOCX), or None; ArchiveRefused
    for a zip that inflates too far."""
    if data.startswith(b"%PDF-"):
        return Attachment.Type.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return Attachment.Type.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Attachment.Type.PNG
    if data.startswith(b"PK\x03\x04"):
        names, _kept = archive_inspect(io.BytesIO(data), max_bytes=MAX_INFLATED_BYTES)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return Attachment.Type.DOCX
    return None


def read_uploads(files):
    """[(name, content type, bytes)] for uploaded `files`, or ValidationError with a sentence."""
    files = [upload for upload in files if upload]
    if len(files) > MAX_FILES:
        raise ValidationError(_("Please attach at most three files."))
    checked = []
    for upload in files:
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("%(name)s is larger than 5 MB. Please attach a smaller file.")
                % {"name": upload.name}
            )
        data = upload.read()
        try:
            content_type = detect_type(data)
        except ArchiveRefused as refused:
            raise ValidationError(
                _("%(name)s cannot be accepted: %(reason)s")
                % {"name": upload.name, "reason": str(refused)}
            ) from refused
        if content_type is None:
            raise ValidationError(
                _("%(name)s is not a PDF, JPEG, PNG or Word (DOCX) file.") % {"name": upload.name}
            )
        checked.append((upload.name[:200], content_type, data))
    return checked
