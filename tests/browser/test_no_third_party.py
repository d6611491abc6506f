"""No request leaves the site: every page of the offline copy (opened from file://) is loaded with
every other request blocked; any attempt, or any console error, fails the test. A search runs
too, since it starts the search worker.

The online build gets the same check during the accessibility walks (test_accessibility.py,
which loads every page in each colour scheme anyway), with its cookies and storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import guarded_page

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


def test_offline_pages_make_no_request_at_all(browser, offline_copy):
    # Only file:, data: and blob: get through; guarded_page fails the test on anything else.
    with guarded_page(browser, allowed_hosts=set()) as page:
        addresses = [p.as_uri() for p in pages_in(offline_copy.folder)]
        problems = visit_all(page, addresses, page.blocked_requests, page.console_errors)
        print(f"\noffline copy: {len(addresses)} pages loaded from file://, {len(page.blocked_requests)} blocked requests")
        assert not problems, describe(problems)
