"""Checking uploaded pictures by their content: size in bytes and pixels, and real format."""

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from menengage.core.errors import DomainError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_SIDE = 6000
MIN_IMAGE_SIDE = 32
# What Pillow reads the file as, never what its name or the browser claims.
# Pillow names a JPEG with Multi-Picture data (as many phone cameras write) "MPO".
IMAGE_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}


class ImageRefused(DomainError):
    """An uploaded picture the platform does not accept."""


def check_image(upload):
    """The picture's file extension from its content ("jpg", "png" or "webp"); ImageRefused
    when it is empty, too large in bytes or pixels, too small, or not a JPEG, PNG or WebP.

    The pixel limit is checked from the header before anything is decoded, so a small file
    that would inflate to gigabytes of pixels is refused without being decoded.
    """
    if upload.size == 0:
        raise ImageRefused(_("The picture is empty."))
    if upload.size > MAX_IMAGE_BYTES:
        raise ImageRefused(
            _("The picture is larger than %(limit)d MB.") % {"limit": MAX_IMAGE_BYTES // 2**20}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if kind not in IMAGE_FORMATS:
                raise ImageRefused(_("Only JPEG, PNG and WebP pictures can be uploaded."))
            if max(width, height) > MAX_IMAGE_SIDE:
                raise ImageRefused(
                    _("The picture is larger than %(limit)d pixels on a side.")
                    % {"limit": MAX_IMAGE_SIDE}
                )
            if min(width, height) < MIN_IMAGE_SIDE:
                raise ImageRefused(
                    _("The picture is smaller than %(limit)d pixels on a side.")
                    % {"limit": MIN_IMAGE_SIDE}
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as bad:
        raise ImageRefused(_("Only JPEG, PNG and WebP pictures can be uploaded.")) from bad
    finally:
        upload.seek(0)
    return IMAGE_FORMATS[kind]
