"""Fill in once, in real Chromium: a reader types their details once on the templates page,
and a Word and a spreadsheet download taken afterwards come with them filled in (read back
with python-docx and openpyxl), made in the browser with no request off the site. Fields
left empty stay marked. Without JavaScript, nothing is shown and the blank file downloads."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from conftest import axe_violations, describe_violations
from site_addresses import address

pytestmark = pytest.mark.browser

DETAILS = {
    "Your organisation": "Rose & Crown Care <Home>",
    "Manager's name": "Asha Patel",
    "On-call phone number": "07700 900123",
    "Insurer's incident line": "0800 000 111",
}


def enter_details(page, site_url) -> None:
    page.goto(address(site_url, "templates/index.html"))
    form = page.locator(".ctg-details")
    assert form.is_visible()
    for name, value in DETAILS.items():
        page.get_by_label(name, exact=True).fill(value)
    page.get_by_role("button", name="Save on this device").click()
    assert "Saved on this device: 4 details" in page.locator(".ctg-details-status").inner_text()


def download(page, site_url, slug: str, tmp_path):
    page.goto(address(site_url, f"templates/{slug}/index.html"))
    assert page.locator(".ctg-fill-in-note").is_visible()
    with page.expect_download() as info:
        page.locator(".ctg-template-download a[download]").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_details_entered_once_fill_word_and_spreadsheet_downloads(page, site_url, tmp_path):
    enter_details(page, site_url)
    word = download(page, site_url, "system-down-plan", tmp_path)
    sheet = download(page, site_url, "data-breach-log", tmp_path)

    assert word.name == "system-down-plan.docx" and sheet.name == "data-breach-log.xlsx"
    document = docx.Document(word)
    text = "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for name, value in DETAILS.items():
        assert value in text and f"[{name}]" not in text, name
    assert "[Deputy's name]" in text  # left empty: still marked for filling in by hand
    filled = [r for p in document.paragraphs for r in p.runs if r.text == "Asha Patel"]
    blank = [r for p in document.paragraphs for r in p.runs if r.text == "[Deputy's name]"]
    assert filled and all(r.font.highlight_color is None for r in filled)
    assert blank and all(r.font.highlight_color is not None for r in blank)

    book = openpyxl.load_workbook(sheet)
    about = "\n".join(str(row[0]) for row in book["About"].iter_rows(values_only=True) if row[0])
    assert "Rose & Crown Care <Home>" in about and "[Your organisation]" not in about
    first = book.worksheets[0]
    assert first.oddHeader.right.text == "Rose && Crown Care <Home>"  # "&&" prints as "&"


def test_clearing_the_details_gives_blank_downloads_again(page, site_url, tmp_path):
    enter_details(page, site_url)
    page.get_by_role("button", name="Clear my details").click()
    assert "cleared" in page.locator(".ctg-details-status").inner_text()
    assert page.get_by_label("Your organisation", exact=True).input_value() == ""
    page.goto(address(site_url, "templates/data-breach-log/index.html"))
    assert not page.locator(".ctg-fill-in-note").is_visible()
    with page.expect_download() as info:
        page.locator(".ctg-template-download a[download]").click()
    info.value.save_as(tmp_path / "blank.xlsx")
    about = [row[0] for row in openpyxl.load_workbook(tmp_path / "blank.xlsx")["About"].iter_rows(values_only=True)]
    assert any("[Your organisation]" in str(text) for text in about)


def test_without_javascript_no_form_and_the_blank_file(page_without_script, site_url):
    page = page_without_script
    page.goto(address(site_url, "templates/index.html"))
    assert not page.locator(".ctg-details").is_visible()
    page.goto(address(site_url, "templates/system-down-plan/index.html"))
    assert not page.locator(".ctg-fill-in-note").is_visible()
    assert page.locator(".ctg-template-download a[download]").get_attribute("href").endswith(".docx")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_works_by_keyboard_and_passes_axe(page, site_url, scheme):
    page.set_viewport_size({"width": 375, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(address(site_url, "templates/index.html"))
    first = page.get_by_label("Your organisation", exact=True)
    first.focus()
    page.keyboard.type("Keyboard Care")
    page.keyboard.press("Enter")  # saves, as a form would
    assert "Saved on this device: 1 details" in page.locator(".ctg-details-status").inner_text()
    for box in page.locator(".ctg-details input").all()[:3]:
        assert box.bounding_box()["height"] >= 44
    violations = axe_violations(page, context=".ctg-details")
    assert not violations, describe_violations(violations)
