"""The offline copy, as a reader gets it: the zip from `make offline`, unzipped, opened from
file:// in Chromium with every request that is not a local file blocked. A pathway can be
answered to its result, and search finds pages."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import guarded_page
from pathway_helpers import answer_by_mouse, routes, snapshot

pytestmark = pytest.mark.browser

ZIP_BUDGET = 5_000_000  # bytes: docs/use-offline.md promises "less than 5 MB"


def offline_page(browser):
    """A page on which any request but a local file fails the test, as do console errors."""
    return guarded_page(browser, allowed_hosts=set())


def test_the_zip_is_one_folder_with_the_whole_site(offline_copy, compiled_pathways):
    names = zipfile.ZipFile(offline_copy.zip).namelist()
    size = offline_copy.zip.stat().st_size
    print(f"\noffline zip: {size / 1_000_000:.2f} MB, {len(names)} files")
    assert all(name.startswith("care-tech-guide/") for name in names)
    folder = offline_copy.folder
    for needed in ("index.html", "use-offline.html", "search/search_index.js",
                   "assets/javascripts/iframe-worker/shim.js", "assets/javascripts/iframe-worker/LICENSE",
                   "devices-and-wifi/wifi.html", "devices-and-wifi/print.html"):
        assert (folder / needed).is_file(), needed
    for pathway in compiled_pathways:
        assert (folder / "pathways" / pathway.id / "index.html").is_file(), pathway.id
    assert not [n for n in names if n.endswith(".map")], "source maps are stripped"
    assert not (folder / "assets/javascripts/lunr").exists(), "other languages' search files are stripped"
    assert not (folder / "404.html").exists() and not (folder / "sitemap.xml").exists()
    assert size < ZIP_BUDGET


def test_pages_load_the_local_shim_and_link_to_html_files(offline_copy):
    home = (offline_copy.folder / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/javascripts/iframe-worker/shim.js"></script>' in home
    assert "unpkg.com" not in home and "cdn" not in home.lower()
    assert 'href="devices-and-wifi/index.html"' in home
    guide_to_it = (offline_copy.folder / "use-offline.html").read_text(encoding="utf-8")
    assert "You are using the offline copy now" in guide_to_it
    assert "ctg-download" not in guide_to_it, "no download link inside the download"


def test_a_pathway_can_be_answered_to_its_result_from_file(browser, offline_copy, compiled_pathways):
    with offline_page(browser) as page:
        page.goto((offline_copy.folder / "index.html").as_uri())
        links = page.locator(".md-content a[href^='pathways/'][href$='/index.html']")
        ids = [href.split("/")[1] for href in links.evaluate_all("(all) => all.map((a) => a.getAttribute('href'))")]
        # The first link that is a pathway (an index, such as something-gone-wrong, only sends people on).
        pathway = next(p for i in ids for p in compiled_pathways if p.id == i)
        link = links.nth(ids.index(pathway.id))
        route = max(routes(pathway), key=lambda r: len(r.choices))
        link.click()
        page.wait_for_url(re.compile(rf"/pathways/{pathway.id}/index\.html"))
        for choice in route.choices:
            assert snapshot(page)["visible"] == [choice.question.id]
            answer_by_mouse(page, choice)
        assert snapshot(page)["visible"] == [route.outcome.id]
        assert page.locator(f"#{route.outcome.id}-title").inner_text().strip()


def test_search_finds_pages_from_file(browser, offline_copy):
    with offline_page(browser) as page:
        page.goto((offline_copy.folder / "devices-and-wifi" / "index.html").as_uri())
        page.keyboard.press("/")
        page.keyboard.type("backup")
        page.wait_for_function(
            "() => /\\d+ matching document/.test(document.querySelector('.md-search-result__meta').textContent)",
            timeout=15000)
        first = page.locator(".md-search-result__link").first
        assert first.get_attribute("href").startswith("file://")
        first.click()
        page.wait_for_url(re.compile(r"\.html"))
        assert page.url.startswith("file://") and "backups" in page.url
        assert page.locator("h1").inner_text().strip()
