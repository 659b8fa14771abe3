"""Zip bombs built on the spot for tests: a small DOCX whose one part inflates enormously."""

import io
import zipfile

ZEROS = bytes(1024 * 1024)


def docx_bomb(inflated_mb, file=None):
    """A valid-looking DOCX (its content types and document parts) with a part of
    `inflated_mb` megabytes of zeros, written a megabyte at a time; returns the bytes when no
    `file` is given."""
    target = file if file is not None else io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as part:
            for _megabyte in range(inflated_mb):
                part.write(ZEROS)
    return None if file is not None else target.getvalue()
