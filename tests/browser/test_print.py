"""Printing, as Chromium prints: a guide, a section's print pack and a pathway are printed to
PDF with print media, and poppler's `pdftotext` reads back what is on the paper."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from helpers import shipped_facts

pytestmark = pytest.mark.browser

GUIDE = "devices-and-wifi/wifi/"
SECTION = "devices-and-wifi/"
PATHWAY = "pathways/staff-own-phones/"

# What the screen shows around the content: none of it belongs on paper.
_SCREEN_ONLY = """() => {
  const content = document.querySelector('.md-content').innerText;
  const texts = [...document.querySelectorAll('.md-sidebar--primary .md-nav__link, .md-sidebar--secondary .md-nav__link')]
    .map((a) => a.innerText.trim()).filter((t) => t.length > 3 && !content.includes(t));
  return {
    nav: [...new Set(texts)],
    footer: document.querySelector('.md-copyright').innerText.trim(),
    search: document.querySelector('.md-search__input').getAttribute('placeholder'),
  };
}"""


@pytest.fixture(scope="module")
def pdftotext():
    if not shutil.which("pdftotext"):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("pdftotext not found: install Debian's poppler-utils")
        pytest.skip("pdftotext not found (apt-get install poppler-utils)")


def printed(page, tmp_path) -> str:
    """The page printed to PDF (A4) and read back; pages are separated by form feeds."""
    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squashed(text: str) -> str:
    """Without white space, so an address wrapped over two lines still matches."""
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    return " ".join(text.split())


def assert_no_screen_furniture(text: str, furniture: dict) -> None:
    flat = words(text)
    assert furniture["nav"], "the menu has links to look for"
    leaked = [t for t in furniture["nav"] if words(t) in flat]
    assert not leaked, f"menu text on paper: {leaked}"
    assert words(furniture["footer"]) not in flat, "footer on paper"
    for screen_text in ("Skip to content", "Switch to dark mode", "Back to top", "Print this page",
                        "Type to start searching", "Initializing search"):
        assert screen_text not in flat, screen_text
    assert not re.search(rf"(?m)^\s*{furniture['search']}\s*$", text), "search box on paper"


def test_a_guide_prints_its_content_dates_address_and_link_addresses(page, site_url, tmp_path, pdftotext):
    page.goto(site_url + GUIDE)
    button = page.locator("[data-ctg-print]")
    assert button.is_visible() and button.inner_text() == "Print this page"
    title = page.locator("h1").inner_text()
    first_paragraph = page.locator(".md-content p:not(.ctg-reviewed, .ctg-review-notice)").first.inner_text()
    # The test build's day is the first review date (tests/helpers.py), and this guide is due then.
    notice = page.locator(".ctg-review-notice").inner_text()
    checklist_item = page.locator(".task-list-item").first.inner_text()
    external = page.eval_on_selector_all(
        ".md-content a[href^='http']:not(.md-content__button)", "links => links.map((a) => a.href)")
    address = page.locator(".ctg-page-address .ctg-url").inner_text()
    furniture = page.evaluate(_SCREEN_ONLY)

    text = printed(page, tmp_path)
    flat = words(text)
    assert title in flat
    assert words(first_paragraph) in flat
    assert words(checklist_item) in flat
    assert "Last reviewed" in flat and "Next review by" in flat
    assert words(notice) in flat and notice.startswith("This guide was due for review on"), "the overdue notice prints"
    assert squashed(address) in squashed(text), "the page's address is printed"
    assert address.startswith("https://")
    assert len(external) >= 2
    missing = [url for url in external if squashed(url) not in squashed(text)]
    assert not missing, f"link addresses not printed: {missing}"
    assert_no_screen_furniture(text, furniture)


def test_the_print_button_prints_and_opens_details(page, site_url):
    page.goto(site_url + GUIDE)
    page.evaluate("""() => {
      window.printed = [];
      window.print = () => window.printed.push([...document.querySelectorAll('details')].map((d) => d.open));
      document.querySelector('.md-content article, .md-content__inner')
        .insertAdjacentHTML('beforeend', '<details><summary>More</summary><p>Folded text</p></details>');
    }""")
    page.locator("[data-ctg-print]").click()
    assert page.evaluate("window.printed") == [[False]], "window.print() called (stubbed here)"
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelector('details').open")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.querySelector('details').open"), "closed again after printing"


def test_with_javascript_off_a_guide_prints_with_details_open(page_without_script, site_url, tmp_path, pdftotext):
    """No script to open <details> before printing: the print stylesheet does it."""
    page = page_without_script
    page.goto(site_url + GUIDE)
    assert page.evaluate("document.documentElement.className") == "no-js"
    page.evaluate("""() => document.querySelector('.md-content__inner').insertAdjacentHTML('beforeend',
      '<details><summary>Show the extra steps</summary><p>Folded text for the paper copy</p></details>')""")
    title = page.locator("h1").inner_text()
    furniture = page.evaluate(_SCREEN_ONLY)
    text = printed(page, tmp_path)
    assert "Folded text for the paper copy" in words(text)
    assert words(title) in words(text)
    assert_no_screen_furniture(text, furniture)


def test_the_section_print_pack_has_every_guide_each_on_new_paper(page, site_url, tmp_path, pdftotext):
    page.goto(site_url + SECTION)
    link = page.get_by_role("link", name=re.compile(r"^Print (all \d+ guides|the guide) in this section"))
    link.click()
    page.wait_for_url(re.compile(r"/devices-and-wifi/print/$"))
    guides = page.locator("h2.ctg-pack-guide").all_inner_texts()
    addresses = [re.search(r"Online: (\S+)", t).group(1) for t in page.locator("h2.ctg-pack-guide + p.ctg-reviewed").all_inner_texts()]
    sources = page.eval_on_selector_all(".md-content h3[id$='--sources'] + ul a", "links => links.map((a) => a.href)")
    headings = page.locator(".md-content h2, .md-content h3").all_inner_texts()
    furniture = page.evaluate(_SCREEN_ONLY)
    assert len(guides) >= 2 and len(addresses) == len(guides) and sources

    text = printed(page, tmp_path)
    flat = words(text)
    for guide in guides:
        assert words(guide) in flat
    for url in addresses + sources:
        assert squashed(url) in squashed(text), url
    sheets = [sheet for sheet in text.split("\f") if sheet.strip()]
    assert len(sheets) > len(guides), "each guide starts on a new sheet"
    for guide in guides:
        starts = [s for s in sheets if words(s).startswith(words(guide))]
        assert starts, f"{guide!r} does not start a sheet"
    # (The first sheet ends with the list of guides, whose words are the guides' titles.)
    stranded = [heading for sheet in sheets[1:]
                for heading in headings if words(sheet).endswith(words(heading))]
    assert not stranded, f"headings left at the bottom of a sheet: {stranded}"
    assert_no_screen_furniture(text, furniture)


def test_a_pathway_prints_without_the_menus(page, site_url, tmp_path, pdftotext):
    page.goto(site_url + PATHWAY)
    title = page.locator("h1").inner_text()
    first_question = page.locator(".ctg-step h2").first.inner_text()
    furniture = page.evaluate(_SCREEN_ONLY)
    text = printed(page, tmp_path)
    assert words(title) in words(text)
    assert words(first_question) in words(text)
    assert_no_screen_furniture(text, furniture)


def test_the_who_to_call_card_prints_on_one_sheet_with_the_numbers_from_the_register(page, site_url, tmp_path, pdftotext):
    page.goto(site_url + "templates/who-to-call/")
    text = printed(page, tmp_path)
    assert text.rstrip("\f").count("\f") == 0, "one sheet of A4"
    for name in ("report-fraud-phone", "police-non-emergency", "ico-helpline", "breach-report-deadline"):
        assert shipped_facts().get(name).written() in text, name
    assert shipped_facts().get("regulator-phone").part("england") in text, "regulator-phone.england"
    assert "Who to call when something goes wrong" in text
