"""No request leaves the site: every page of the online build (served on 127.0.0.1) and of the
offline copy (opened from file://) is loaded with every other request blocked; any attempt,
or any console error, fails the test. A search runs on each, since it starts the search worker.
And nothing is kept beyond the browser session: no cookies, nothing in localStorage."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import guarded_page
from site_addresses import address, built_pages, serve_under_site_path

pytestmark = pytest.mark.browser


def pages_in(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def visit_all(page, addresses: list[str], attempts: list[str], errors: list[str]) -> dict[str, list[str]]:
    """Load each address; say which page caused which blocked request or console error."""
    problems: dict[str, list[str]] = {}
    for address in addresses:
        before = (len(attempts), len(errors))
        page.goto(address)
        new = attempts[before[0]:] + errors[before[1]:]
        if new:
            problems[address] = new
    page.keyboard.press("/")
    page.keyboard.type("wifi")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_load_state("networkidle")
    return problems


def describe(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}\n    " + "\n    ".join(found) for where, found in problems.items())


def test_online_pages_make_no_request_to_another_host(page, site_url, built_site):
    serve_under_site_path(page, site_url)
    addresses = [address(site_url, name) for name in built_pages(built_site)]
    problems = visit_all(page, addresses, page.blocked_requests, page.console_errors)
    print(f"\nonline build: {len(addresses)} pages loaded, {len(page.blocked_requests)} blocked requests")
    assert not problems, describe(problems)
    # Nothing kept beyond the browser session: no cookies, nothing in localStorage.
    assert page.context.cookies() == []
    assert page.evaluate("() => Object.keys(localStorage)") == []
    assert page.evaluate("() => Object.keys(sessionStorage)"), "(settings do live in sessionStorage)"
    # The page fixture checks again afterwards, for anything that started after the last page.


def test_offline_pages_make_no_request_at_all(browser, offline_copy):
    # Only file:, data: and blob: get through; guarded_page fails the test on anything else.
    with guarded_page(browser, allowed_hosts=set()) as page:
        addresses = [p.as_uri() for p in pages_in(offline_copy.folder)]
        problems = visit_all(page, addresses, page.blocked_requests, page.console_errors)
        print(f"\noffline copy: {len(addresses)} pages loaded from file://, {len(page.blocked_requests)} blocked requests")
        assert not problems, describe(problems)
