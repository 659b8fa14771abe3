"""Arabic in a real browser: the home page, a network's page, a declaration and a transparency
year read right to left and fit a 320 px phone without sideways scrolling; the year's bar
chart has its labels on the right and its bars growing to the left."""

import re

import pytest

PATHS = "links => links.map(a => new URL(a.getAttribute('href'), location.href).pathname)"
# Where to find one record of each kind, in Arabic.
RECORDS = {
    "network": ("/ar/networks/", r"/ar/networks/[a-z-]+/$"),
    "declaration": ("/ar/declarations/", r"/ar/declarations/[a-z0-9-]+/$"),
    "year": ("/ar/transparency/", r"/ar/transparency/\d{4}/$"),
}


@pytest.fixture
def arabic_phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="ar")
    page = context.new_page()
    yield page
    context.close()


def _first_link(page, server, listing, pattern):
    page.goto(f"{server}{listing}")
    links = page.eval_on_selector_all("a[href]", PATHS)
    return next(link for link in links if re.fullmatch(pattern, link))


@pytest.fixture
def arabic_pages(server, arabic_phone):
    found = {"home": "/ar/"}
    for kind, (listing, pattern) in RECORDS.items():
        found[kind] = _first_link(arabic_phone, server, listing, pattern)
    return found


def test_arabic_pages_read_right_to_left_on_a_320_px_phone(server, arabic_phone, arabic_pages):
    page = arabic_phone
    for kind, path in arabic_pages.items():
        response = page.goto(f"{server}{path}")
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == "ar", path
        assert page.evaluate("document.documentElement.dir") == "rtl", path
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"{kind} {path} scrolls sideways: {scroll} > {client}"
        # The main heading starts at the right edge of the page, where Arabic begins.
        heading = page.locator("main h1").first.bounding_box()
        assert heading["x"] + heading["width"] > 320 - 40, (kind, heading)


def test_the_arabic_year_chart_has_labels_on_the_right_and_bars_growing_left(
    server, arabic_pages, browser
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}{arabic_pages['year']}")
    chart = page.locator("svg.chart-svg").first
    label = chart.locator("text.chart-label").first.bounding_box()
    bar = chart.locator("rect").first.bounding_box()
    assert label["x"] >= bar["x"] + bar["width"] - 1, (label, bar)
    # Labels stay inside the drawing: none is cut off at the right edge.
    box = chart.bounding_box()
    assert label["x"] + label["width"] <= box["x"] + box["width"] + 1, (label, box)
    context.close()
