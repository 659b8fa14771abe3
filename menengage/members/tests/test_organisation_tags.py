"""`{% organisation_items %}` draws what the template loop it replaced drew."""

import pytest
from django.template import Context, Template
from django.utils import translation

from menengage.core.models import Country
from menengage.members.models import Organisation
from menengage.members.tests.test_directory import register

pytestmark = pytest.mark.django_db

LOOP = Template(
    "{% for org in organisations %}"
    '<li><a href="{{ org.get_absolute_url }}">{{ org.name }}</a> '
    "<small>({% translated org.country.name %})</small></li>{% endfor %}"
)
TAG = Template("{% load organisation_tags %}{% organisation_items organisations %}")


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_items_are_the_template_loop_s(staff, kenya, language):
    register(staff, kenya, name="Fathers <& Sons>", slug="fathers-and-sons")
    register(staff, kenya, name="Men 'for' Care", slug="men-for-care", country_id="UG")
    Country.objects.filter(code="UG").update(name={"en": "Uganda"})  # falls back, marked
    organisations = list(Organisation.objects.select_related("country").order_by("name"))
    with translation.override(language):
        context = Context({"organisations": organisations})
        drawn = TAG.render(context)
        assert drawn == LOOP.render(context)
    assert "Fathers &lt;&amp; Sons&gt;" in drawn
    if language != "en":
        assert '<span lang="en">Uganda</span>' in drawn
