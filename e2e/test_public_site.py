import re
from pathlib import Path

from playwright.sync_api import expect

from conftest import next_totp_code

DEMO_STAFF = ("staff@menengage.example", "menengage-demo")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def test_home_shows_live_figures_and_switches_language(server, page):
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/en/")
    figures = page.locator(".figures dd")
    expect(figures).to_have_count(4)
    assert int(figures.first.inner_text().replace(",", "")) > 500
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url(f"{server}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("link", name="Saltar al contenido principal")).to_be_attached()


def test_keyboard_user_skips_to_main_content(server, page):
    page.goto(f"{server}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_pages_fit_a_320_pixel_screen(server, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/en/", "/fr/networks/", "/pt/networks/kenya/", "/es/accounts/sign-in/"]:
        page.goto(f"{server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)


def test_visitor_browses_from_a_region_to_a_country_network(server, page):
    page.goto(f"{server}/en/networks/")
    page.get_by_role("link", name="MenEngage Africa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MenEngage Africa")
    page.get_by_role("link", name="MenEngage Kenya").click()
    expect(page).to_have_url(f"{server}/en/networks/kenya/")
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MenEngage Kenya")
    expect(page).to_have_url(f"{server}/fr/networks/kenya/")


def test_staff_sign_in_and_out(server, page):
    page.goto(f"{server}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(DEMO_STAFF[0])
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("do not match an account").first).to_be_visible()
    page.get_by_label("Password").fill(DEMO_STAFF[1])
    page.get_by_role("button", name="Sign in").click()
    # Staff give a second factor: the demo's published TOTP secret, a wrong code first.
    expect(page).to_have_url(re.compile(r"/en/accounts/two-factor/$"))
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("That code is not right").first).to_be_visible()
    page.get_by_label("Code").fill(next_totp_code(DEMO_STAFF[0]))
    page.get_by_role("button", name="Continue").click()
    # Without a page to return to, sign-in lands on the person's workspace.
    expect(page).to_have_url(re.compile(r"/en/me/$"))
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_untranslated_story_shows_the_original_with_a_note(server, page):
    page.goto(f"{server}/en/stories/youth-voices-at-the-commission/")
    page.get_by_role("link", name="Português").click()
    expect(page.get_by_role("note")).to_contain_text("Esta página ainda não está disponível")
