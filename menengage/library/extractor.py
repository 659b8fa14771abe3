"""Print the text of one PDF or DOCX file: run as a child process by `extraction`.

Kept free of Django so the child starts quickly, and run under resource limits so a hostile
or broken file can only exhaust its own process.
Usage: python -m menengage.library.extractor pdf|docx PATH MAX_CHARS
"""

import sys


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

    document = Document(path)
    parts, size = [], 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        size += len(paragraph.text)
        if size >= max_chars:
            break
    return "\n".join(parts)


def main(argv):
    kind, path, max_chars = argv[1], argv[2], int(argv[3])
    text = {"pdf": pdf_text, "docx": docx_text}[kind](path, max_chars)
    sys.stdout.write(text[:max_chars])


if __name__ == "__main__":
    main(sys.argv)
