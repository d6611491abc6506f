"""Search in real Chromium: the search box finds the right pages, the Python copy of Material's
search ranks exactly like Material's own search worker, and the index loads only when needed."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import guarded_page
from helpers import ROOT
from material_search import MaterialSearch
from site_addresses import SHOWN_PAGES

pytestmark = pytest.mark.browser

GUIDE = "devices-and-wifi/wifi/"
# Typed into the real search box: query -> a page that must be among the first 3 results.
TYPED = {
    "wifi": "devices-and-wifi/wifi/",
    "we've been hacked": "pathways/something-gone-wrong/",
    "byod": "devices-and-wifi/staff-own-phones/",
    "gdpr": "keeping-information-safe/data-protection-basics/",
    "care plan app": "care-records/dscr-explained/",
    "lost phone": "pathways/something-gone-wrong/",
}


SEARCH_BOX = "input[data-md-component=search-query]"


@pytest.fixture(scope="module")
def index_json(built_site) -> dict:
    return json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))


def open_search_and_type(page, text: str) -> None:
    """As a reader would: the search icon on a phone, the search box on a wide screen."""
    icon = page.locator(".md-header__button[for=__search]")
    box = page.locator(SEARCH_BOX)
    (icon if icon.is_visible() else box).click()
    box.press_sequentially(text)  # Material reads keyup events


def result_pages(page, site_url: str) -> list[str]:
    """The pages in the result list, in order (each result's first link is its page)."""
    page.wait_for_selector(".md-search-result__item")
    return [href.removeprefix(site_url) for href in page.evaluate(SHOWN_PAGES)]


def test_the_first_visit_waits_to_load_search_until_the_search_box_is_used(browser, site_url):
    with guarded_page(browser) as page:  # a first visit: a browser that has not seen the site
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_url + GUIDE, wait_until="networkidle")
        assert page.locator("script[src*='/care-tech-guide.']").count() == 1, (
            "our script bundle (with search-defer.js in it) is not on the page: see caretech/site/bundle.py")
        assert not [url for url in requested if "search_index" in url or "/workers/search" in url], \
            "the search index or worker loaded before anyone searched"
        native = "() => [XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send, window.Worker]" \
                 ".every(f => String(f).includes('[native code]'))"
        assert not page.evaluate(native), "until search is wanted, search-defer.js holds the index and worker"
        open_search_and_type(page, "wifi")
        assert result_pages(page, site_url)[0] == GUIDE
        assert any(url.endswith("search/search_index.json") for url in requested)
        assert page.evaluate(native), "once search is wanted, the page has the browser's own XMLHttpRequest and Worker"


def test_the_search_box_finds_the_page_and_agrees_with_the_python_copy(page, site_url, index_json):
    """Each query typed into the search box on a phone, one after another as a reader would (the
    box emptied between them): the expected page is among the first 3 results, which are the ones
    the Python copy ranks first."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.set_viewport_size({"width": 412, "height": 915})  # a phone
    page.goto(site_url + GUIDE)
    search, box = MaterialSearch(index_json), page.locator(SEARCH_BOX)
    wrong = {}
    for number, text in enumerate(TYPED):
        if number:
            box.fill("")
            box.press_sequentially(text)  # Material reads keyup events
        else:
            open_search_and_type(page, text)
        expected = search.pages(text, limit=3)
        try:  # the list for the whole query, not for the part typed so far
            page.wait_for_function(
                f"(expected) => ({SHOWN_PAGES})().slice(0, 3).join() === expected.join()",
                arg=[site_url + p for p in expected], timeout=10000)
        except PlaywrightTimeout:
            pass  # reported below, with what was shown
        shown = result_pages(page, site_url)[:3]
        if TYPED[text] not in shown or shown != expected:
            wrong[text] = (shown, expected)
    assert not wrong, "the search box (left) shows other pages than the Python copy (right), or not the expected one:\n" + \
        "\n".join(f"  {text!r} (expects {TYPED[text]}): {shown} vs {expected}" for text, (shown, expected) in wrong.items())


def test_search_words_are_found_but_never_shown(page, site_url):
    """"wify" is only in the synonyms file: it finds the Wi-Fi guide, and no result shows it."""
    page.goto(site_url + GUIDE)
    open_search_and_type(page, "wify")
    assert result_pages(page, site_url)[0] == GUIDE
    assert "wify" not in page.inner_text(".md-search-result").lower()


def test_the_python_copy_ranks_every_query_exactly_like_materials_worker(page, built_site, site_url, index_json):
    """Every query in tests/search_queries.yml, sent to Material's own search worker: its first
    three pages must be the ones tests/material_search.py computes."""
    queries = [q["query"] for q in yaml.safe_load((ROOT / "tests/search_queries.yml").read_text())["queries"]]
    [worker] = built_site.glob("assets/javascripts/workers/search.*.js")
    # A page of the site that does not hold the worker back. Shown on its own, a JSON file makes
    # the browser ask for /favicon.ico, which the site does not have (its pages name their icon).
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(site_url + "search/search_index.json")
    from_worker = page.evaluate(
        """async ({url, index, queries}) => {
            const worker = new Worker(url)
            const ask = message => new Promise(resolve => {
                worker.onmessage = event => resolve(event.data)
                worker.postMessage(message)
            })
            await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
            const pages = {}
            for (const query of queries) {
                const result = await ask({type: 2, data: query})
                pages[query] = result.data.items.slice(0, 3).map(group => group[0].location.split("#")[0])
            }
            worker.terminate()
            return pages
        }""",
        {"url": site_url + worker.relative_to(built_site).as_posix(), "index": index_json, "queries": queries},
    )
    search = MaterialSearch(index_json)
    ours = {q: search.pages(q, limit=3) for q in queries}
    differ = {q: (from_worker[q], ours[q]) for q in queries if from_worker[q] != ours[q]}
    assert not differ, "Material's worker (left) and the Python copy (right) differ:\n" + "\n".join(
        f"  {q!r}: {w} vs {p}" for q, (w, p) in differ.items())
