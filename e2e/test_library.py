import re

from playwright.sync_api import expect

from menengage.library import samples

STAFF = "staff@menengage.example"
REPRESENTATIVE = "representative.library@menengage.example"


def test_visitor_searches_in_spanish_filters_and_cites(server, page):
    page.goto(f"{server}/es/library/")
    page.locator("#library-q").fill("paternidad")
    page.locator("#library-language").select_option("es")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/es/library/\?q=paternidad.*language=es"))
    first = page.locator("ol.results > li").first
    expect(first.locator("mark").first).to_be_visible()
    option = page.locator("#library-language option[value=es]").inner_text()
    count = int(re.search(r"\((\d[\d.,\s]*)\)", option).group(1).replace(".", "").replace(",", ""))
    heading = page.locator("#results").inner_text()
    assert int(re.sub(r"\D", "", heading)) == count

    first.get_by_role("link").click()
    expect(page.locator("h1")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="BibTeX").click()
    assert download.value.suggested_filename.endswith(".bib")


def test_representative_submits_and_editor_publishes(server, page, sign_in, tmp_path):
    pdf = tmp_path / "Guia de cuidados!.pdf"
    pdf.write_bytes(
        samples.pdf_bytes("Zanzibar caring circles", ["Weekly zanzibar circles for fathers."] * 6)
    )
    sign_in(page, REPRESENTATIVE)
    page.goto(f"{server}/en/library/submit/")
    page.get_by_label("Language of the resource").select_option("en")
    page.get_by_label("Title").fill("Zanzibar caring circles")
    page.get_by_label("Summary").fill("How to run caring circles.")
    page.get_by_label("Type").select_option("toolkit")
    page.get_by_label("File (PDF, DOCX or EPUB)").set_input_files(str(pdf))
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator("main")).to_contain_text("The editors will review the resource")
    resource_url = page.url

    page.goto(f"{server}/en/library/?q=zanzibar")
    expect(page.locator("#results")).to_contain_text("0 resources")

    page.context.clear_cookies()
    sign_in(page, STAFF)
    page.goto(resource_url)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main")).not_to_contain_text("not in the public library")

    page.context.clear_cookies()
    page.goto(f"{server}/en/library/?q=zanzibar")
    page.get_by_role("link", name="Zanzibar caring circles").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("English, PDF")).click()
    assert download.value.suggested_filename == "guia-de-cuidados.pdf"
