import quopri
import re

from playwright.sync_api import expect


def test_visitor_endorses_in_portuguese_confirms_and_is_listed(server, page):
    page.goto(f"{server}/pt/declarations/ubuntu-declaration-2021/endorse/")
    page.locator("#id_kind_0").check()
    page.locator("#id_name").fill("Beatriz Inventada")
    page.locator("#id_email").fill("beatriz@example.org")
    page.locator("#id_country").select_option("BR")
    page.locator("main form.form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/pt/declarations/ubuntu-declaration-2021/endorse/sent/$"))

    message = quopri.decodestring(server.last_mail_to("beatriz@example.org").encode()).decode()
    link = re.search(r"https?://[^/\s]+(/pt/declarations/confirm/\S+/)", message).group(1)
    page.goto(f"{server}{link}")
    page.locator("main form button").click()
    expect(page.locator("main a[href$='/signatories/']")).to_be_visible()

    page.goto(f"{server}/pt/declarations/ubuntu-declaration-2021/signatories/?country=BR")
    expect(page.locator("main table")).to_contain_text("Beatriz Inventada")
    expect(page.locator("main")).not_to_contain_text("beatriz@example.org")
