"""Figures are grouped by the active language's rules, in messages with plurals too."""

import pytest
from django.template import Context, Template
from django.utils import translation

FIGURES = Template(
    "{% load i18n site_tags %}{{ total|number }} | {{ year }} | "
    "{% blocktranslate count counter=total|number %}{{ counter }} result"
    "{% plural %}{{ counter }} results{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("language", "grouped"),
    [("en", "5,000"), ("es", "5\xa0000"), ("fr", "5\xa0000"), ("pt", "5.000")],
)
def test_a_count_is_grouped_by_the_language_and_a_year_is_not(language, grouped):
    with translation.override(language):
        text = FIGURES.render(Context({"total": 5000, "year": 2024}))
    figure, year, message = text.split(" | ")
    assert figure == grouped
    assert year == "2024"
    assert message.startswith(grouped + " ")


def test_one_is_still_singular():
    assert FIGURES.render(Context({"total": 1, "year": 2024})).endswith("1 result")
