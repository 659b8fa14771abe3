"""Each persona signs in, lands on My MenEngage, follows an item to its page and acts there (or
reaches the page, where the action has its own browser test); and links in e-mails work for a
reader who is signed out: sign in, give the code, land on the page in the mail's language."""

import sqlite3

from playwright.sync_api import expect

from conftest import DEMO_PASSWORD, next_totp_code

REPRESENTATIVE = "declarations.rep@menengage.example"
COORDINATOR = "coordinator.kenya@menengage.example"
BODY_MEMBER = "board.south-asia@menengage.example"
FOCAL_POINT = "focal.kenya@menengage.example"
ORGANISER = "events.organiser@menengage.example"
REVIEWER = "reviewer.two@menengage.example"
STAFF = "staff@menengage.example"


def _workspace(page, server, sign_in, email):
    sign_in(page, email)
    assert page.url == f"{server}/en/me/", "sign-in without a page to return to lands here"
    expect(page.locator("h1")).to_have_text("My MenEngage")
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("My MenEngage")


def _follow_first(page, section_title):
    section = page.locator("section", has=page.get_by_role("heading", name=section_title))
    expect(section.locator(".count").first).not_to_have_text("0")
    link = section.locator("ul.worklist a").first
    label = link.inner_text()
    link.click()
    page.wait_for_load_state()
    return label


def test_a_member_representative_signs_a_declaration_for_their_organisation(server, page, sign_in):
    _workspace(page, server, sign_in, REPRESENTATIVE)
    title = _follow_first(page, "Declarations your organisation has not signed")
    expect(page.locator("h1")).to_contain_text(title)


def test_a_coordinator_reaches_an_application_to_decide(server, page, sign_in):
    _workspace(page, server, sign_in, COORDINATOR)
    name = _follow_first(page, "Applications to decide")
    expect(page.locator("h1")).to_have_text(name)
    expect(page.get_by_role("button", name="Record the decision")).to_be_visible()


def test_a_body_member_takes_a_position_on_a_proposal_awaiting_them(server, page, sign_in):
    _workspace(page, server, sign_in, BODY_MEMBER)
    title = _follow_first(page, "Proposals awaiting you")
    expect(page.locator("h1")).to_have_text(title)
    page.get_by_label("agree", exact=True).check()
    page.get_by_role("button", name="Record my position").click()
    expect(page.get_by_role("status")).to_contain_text("Your position is recorded.")


def test_a_focal_point_opens_an_assigned_case(server, page, sign_in):
    _workspace(page, server, sign_in, FOCAL_POINT)
    reference = _follow_first(page, "Concern cases assigned to you")
    expect(page.locator("h1")).to_have_text(f"Case {reference}")


def test_an_organiser_approves_a_request_to_attend(server, page, sign_in):
    _workspace(page, server, sign_in, ORGANISER)
    _follow_first(page, "Events you organise with requests waiting")
    row = page.locator("tr", has_text="Farida Haddad")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator("tr", has_text="Farida Haddad")).to_contain_text("confirmed")


def test_a_reviewer_scores_a_submission(server, page, sign_in):
    _workspace(page, server, sign_in, REVIEWER)
    title = _follow_first(page, "Reviews to score")
    expect(page.locator("h1")).to_have_text(title)
    for criterion in ("Relevance", "Evidence", "Participation of communities"):
        page.get_by_label(criterion).fill("4")
    page.get_by_role("button", name="Save the review").click()
    expect(page.get_by_role("status")).to_contain_text("Your review has been saved.")


def test_staff_reach_the_applications_of_every_network(server, page, sign_in):
    _workspace(page, server, sign_in, STAFF)
    name = _follow_first(page, "Applications to decide")
    expect(page.locator("h1")).to_have_text(name)


# Links in e-mails, opened signed out


def _first_id(server, query, *params):
    with sqlite3.connect(server.database, timeout=10) as db:
        return db.execute(query, params).fetchone()[0]


def _sign_in_from_the_link(page, server, address, email):
    """Open `address` signed out; sign in on the page it leads to (in its language, so by the
    fields' names, not their English labels) and give the code when asked."""
    page.goto(f"{server}{address}")
    language = address.split("/")[1]
    assert page.url.startswith(f"{server}/{language}/accounts/sign-in/"), page.url
    assert page.locator("html").get_attribute("lang") == language
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/two-factor/" in page.url:
        page.locator("input[name=code]").fill(next_totp_code(email))
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    assert page.url == f"{server}{address}"


def test_a_mailed_proposal_link_works_signed_out(server, page):
    pk = _first_id(
        server,
        "SELECT p.id FROM governance_proposal p JOIN governance_body b ON b.id = p.body_id"
        " WHERE b.slug = 'global-board' AND p.status = 'open' ORDER BY p.id",
    )
    _sign_in_from_the_link(page, server, f"/fr/governance/proposals/{pk}/", BODY_MEMBER)
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_mailed_case_link_works_signed_out(server, page):
    pk = _first_id(
        server,
        "SELECT a.concern_id FROM concerns_caseassignment a JOIN accounts_user u"
        " ON u.id = a.user_id WHERE u.email = ? ORDER BY a.concern_id",
        FOCAL_POINT,
    )
    _sign_in_from_the_link(page, server, f"/pt/concerns/cases/{pk}/", FOCAL_POINT)
    expect(page.locator("h1")).to_contain_text("Caso")


def test_a_mailed_application_link_works_signed_out(server, page):
    pk = _first_id(
        server,
        "SELECT a.id FROM members_application a JOIN members_membership m"
        " ON m.id = a.membership_id JOIN networks_network n ON n.id = m.network_id"
        " WHERE n.slug = 'kenya' AND m.status = 'under_review'"
        " AND a.email_confirmed_at IS NOT NULL ORDER BY a.id",
    )
    _sign_in_from_the_link(page, server, f"/es/membership/review/{pk}/", COORDINATOR)
    expect(page.locator("html")).to_have_attribute("lang", "es")
