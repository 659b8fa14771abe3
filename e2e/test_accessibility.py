"""Access on a 320 px phone and with assistive technology: nothing scrolls sideways, the
error summary takes focus after a failed submission, the menu folds away, and axe-core (from
the dev dependencies, injected by the test, no CDN) finds no WCAG 2.2 A/AA violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

LANGUAGES = ["en", "es", "fr", "pt"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Where to find one record of each kind: a list page and the pattern of its records' links.
RECORDS = {
    "organisation": ("/en/members/", r"/en/members/[a-z0-9-]+/$"),
    "event": ("/en/events/", r"/en/events/[a-z0-9-]+/$"),
    "resource": ("/en/library/", r"/en/library/\d+-[^/]+/$"),
    "activity": ("/en/activities/", r"/en/activities/\d+/$"),
    "body": ("/en/governance/", r"/en/governance/[a-z-]+-(board|committee)/$"),
    "network": ("/en/networks/", r"/en/networks/[a-z-]+/$"),
    "declaration": ("/en/declarations/", r"/en/declarations/[a-z0-9-]+/$"),
}
# Every link's path (an SVG map's links have no `pathname`).
PATHS = "links => links.map(a => new URL(a.getAttribute('href'), location.href).pathname)"
INDEXES = ["/en/", "/en/members/", "/en/library/", "/en/events/", "/en/concerns/", "/en/join/"]


@pytest.fixture(scope="module")
def pages(server, browser):
    """English addresses of the index pages, one record of each kind and a programme."""
    context = browser.new_context()
    page = context.new_page()
    found = list(INDEXES)
    for listing, pattern in RECORDS.values():
        page.goto(f"{server}{listing}")
        links = page.eval_on_selector_all("main a[href]", PATHS)
        found.append(next(link for link in links if re.fullmatch(pattern, link)))
    page.goto(f"{server}/en/events/?when=past")
    for event in page.eval_on_selector_all("main a[href]", PATHS):
        if re.fullmatch(RECORDS["event"][1], event):
            response = page.goto(f"{server}{event}programme/")
            if response.status == 200:
                found.append(f"{event}programme/")
                break
    context.close()
    return found


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def test_no_page_scrolls_sideways_on_a_320_px_phone_in_any_language(server, phone, pages):
    assert any(path.endswith("/programme/") for path in pages)
    too_wide = []
    for path in pages:
        for language in LANGUAGES:
            address = path.replace("/en/", f"/{language}/", 1)
            response = phone.goto(f"{server}{address}")
            assert response.status == 200, address
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide.append((address, width))
    assert too_wide == []


def test_wide_tables_scroll_in_a_labelled_region_reached_by_keyboard(server, phone, pages):
    body = next(path for path in pages if "/governance/" in path)
    phone.goto(f"{server}{body}")
    region = phone.locator(".scroll").first
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.get_attribute("aria-label")


def test_the_menu_folds_away_on_a_phone_and_opens_without_script(server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/")
    library = page.locator("nav.menu").get_by_role("link", name="Library")
    expect(library).to_be_hidden()
    page.locator("nav.menu summary").click()
    expect(library).to_be_visible()
    context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    wide.goto(f"{server}/en/")
    expect(wide.locator("nav.menu summary")).to_be_hidden()
    expect(wide.locator("nav.menu").get_by_role("link", name="Library")).to_be_visible()
    wide.context.close()


def test_after_a_failed_submission_focus_is_on_the_error_summary(server, phone):
    phone.goto(f"{server}/en/concerns/")
    phone.locator("#id_what_happened").fill("Something happened.")
    phone.locator("form.form button[type=submit]").click()
    expect(phone).to_have_title(re.compile(r"^Error: Report a concern"))
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    # The summary links to each field; following one with the keyboard lands in the field.
    phone.keyboard.press("Tab")
    first = phone.locator(":focus").get_attribute("href")
    assert first == "#id_subject_kind_0"  # the first field with an error: a radio group
    phone.keyboard.press("Enter")
    expect(phone.locator(first)).to_be_focused()
    expect(phone.locator(first)).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("#id_what_happened")).to_have_value("Something happened.")


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_wcag_violation_on_key_pages(server, browser, pages, width):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    # The page's Content Security Policy would refuse the injected axe script.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    found = []
    for path in pages:
        for language in ("en", "pt") if width == 320 else ("es", "fr"):
            page.goto(f"{server}{path.replace('/en/', f'/{language}/', 1)}")
            for violation in axe.run(page, options=options).response["violations"]:
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append((page.url, violation["id"], targets))
    page.goto(f"{server}/en/concerns/")
    page.locator("form.form button[type=submit]").click()
    for violation in axe.run(page, options=options).response["violations"]:
        found.append(("failed concern form", violation["id"], violation["nodes"][0]["target"]))
    context.close()
    assert found == []
