"""Access on a 320 px phone and with assistive technology: nothing scrolls sideways, the
error summary takes focus after a failed submission, the menu folds away, and axe-core (from
the dev dependencies, injected by the test, no CDN) finds no WCAG 2.2 A/AA violation on any
public template, in English and Arabic at 320 and 1280 px and in each other language at one of
them. The join, sign-on and registration forms
are completed with the keyboard alone, through a failed submission and its error summary."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import SITE_LANGUAGES as LANGUAGES

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
    "year": ("/en/transparency/", r"/en/transparency/\d{4}/$"),
    "framework": ("/en/accountability/", r"/en/accountability/[a-z-]+/[^/]+/$"),
    "working group": ("/en/activities/working-groups/", r"/en/activities/working-groups/[^/]+/$"),
    "instrument": ("/en/evidence/instruments/", r"/en/evidence/instruments/[^/]+/\d+/$"),
    "evaluation": ("/en/evidence/", r"/en/evidence/evaluations/\d+/$"),
    "content page": ("/en/", r"/en/about[^/]*/$"),
}
# Every link's path (an SVG map's links have no `pathname`).
PATHS = "links => links.map(a => new URL(a.getAttribute('href'), location.href).pathname)"
INDEXES = ["/en/", "/en/members/", "/en/library/", "/en/events/", "/en/concerns/", "/en/join/"]
# The rest of the public templates that need no record to reach.
OTHER_PAGES = [
    "/en/networks/",
    "/en/accountability/",
    "/en/transparency/",
    "/en/governance/",
    "/en/governance/decisions/",
    "/en/declarations/",
    "/en/activities/",
    "/en/activities/working-groups/",
    "/en/evidence/",
    "/en/evidence/instruments/",
    "/en/communications/newsletter/",
    "/en/accounts/sign-in/",
    "/en/accounts/password/reset/",
]
NOT_FOUND = "/en/no-such-page-anywhere/"
# Editorial pages: their addresses differ per language, found through their hreflang links.
CONTENT_PAGES = ["/en/stories/", "/en/what-we-believe/", "/en/core-principles/"]
STORY = r"/en/stories/[a-z0-9-]+/$"
ALTERNATES = "links => links.map(link => [link.hreflang, new URL(link.href).pathname])"


def _first_link(page, server, listing, pattern):
    page.goto(f"{server}{listing}")
    links = page.eval_on_selector_all("a[href]", PATHS)
    return next(link for link in links if re.fullmatch(pattern, link))


@pytest.fixture(scope="module")
def pages(server, browser):
    """English addresses of the index pages, one record of each kind and a programme."""
    context = browser.new_context()
    page = context.new_page()
    found = list(INDEXES)
    for listing, pattern in RECORDS.values():
        found.append(_first_link(page, server, listing, pattern))
    page.goto(f"{server}/en/events/?when=past")
    for event in page.eval_on_selector_all("main a[href]", PATHS):
        if re.fullmatch(RECORDS["event"][1], event):
            response = page.goto(f"{server}{event}programme/")
            if response.status == 200:
                found.append(f"{event}programme/")
                break
    context.close()
    return found


@pytest.fixture(scope="module")
def every_template(server, browser, pages):
    """`pages`, plus every other public template: forms reached from records, and the 404."""
    context = browser.new_context()
    page = context.new_page()
    found = pages + OTHER_PAGES
    upcoming = _first_link(page, server, "/en/events/", RECORDS["event"][1])
    found.append(f"{upcoming}register/")
    declaration = next(path for path in pages if re.fullmatch(RECORDS["declaration"][1], path))
    found.append(f"{declaration}endorse/")
    found += CONTENT_PAGES
    found.append(_first_link(page, server, "/en/stories/", STORY))
    context.close()
    return list(dict.fromkeys(found)) + [NOT_FOUND]


@pytest.fixture(scope="module")
def translated(server, browser, every_template):
    """{English path: {language: path}} for the editorial pages, whose slugs are translated."""
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for path in every_template:
        if path in CONTENT_PAGES or re.fullmatch(STORY, path):
            page.goto(f"{server}{path}")
            links = page.eval_on_selector_all("link[rel=alternate][hreflang]", ALTERNATES)
            found[path] = dict(links)
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


def _violations(page):
    """axe's WCAG A/AA violations on the page (`axe_pages` loads axe into each page)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [
        (page.url, violation["id"], [node["target"] for node in violation["nodes"][:3]])
        for violation in page.evaluate("options => axe.run(document, options)", options)[
            "violations"
        ]
    ]


@pytest.fixture(scope="module")
def axe_pages(browser):
    """One page per width for the whole matrix: opening a context per address would double
    the run's time. axe is added to the context as a script every page runs first, rather than
    sent to each page after it loads (half a megabyte each time: a tenth of a second a page).
    The page's Content Security Policy would refuse the injected axe script."""
    opened = {}
    for width in (320, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
        context.add_init_script(script=Axe().axe_script)
        opened[width] = context.new_page()
    yield opened
    for page in opened.values():
        page.context.close()


def _axe_matrix():
    """(width, language): every template at both widths in English and in Arabic (right to
    left, the layout that differs most), and in every other language at one width, the
    languages shared out between the two. Text length is what varies between left-to-right
    languages; a run per language and width cost 40 s each, 540 worker-seconds in all."""
    both = [code for code in ("en", "ar") if code in LANGUAGES]
    others = [code for code in LANGUAGES if code not in both]
    matrix = [(width, code) for code in both for width in (320, 1280)]
    return matrix + [((320, 1280)[index % 2], code) for index, code in enumerate(others)]


@pytest.mark.parametrize(("width", "language"), _axe_matrix())
def test_axe_finds_no_wcag_violation_on_any_public_template(
    server, axe_pages, every_template, translated, width, language
):
    page = axe_pages[width]
    found = []
    for path in every_template:
        address = translated.get(path, {}).get(language) or path.replace("/en/", f"/{language}/", 1)
        response = page.goto(f"{server}{address}")
        assert response.status == (404 if path == NOT_FOUND else 200), page.url
        found.extend(_violations(page))
    assert found == [], "\n".join(map(str, found))


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_wcag_violation_on_a_form_sent_back_with_errors(
    server, axe_pages, pages, width
):
    page = axe_pages[width]
    declaration = next(path for path in pages if re.fullmatch(RECORDS["declaration"][1], path))
    found = []
    for form in ("/en/concerns/", "/pt/join/", f"{declaration}endorse/"):
        page.goto(f"{server}{form}")
        page.locator("main form.form button[type=submit]").click()
        expect(page.locator("[data-error-summary]")).to_be_focused()
        found.extend(_violations(page))
    assert found == [], "\n".join(map(str, found))


# What the focused element is, for a test that moves with the keyboard alone.
FOCUSED = """() => {
    const e = document.activeElement;
    return {tag: e.tagName.toLowerCase(), type: e.type || "", id: e.id, name: e.name || "",
            submit: e.matches("form.form button[type=submit]")};
}"""


def tab_through_form(page, answers, limit=80):
    """Tab from where focus is to the form's submit button, answering each field named in
    `answers` (by id) as a keyboard user does, then press Enter on the button.

    Text is typed; a select takes the typed start of its option's label; a radio group is
    entered with Tab and moved with the arrow keys to the answer's id; a checkbox takes Space.
    """
    answers = dict(answers)
    for _step in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["submit"]:
            assert answers == {}, f"fields never reached: {sorted(answers)}"
            # Back one field and forward again: Shift+Tab leaves the button the way it came.
            page.keyboard.press("Shift+Tab")
            assert not page.evaluate(FOCUSED)["submit"]
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED)["submit"]
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            return
        if focused["type"] == "radio":
            group = [key for key in answers if key.startswith(f"id_{focused['name']}_")]
            for _choice in range(20):
                if not group or page.evaluate(FOCUSED)["id"] == group[0]:
                    break
                page.keyboard.press("ArrowDown")
            if group:
                page.keyboard.press("Space")  # an arrow already checks it; Space says so
                answers.pop(group[0])
            continue
        value = answers.pop(focused["id"], None)
        if value is None:
            continue
        if focused["type"] == "checkbox":
            page.keyboard.press("Space")
        else:
            page.keyboard.type(value)
    raise AssertionError("the submit button was never reached with Tab")


def recover_from_error_summary(page, field, value):
    """After a failed submission: focus is on the summary; its first link leads to `field`,
    which takes `value`; Tab then leads on to the submit button."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    assert page.locator(":focus").get_attribute("href") == f"#{field}"
    page.keyboard.press("Enter")
    expect(page.locator(f"#{field}")).to_be_focused()
    expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
    page.keyboard.type(value)


def start_at_top(page, address):
    """Open `address` and follow the skip link with the keyboard, past the site's menu."""
    page.goto(address)
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")


def test_the_join_form_is_completed_with_the_keyboard_alone(server, page):
    start_at_top(page, f"{server}/en/join/")
    answers = {
        "id_applying_as_0": "",
        "id_country": "Kenya",
        "id_applicant_name": "Keyboard Person",
        # the e-mail address is forgotten the first time
        "id_name": "Keyboard Fathers Network",
        "id_kind": "NGO",
        "id_activities": "Fathers' groups on care work.",
        "id_endorse_principles": "",
        "id_endorse_conduct": "",
    }
    tab_through_form(page, answers)
    expect(page).to_have_title(re.compile(r"^Error: "))
    recover_from_error_summary(page, "id_applicant_email", "keyboard.join@example.org")
    tab_through_form(page, {})
    # The redirect keeps the fragment of the address posted to: "#main", from the skip link.
    expect(page).to_have_url(re.compile(r"/en/join/sent/(#main)?$"))


def test_a_declaration_is_signed_with_the_keyboard_alone(server, page, pages):
    declaration = next(path for path in pages if re.fullmatch(RECORDS["declaration"][1], path))
    start_at_top(page, f"{server}{declaration}endorse/")
    answers = {
        "id_kind_0": "",
        "id_name": "Keyboard Signatory",
        "id_country": "Brazil",
    }
    tab_through_form(page, answers)
    expect(page).to_have_title(re.compile(r"^Error: "))
    recover_from_error_summary(page, "id_email", "keyboard.sign@example.org")
    tab_through_form(page, {})
    expect(page).to_have_url(re.compile(r"/endorse/sent/(#main)?$"))


def test_an_event_registration_is_made_with_the_keyboard_alone(server, page):
    page.goto(f"{server}/en/events/")
    events = page.eval_on_selector_all("main a[href]", PATHS)
    for event in dict.fromkeys(e for e in events if re.fullmatch(RECORDS["event"][1], e)):
        page.goto(f"{server}{event}register/")
        if page.locator("form.form #id_email").count():
            break
    else:
        pytest.fail("no upcoming event takes registrations")
    start_at_top(page, page.url)
    tab_through_form(page, {"id_name": "Keyboard Participant"})
    expect(page).to_have_title(re.compile(r"^Error: "))
    recover_from_error_summary(page, "id_email", "keyboard.register@example.org")
    tab_through_form(page, {})
    expect(page).to_have_url(re.compile(r"/events/registration/[0-9a-f-]+/(#main)?$"))
