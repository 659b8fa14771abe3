"""Pictures for the demo alliance, drawn here with Pillow: nothing is downloaded."""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

# The site's palette (static/css/site.css), so demo pictures look at home.
PALETTE = ["#4e1f6b", "#7b3fa0", "#e0c96a", "#2f7d6d", "#c4553b", "#f3eef6"]


def _png(image):
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    out.seek(0)
    return out


def _save(title, picture, name):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title[:255])
    image.file.save(name, ImageFile(_png(picture), name=name), save=False)
    image.save()
    return image


def scene_image(title, *, seed, width=1200, height=675):
    """A saved Wagtail image: people as circles gathered round a circle, on a soft ground."""
    rng = random.Random(seed)
    picture = Image.new("RGB", (width, height), PALETTE[5])
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, height * 0.62, width, height), fill="#e8dcef")
    centre_x, centre_y, ring = width / 2, height * 0.58, min(width, height) * 0.3
    draw.ellipse(
        (centre_x - ring, centre_y - ring * 0.45, centre_x + ring, centre_y + ring * 0.45),
        fill=PALETTE[2],
    )
    people = rng.randint(7, 11)
    for number in range(people):
        angle = 2 * math.pi * number / people
        x = centre_x + ring * 1.1 * math.cos(angle)
        y = centre_y + ring * 0.5 * math.sin(angle) - ring * 0.35
        size = ring * rng.uniform(0.16, 0.22)
        colour = PALETTE[rng.randrange(0, 5)]
        draw.ellipse((x - size * 0.5, y - size * 1.6, x + size * 0.5, y - size * 0.6), fill=colour)
        draw.rounded_rectangle(
            (x - size * 0.7, y - size * 0.5, x + size * 0.7, y + size), 12, colour
        )
    return _save(title, picture, f"demo-scene-{seed}.png")


def logo_image(title, *, seed, side=400):
    """A saved Wagtail image: a simple round mark of two letters' worth of shapes."""
    rng = random.Random(seed)
    picture = Image.new("RGB", (side, side), "#ffffff")
    draw = ImageDraw.Draw(picture)
    first, second = rng.sample(PALETTE[:5], 2)
    draw.ellipse((side * 0.08, side * 0.08, side * 0.92, side * 0.92), fill=first)
    inset = side * rng.uniform(0.28, 0.36)
    if rng.random() < 0.5:
        draw.rectangle((inset, inset, side - inset, side - inset), fill=second)
    else:
        draw.polygon(
            [(side / 2, inset), (side - inset, side - inset), (inset, side - inset)], fill=second
        )
    return _save(title, picture, f"demo-logo-{seed}.png")
