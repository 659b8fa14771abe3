import re

from playwright.sync_api import expect

# The demo account that represents a Kenyan member organisation (menengage/activities/demo.py).
REPRESENTATIVE = "activities.lead@menengage.example"
TITLE = "Invented Lakeside Fathers Walk"


def test_representative_records_an_activity_that_shows_in_the_list_and_on_the_map(
    server, page, sign_in
):
    sign_in(page, REPRESENTATIVE)
    page.goto(f"{server}/en/activities/")
    page.get_by_role("link", name="Record an activity").click()
    expect(page).to_have_url(re.compile(r"/en/activities/new/$"))

    page.get_by_label("Kind of activity").select_option("campaign")
    page.locator("#id_status").select_option("ongoing")
    page.get_by_label("Original language").select_option("en")
    page.locator("[name=title_en]").fill(TITLE)
    page.locator("[name=summary_en]").fill("Fathers walk the lake shore talking about care.")
    # Comoros has no member network, so this activity is the only one there.
    page.get_by_label("Countries where it takes place").select_option(["KE", "KM"])
    page.get_by_label("Starts on").fill("2025-03-01")
    page.get_by_label("25 to 59 years, men and boys").fill("37")
    page.get_by_label("15 to 19 years, non-binary people").fill("5")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/en/activities/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#reach-total")).to_have_text("42")

    page.goto(f"{server}/en/activities/?country=KM")
    expect(page.get_by_role("heading", name="1 activity found")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    page.goto(f"{server}/en/activities/map/?kind=campaign")
    comoros = page.locator("svg a", has=page.locator("title", has_text="Comoros: 1 activity"))
    expect(comoros).to_have_count(1)
    comoros.click()
    expect(page).to_have_url(re.compile(r"/en/activities/\?kind=campaign&country=KM$"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
