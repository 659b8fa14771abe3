"""Social preview tags (Open Graph, Twitter cards) on every kind of public page."""

import html
import re

import pytest
from wagtail.blocks import StreamValue

from menengage.content.models import StoryPage
from menengage.core.demo_pictures import scene_image

pytestmark = pytest.mark.django_db


def meta(text, key):
    """The content of the <meta> named `key` (property= or name=), unescaped, or None."""
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', text)
    return html.unescape(found.group(1)) if found else None


def title(text):
    return html.unescape(re.search(r"<title>([^<]*) · MenEngage Alliance</title>", text).group(1))


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/es/",
        "/en/about/",
        "/en/stories/",
        "/en/networks/",
        "/en/networks/kenya/",
        "/fr/networks/kenya/",
        "/en/members/",
        "/en/events/",
        "/en/library/",
        "/en/accounts/sign-in/",
    ],
)
def test_every_public_page_has_its_own_preview(client, path):
    text = client.get(path).text

    assert meta(text, "og:title") == title(text) and meta(text, "og:title")
    assert meta(text, "og:description") == meta(text, "description")
    assert meta(text, "og:url") == f"http://testserver{path}"
    assert meta(text, "og:type") == "website"
    assert meta(text, "twitter:card") == "summary"
    assert meta(text, "og:image") is None
    assert meta(text, "og:site_name") == "MenEngage Alliance"


def test_a_network_preview_describes_the_network(client, kenya):
    kenya.summary = {"en": "Fathers' groups & schools across Kenya."}
    kenya.save()
    text = client.get("/en/networks/kenya/").text
    assert meta(text, "og:title") == "MenEngage Kenya"
    assert meta(text, "og:description") == "Fathers' groups & schools across Kenya."


def test_a_story_with_a_picture_is_an_article_with_its_image(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    image = scene_image("A circle", seed=5)
    body = [
        {"type": "picture", "value": {"image": image.pk, "alt": "People", "caption": ""}},
        *story.body.raw_data,
    ]
    story.body = StreamValue(story.body.stream_block, body, is_lazy=True)
    story.save_revision().publish()

    text = client.get(story.url).text
    assert meta(text, "og:type") == "article"
    assert meta(text, "og:title") == story.title
    assert re.fullmatch(r"http://testserver/media/images/[\w.-]+\.jpg", meta(text, "og:image"))
    assert meta(text, "twitter:card") == "summary_large_image"
