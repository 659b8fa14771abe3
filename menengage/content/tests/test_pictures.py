"""Pictures in stories and pages: alternative text required, responsive lazy renditions."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from menengage.content.blocks import PictureBlock
from menengage.content.models import StoryPage
from menengage.core.demo_pictures import logo_image, scene_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_picture_needs_its_alternative_text():
    image = logo_image("Mark", seed=1)
    block = PictureBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt": "", "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt": "A mark", "caption": ""}))


def test_demo_pictures_are_drawn_here_as_real_images():
    scene = scene_image("A circle", seed=3)
    assert (scene.width, scene.height) == (1200, 675)
    assert scene.file.name.endswith(".png")


def test_a_story_serves_its_picture_as_lazy_responsive_webp_and_avif(client):
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    image = scene_image("A circle", seed=4)
    body = list(story.body.raw_data)
    body.insert(
        0,
        {
            "type": "picture",
            "value": {"image": image.pk, "alt": "People in a circle", "caption": "Together"},
        },
    )
    story.body = StreamValue(story.body.stream_block, body, is_lazy=True)
    story.save_revision().publish()

    html = client.get(story.url).text
    figure = re.search(r'<figure class="picture">.*?</figure>', html, re.S).group(0)
    avif = re.search(r'<source [^>]*type="image/avif"[^>]*>', figure).group(0)
    assert "360w" in avif and "720w" in avif and "1080w" in avif
    assert 'sizes="(max-width: 48rem) 100vw, 48rem"' in avif
    img = re.search(r"<img [^>]+>", figure).group(0)
    assert 'alt="People in a circle"' in img and 'loading="lazy"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert re.search(r'srcset="[^"]+\.webp 360w', img)
    assert "<figcaption>Together</figcaption>" in figure


def test_a_page_with_a_picture_is_served_again_without_writing_to_the_database(client, settings):
    """With the caches as configured (the shared one in the database), showing a picture
    reads its renditions and writes nothing: a GET that writes locks SQLite for everyone."""
    import importlib
    import uuid

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    configured = importlib.import_module("config.settings").CACHES
    settings.CACHES = {
        alias: config if "db." in config["BACKEND"] else {**config, "LOCATION": str(uuid.uuid4())}
        for alias, config in configured.items()
    }
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    image = scene_image("A circle", seed=5)
    body = [{"type": "picture", "value": {"image": image.pk, "alt": "A circle", "caption": ""}}]
    story.body = StreamValue(story.body.stream_block, body, is_lazy=True)
    story.save_revision().publish()
    client.get(story.url)  # the renditions are made and kept

    with CaptureQueriesContext(connection) as served:
        assert client.get(story.url).status_code == 200
    writes = [
        query["sql"]
        for query in served.captured_queries
        if query["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
