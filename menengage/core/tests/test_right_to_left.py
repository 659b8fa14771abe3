"""Arabic reads right to left: the page says so, the stylesheet follows the reading direction
instead of fixed sides, and charts whose order carries meaning are mirrored."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from menengage.evidence.plots import forest_layout
from menengage.transparency import charts

# Properties that name a physical side; their logical forms (margin-inline-start,
# inset-inline-end, text-align: start...) follow the reading direction.
PHYSICAL = re.compile(
    r"(?<![\w-])(?:"
    r"(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)[\w-]*\s*:"
    r"|(?:left|right)\s*:"
    r"|(?:text-align|float|clear|caption-side)\s*:\s*(?:left|right)"
    r"|border-(?:top|bottom)-(?:left|right)-radius\s*:"
    r")"
)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def stylesheets():
    folders = [Path(settings.BASE_DIR) / "static", Path(settings.BASE_DIR) / "menengage"]
    return [path for folder in folders for path in folder.rglob("*.css")]


def test_the_pattern_finds_physical_sides():
    for rule in [".a{left:0}", ".a{margin-left:1px}", ".a{text-align: right}", ".a{float:left}"]:
        assert PHYSICAL.search(rule), rule
    for rule in [".a{inset-inline-start:0}", ".a{margin-inline-end:1px}", ".a{text-align:end}"]:
        assert not PHYSICAL.search(rule), rule


def test_no_stylesheet_names_a_physical_side():
    sheets = stylesheets()
    assert any(path.name == "site.css" for path in sheets)
    found = [
        (path.name, match.group(0))
        for path in sheets
        for match in PHYSICAL.finditer(COMMENT.sub("", path.read_text()))
    ]
    assert found == []


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left_and_others_left_to_right(client):
    arabic = client.get("/ar/networks/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    for language in ["en", "sw", "fr"]:
        html = client.get(f"/{language}/networks/").content.decode()
        assert f'<html lang="{language}">' in html
        # The switcher names Arabic in Arabic, running right to left inside this page.
        assert re.search(r'<a href="/ar/networks/" hreflang="ar" lang="ar" dir="rtl"', html)
    english = client.get("/en/networks/").content.decode()
    assert re.search(r'<a href="/sw/networks/" hreflang="sw" lang="sw" dir="ltr"', english)
    assert re.search(r'<a href="/en/networks/" hreflang="en" lang="en" dir="ltr"', arabic)


def test_the_error_layout_is_right_to_left_in_arabic():
    from django.template.loader import render_to_string

    with translation.override("ar"):
        assert '<html lang="ar" dir="rtl">' in render_to_string("500.html")


def _year_chart():
    return charts.bar_chart(
        key="test",
        title="Income",
        description="",
        series=["Income"],
        rows=[("Funder A", [100]), ("Funder B", [50])],
    )


def test_bar_charts_are_mirrored_right_to_left():
    with translation.override("en"):
        left_to_right = _year_chart()
    with translation.override("ar"):
        right_to_left = _year_chart()
    assert left_to_right.label_x == charts.LABEL_RIGHT
    assert right_to_left.label_x == charts.WIDTH - charts.LABEL_RIGHT
    for ltr, rtl in zip(left_to_right.rows[0].bars, right_to_left.rows[0].bars, strict=True):
        assert float(ltr.x) == charts.BAR_LEFT
        # The bar grows from the labels, now on the right, towards the left.
        assert float(rtl.x) + float(rtl.width) == charts.WIDTH - charts.BAR_LEFT
        assert float(rtl.text_x) < float(rtl.x)
        assert float(ltr.text_x) > float(ltr.x) + float(ltr.width)


def test_the_forest_plot_axis_runs_right_to_left_in_arabic():
    studies = [{"ci_low": -0.2, "ci_high": 0.6, "g": 0.2, "weight": 1, "title": "A"}]
    pooled = {"ci_low": -0.1, "ci_high": 0.5, "estimate": 0.2}
    with translation.override("en"):
        ltr = forest_layout(studies, pooled)
    with translation.override("ar"):
        rtl = forest_layout(studies, pooled)
    assert not ltr["mirrored"] and rtl["mirrored"]
    assert ltr["ticks"][0]["x"] < ltr["ticks"][-1]["x"]
    assert rtl["ticks"][0]["x"] > rtl["ticks"][-1]["x"]
    assert rtl["zero"] == ltr["width"] - ltr["zero"]
