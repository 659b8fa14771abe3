"""Text extraction from uploaded files, in a child process with CPU, memory and time limits."""

import resource
import subprocess
import sys

from django.utils.translation import gettext_lazy as _

from menengage.core.errors import DomainError

from .extractor import CPU_SECONDS, MEMORY_BYTES

WALL_SECONDS = 30
MAX_CHARS = 500_000
EXTRACTABLE = ("pdf", "docx")


class ExtractionFailed(DomainError):
    """The file's text could not be read; the message is shown to editors."""


def _limit_child():
    # Runs in the child between fork and exec: the limits bind the extractor, not the server.
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def extract_text(path, kind):
    """The text of the PDF or DOCX file at `path`; ExtractionFailed when it cannot be read."""
    if kind not in EXTRACTABLE:
        raise ExtractionFailed(_("Text is only extracted from PDF and DOCX files."))
    try:
        finished = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
            [sys.executable, "-m", "menengage.library.extractor", kind, str(path), str(MAX_CHARS)],
            capture_output=True,
            timeout=WALL_SECONDS,
            preexec_fn=_limit_child,  # noqa: PLW1509 - no threads are started before exec
            check=False,
        )
    except subprocess.TimeoutExpired as slow:
        raise ExtractionFailed(_("Reading the file took too long.")) from slow
    if finished.returncode != 0:
        raise ExtractionFailed(
            _("The file could not be read; it may be damaged or protected by a password.")
        )
    text = finished.stdout.decode("utf-8", errors="replace").strip()
    if not text:
        raise ExtractionFailed(_("The file holds no text that could be read (a scanned image?)."))
    return text
