import re

from playwright.sync_api import expect

FOCAL_POINT = "focal.kenya@menengage.example"


def test_anonymous_concern_in_french_a_focal_point_replies_the_reporter_reads_it(
    server, browser, page, sign_in
):
    page.goto(f"{server}/fr/concerns/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("#id_kind_1").check()  # a complaint
    page.locator("#id_subject_kind_1").check()  # an organisation
    page.locator("#id_subject_text").fill("L'animateur d'un atelier inventé")
    page.locator("#id_subject_network").select_option(label="MenEngage Kenya")
    page.locator("#id_what_happened").fill("Des propos humiliants pendant la séance inventée.")
    page.locator("#id_receipt_kind_1").check()  # six words
    page.locator("form.form button[type=submit]").click()
    receipt = page.locator(".concern-receipt code").inner_text()
    assert len(receipt.split()) == 6
    reference = page.locator("main p strong").nth(1).inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", reference)

    handler = browser.new_context(locale="en-GB").new_page()
    sign_in(handler, FOCAL_POINT)
    handler.goto(f"{server}/en/concerns/cases/")
    handler.get_by_role("link", name=reference).click()
    expect(handler.locator("main")).to_contain_text("Des propos humiliants")
    handler.get_by_role("button", name="Acknowledge").click()
    handler.get_by_label("Message").fill("Merci. Nous avons parlé à l'organisation.")
    handler.get_by_role("button", name="Send to the reporter").click()
    expect(handler.locator(".concern-thread")).to_contain_text("Nous avons parlé")
    handler.context.close()

    page.goto(f"{server}/fr/concerns/follow-up/")
    page.locator("#id_receipt").fill(receipt)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/concerns/follow-up/case/$"))
    expect(page.locator(".concern-thread")).to_contain_text(
        "Merci. Nous avons parlé à l'organisation."
    )
