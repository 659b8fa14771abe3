"""Print the text of one PDF or DOCX file: run as a child process by `extraction`.

Kept free of Django settings so the child starts quickly, and run under resource limits so a
hostile or broken file can only exhaust its own process: the parent sets them before exec, and
the child sets them again itself (so it is bound however it is started). A DOCX is inflated as a
stream and counted (menengage.core.archives) before python-docx, which holds every part in
memory, opens it.
Usage: python -m menengage.library.extractor pdf|docx PATH MAX_CHARS
"""

import resource
import sys

CPU_SECONDS = 20
MEMORY_BYTES = 768 * 1024 * 1024
# A DOCX's parts together, inflated; a bomb is refused before it is parsed.
MAX_INFLATED_BYTES = 200 * 1024 * 1024


def limit_resources():
    """CPU time and address space for this process: never above what it already has."""
    for kind, wanted in ((resource.RLIMIT_CPU, CPU_SECONDS), (resource.RLIMIT_AS, MEMORY_BYTES)):
        _soft, hard = resource.getrlimit(kind)
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(kind, (limit, limit))


def pdf_text(path, max_chars):
    from pypdf import PdfReader

    reader = PdfReader(path)
    parts, size = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= max_chars:
            break
    return "\n".join(parts)


def docx_text(path, max_chars):
    from docx import Document

    from menengage.core.archives import archive_inspect

    archive_inspect(path, max_bytes=MAX_INFLATED_BYTES)
    document = Document(path)
    parts, size = [], 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        size += len(paragraph.text)
        if size >= max_chars:
            break
    return "\n".join(parts)


def main(argv):
    limit_resources()
    kind, path, max_chars = argv[1], argv[2], int(argv[3])
    text = {"pdf": pdf_text, "docx": docx_text}[kind](path, max_chars)
    sys.stdout.write(text[:max_chars])


if __name__ == "__main__":
    main(sys.argv)
