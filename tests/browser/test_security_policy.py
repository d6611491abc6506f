"""The Content-Security-Policy in real Chromium: reading, searching, printing and walking a pathway
break none of it, online and from the offline copy (file://).

Every `securitypolicyviolation` event on any page is recorded (the listener is added by Playwright,
before the page's own scripts); guarded_page also fails the test on any console error, which is
where Chromium reports a blocked script or style.
"""

from __future__ import annotations

import re

import pytest

from conftest import guarded_page
from pathway_helpers import answer_by_mouse, longest_route, page_url, snapshot

pytestmark = pytest.mark.browser

_LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.ctgViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
}, true);
"""


def _recording(page) -> list[str]:
    found: list[str] = []
    page.context.expose_binding("ctgViolation", lambda source, text: found.append(text))
    page.context.add_init_script(_LISTEN)
    return found


def _search(page, words: str) -> None:
    page.keyboard.press("/")
    page.keyboard.type(words)
    page.wait_for_function(
        "() => /\\d+ matching document/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15000)


def _print_stubbed(page, button: str) -> None:
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name=button).click()
    assert page.evaluate("window.printed") == 1


def test_no_violation_reading_searching_printing_and_walking_a_pathway(browser, site_url, compiled_pathways):
    with guarded_page(browser) as page:
        violations = _recording(page)
        page.goto(site_url)
        page.goto(f"{site_url}keeping-information-safe/backups/")
        _print_stubbed(page, "Print this page")
        page.goto(f"{site_url}404.html")
        assert page.locator("h1").inner_text() == "Page not found"
        page.goto(f"{site_url}devices-and-wifi/print/")
        _print_stubbed(page, "Print this page")

        pathway = compiled_pathways[0]
        route = longest_route(pathway)
        page.goto(page_url(site_url, pathway))
        for choice in route.choices:
            answer_by_mouse(page, choice)
        assert snapshot(page)["visible"] == [route.outcome.id]
        _print_stubbed(page, "Print your result")

        _search(page, "backup")
        page.locator(".md-search-result__link").first.click()
        page.wait_for_url(re.compile(r"backups"))
        assert violations == []

        # The policy is really there: an inline script added now is blocked and reported.
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.body.append(s); }")
        for _ in range(20):  # the report arrives through Playwright's binding, a moment later
            if violations:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("window.ran") is None
        assert violations and violations[0].startswith("script-src")
        page.console_errors.clear()  # Chromium's report of the blocked script, expected here


def test_no_violation_in_the_offline_copy_and_every_page_has_the_policy(browser, offline_copy, compiled_pathways):
    pages = sorted(offline_copy.folder.rglob("*.html"))
    missing = [p for p in pages if 'http-equiv="Content-Security-Policy" content="default-src' not in p.read_text("utf-8")]
    assert pages and not missing, missing
    with guarded_page(browser, allowed_hosts=set()) as page:
        violations = _recording(page)
        page.goto((offline_copy.folder / "devices-and-wifi" / "print.html").as_uri())
        _search(page, "backup")  # the search worker runs in iframe-worker's frame from file://
        page.locator(".md-search-result__link").first.click()
        page.wait_for_url(re.compile(r"backups\.html"))
        pathway = compiled_pathways[0]
        page.goto((offline_copy.folder / "pathways" / pathway.id / "index.html").as_uri())
        answer_by_mouse(page, longest_route(pathway).choices[0])
        assert violations == []
