"""Small real documents (PDF, DOCX, EPUB) built in memory, for the demo and the tests."""

import io
import zipfile


def pdf_bytes(title, paragraphs):
    """A PDF with the title and paragraphs, several to a page, wrapped to the page width."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    story = [Paragraph(title, styles["Title"])]
    for number, text in enumerate(paragraphs, 1):
        story.append(Paragraph(text, styles["BodyText"]))
        if number % 4 == 0:
            story.append(PageBreak())
    SimpleDocTemplate(buffer, pagesize=A4, title=title).build(story)
    return buffer.getvalue()


def docx_bytes(title, paragraphs):
    """A Word document with a heading and paragraphs."""
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def epub_bytes(title):
    """A minimal EPUB container: the stored `mimetype` entry first, then the package."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="book.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        archive.writestr(
            "book.opf", f"<package><metadata><title>{title}</title></metadata></package>"
        )
    return buffer.getvalue()
