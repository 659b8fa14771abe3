import quopri
import re

from playwright.sync_api import expect

ORGANISER = "events.organiser@menengage.example"
WEBINAR = "caring-masculinities-webinar"


def test_a_full_event_puts_you_on_the_waiting_list_and_a_cancellation_promotes_you(
    server, page, sign_in
):
    page.goto(f"{server}/en/events/{WEBINAR}/")
    expect(page.locator("main")).to_contain_text("This event is full")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Your name").fill("Kofi Waiting")
    page.get_by_label("Your e-mail address").fill("kofi@example.org")
    page.get_by_label("Accessibility needs").fill("Captions, please.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#registration-status")).to_contain_text("waiting list")
    registration_page = page.url

    sign_in(page, ORGANISER)
    page.goto(f"{server}/en/events/{WEBINAR}/registrations/")
    # The keyboard test (e2e/test_accessibility.py) may have joined this waiting list first:
    # its place in the queue goes, so the freed place is Kofi's.
    earlier = page.locator("tr", has_text="Keyboard Participant")
    if earlier.count():
        earlier.get_by_role("button", name="Cancel").click()
    row = page.locator("tr", has_text="Tendai Moyo")
    row.get_by_role("button", name="Cancel").click()
    expect(page.locator("tr", has_text="Kofi Waiting")).to_contain_text("confirmed")

    message = quopri.decodestring(server.last_mail_to("kofi@example.org").encode()).decode()
    assert "A place has opened" in message
    link = re.search(r"https?://[^/\s]+(/en/events/registration/\S+/)", message).group(1)
    page.goto(f"{server}{link}")
    expect(page.locator("#registration-status")).to_contain_text("Your place is confirmed")
    expect(page.get_by_role("img", name="QR code for checking in")).to_be_visible()
    assert link in registration_page
