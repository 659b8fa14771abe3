"""Zip-based uploads (DOCX, EPUB, ...) inspected within bounded memory and time.

A zip's directory states each entry's sizes, but a hostile file can state anything: a 1 MB
DOCX can inflate to gigabytes. So every entry is inflated as a stream, a chunk at a time, and
counted; inspection stops as soon as the total or the ratio to the file's own size passes its
cap. Memory stays at one chunk; time is bounded by the cap. Used by the web process (library
and concern uploads) and by the text-extraction child before it parses a file.
"""

import zipfile
import zlib

from django.utils.translation import gettext_lazy as _

from menengage.core.errors import DomainError

CHUNK_BYTES = 64 * 1024
MAX_ENTRIES = 5_000
# Office and e-book files inflate ten to fifty times; a bomb a thousand times and more.
MAX_RATIO = 250
# Below this much inflated data, any ratio is harmless (a small XML file compresses well).
RATIO_FREE_BYTES = 10 * 1024 * 1024


class ArchiveRefused(DomainError):
    """A zip-based file that inflates too far, holds too many entries or is damaged."""


def archive_inspect(file, *, max_bytes, read=()):
    """Check the zip `file` (a path or a seekable file) entry by entry, streaming, and return
    its entry names and the contents of the small entries named in `read`.

    Raises ArchiveRefused when it is not a readable zip, has more than MAX_ENTRIES entries,
    or inflates past `max_bytes` in all or past MAX_RATIO times its own size. Reads no more
    than `max_bytes` (plus one chunk) of inflated data whatever the file claims.
    """
    too_large = ArchiveRefused(_("The file expands to far more data than its size: refused."))
    try:
        if hasattr(file, "seek"):
            file.seek(0, 2)
            size = file.tell()
            file.seek(0)
        else:
            with open(file, "rb") as handle:
                size = handle.seek(0, 2)
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise ArchiveRefused(_("The file holds too many parts to be read."))
            limit = min(max_bytes, max(RATIO_FREE_BYTES, MAX_RATIO * max(size, 1)))
            if sum(entry.file_size for entry in entries) > limit:
                raise too_large
            total, kept = 0, {}
            for entry in entries:
                if entry.is_dir():
                    continue
                keep = entry.filename in read
                chunks = []
                with archive.open(entry) as stream:
                    while chunk := stream.read(CHUNK_BYTES):
                        total += len(chunk)
                        if total > limit:
                            raise too_large
                        if keep:
                            chunks.append(chunk)
                if keep:
                    kept[entry.filename] = b"".join(chunks)
            return {entry.filename for entry in entries}, kept
    except ArchiveRefused:
        raise
    except (
        zipfile.BadZipFile,
        NotImplementedError,
        RuntimeError,
        OSError,
        EOFError,
        zlib.error,
    ) as bad:
        raise ArchiveRefused(_("The file is damaged and cannot be read.")) from bad
    finally:
        if hasattr(file, "seek"):
            file.seek(0)
