"""`{% translated_names rows %}` writes what the loops of `{% translated %}` it replaced wrote."""

import pytest
from django.template import Context, Template
from django.utils import translation

from menengage.core.models import Country, Term

pytestmark = pytest.mark.django_db

LISTED = Template(
    "{% for row in rows %}{% translated row.name %}{% if not forloop.last %}, {% endif %}"
    "{% endfor %}"
)
TAGGED = Template(
    '{% for row in rows %}<span class="tag">{% translated row.name %}</span>'
    "{% if not forloop.last %} {% endif %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_names_are_written_as_the_loops_wrote_them(language):
    Term.objects.filter(code="hiv").update(name={"en": "HIV <& AIDS>"})  # falls back, escaped
    terms = list(Term.objects.filter(vocabulary="theme").order_by("code")[:5])
    countries = list(Country.objects.filter(code__in=["KE", "CI", "PE"]))
    for rows in (terms, countries, []):
        with translation.override(language):
            context = Context({"rows": rows})
            listed = Template("{% translated_names rows %}").render(context)
            tagged = Template("{% translated_names rows tags=True %}").render(context)
            assert listed == LISTED.render(context)
            assert tagged == TAGGED.render(context)
    with translation.override(language):
        hiv = Template("{% translated_names rows %}").render(
            Context({"rows": Term.objects.filter(code="hiv")})
        )
    assert "HIV &lt;&amp; AIDS&gt;" in hiv
    assert ('<span lang="en">' in hiv) == (language != "en")
