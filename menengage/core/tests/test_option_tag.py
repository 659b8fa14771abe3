from types import SimpleNamespace as Option
from typing import NamedTuple

from django.template import Context, Template
from django.utils import translation


def draw(choices, arguments=""):
    template = Template("{% load site_tags %}{% options choices " + arguments + " %}")
    return template.render(Context({"choices": choices, "filters": {"theme": "hiv"}}))


def test_each_option_with_its_label_escaped_and_the_chosen_one_selected():
    choices = [Option(value="hiv", label="HIV & AIDS"), Option(value="srhr", label="<b>SRHR</b>")]
    assert draw(choices, "filters.theme") == (
        '<option value="hiv" selected>HIV &amp; AIDS</option>'
        '<option value="srhr">&lt;b&gt;SRHR&lt;/b&gt;</option>'
    )
    assert " selected" not in draw(choices, "filters.missing")


def test_counts_in_the_visitors_language_and_an_options_own_selection():
    choices = [Option(value=2024, label=2024, count=12345, selected=True)]
    with translation.override("fr"):
        assert draw(choices) == '<option value="2024" selected>2024 (12\xa0345)</option>'
    with translation.override("en"):
        assert draw(choices) == '<option value="2024" selected>2024 (12,345)</option>'


class Choice(NamedTuple):
    value: str
    label: str


def test_options_without_counts_show_none_even_as_named_tuples():
    # A NamedTuple has a count() method of its own: not a count to show.
    assert draw([Choice("gem", "GEM")], "filters.theme") == '<option value="gem">GEM</option>'


def test_labels_capitalised_when_asked():
    assert draw([Option(value="report", label="report")], "capfirst=True") == (
        '<option value="report">Report</option>'
    )
