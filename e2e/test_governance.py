"""A Board proposal from opening to a recorded decision in the public register."""

import re

from playwright.sync_api import expect

CHAIR = "board.chair@menengage.example"
MEMBER = "board.caribbean@menengage.example"
TITLE = "Invented proposal: a caregiving campaign for 2027"


def test_a_proposal_goes_from_opening_to_the_decision_register(server, page, browser, sign_in):
    sign_in(page, MEMBER)
    page.goto(f"{server}/en/governance/global-board/proposals/new/")
    # A translated field: one box per language (title_en, title_es, ...), each labelled with
    # the language's name.
    page.locator("[name=title_en]").fill(TITLE)
    page.locator("[name=text_en]").fill(
        "The Alliance runs a joint campaign on men's caregiving in 2027."
    )
    page.get_by_label("Closes at").fill("2099-01-01T12:00")
    page.get_by_role("button", name="Open the proposal").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    proposal_url = page.url

    page.get_by_label("agree", exact=True).check()
    page.get_by_role("button", name="Record my position").click()
    expect(page.get_by_role("status")).to_contain_text("Your position is recorded.")

    # The chair signs in from another browser, as another person would.
    page = browser.new_context(locale="en-GB").new_page()
    sign_in(page, CHAIR)
    page.goto(proposal_url)
    page.get_by_label("disagree", exact=True).check()
    page.get_by_role("button", name="Record my position").click()
    expect(page.get_by_role("status")).to_contain_text("Give a reason when you disagree or block.")
    page.get_by_label("abstain", exact=True).check()
    page.get_by_role("button", name="Record my position").click()
    expect(page.locator("main")).to_contain_text("Agree 1, abstain 1")
    page.get_by_role("button", name="Close now and record the decision").click()
    expect(page.locator("main")).to_contain_text("Decision: no consensus")

    page.goto(f"{server}/en/governance/decisions/")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        re.compile(r"Agree 1, abstain 1, disagree 0, block 0")
    )
    page.context.close()
