"""`{% when event zone %}` writes what the included template it replaced wrote."""

import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

INCLUDED = Template(
    "{% load tz %}{% with local=event.starts_at|timezone:zone end=event.ends_at|timezone:zone %}"
    '<time datetime="{{ event.starts_at|date:\'c\' }}">{{ local|date:"DATETIME_FORMAT" }}</time>'
    ' – {{ end|date:"DATETIME_FORMAT" }} ({{ zone.key }}){% endwith %}'
)
TAG = Template("{% load event_tags %}{% when event zone %}")


@pytest.mark.parametrize("language", ["en", "fr", "pt", "ar"])
@pytest.mark.parametrize("zone", ["Africa/Nairobi", "America/Lima", "UTC", "Asia/Kathmandu"])
def test_the_tag_writes_what_the_template_wrote(event, language, zone):
    context = Context({"event": event, "zone": zoneinfo.ZoneInfo(zone)})
    with translation.override(language), timezone.override("Asia/Tokyo"):
        written = TAG.render(context)
        assert written == INCLUDED.render(context)
    assert f"({zone})" in written and '<time datetime="' in written
