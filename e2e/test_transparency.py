import re

from playwright.sync_api import expect

ARTIFACTS_NAME = "transparency.png"


def test_visitor_reads_a_year_of_finances_and_its_open_data(server, page):
    page.goto(f"{server}/en/transparency/")
    page.get_by_role("link", name=re.compile("2024")).first.click()
    expect(page).to_have_url(re.compile(r"/en/transparency/2024/$"))
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 2
    expect(page.locator("table caption").first).to_be_visible()
    from pathlib import Path

    artifacts = Path(__file__).resolve().parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / ARTIFACTS_NAME), full_page=True)
    csv_link = page.locator("a[href$='data.csv']").first
    response = page.request.get(server + csv_link.get_attribute("href"))
    assert response.ok and "text/csv" in response.headers["content-type"]
    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
