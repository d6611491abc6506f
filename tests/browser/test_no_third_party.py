"""No request leaves the site: pages of the offline copy (opened from file://) are loaded with
every other request blocked; any attempt, or any console error, fails the test. A search runs
too, since it starts the search worker.

Every page of the online build gets the same check during the accessibility walk
(test_accessibility.py, which loads every page anyway), with its cookies and storage. The
offline copy is the same pages built with Material's offline plugin, so here one page of each
kind is enough: each kind is one template and one set of scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import guarded_page

pytestmark = pytest.mark.browser


# One page of each kind in the offline copy (paths inside it; the first match of each, in order).
KINDS = {
    "home": r"index\.html",
    "section": r"(?!pathways|templates|maintainers)[^/]+/index\.html",
    "guide": r"(?!pathways|templates|maintainers)[^/]+/(?!index|print)[^/]+\.html",
    "print pack": r"[^/]+/print\.html",
    "pathway": r"pathways/[^/]+/index\.html",
    "pathway, all routes": r"pathways/[^/]+/all-routes\.html",
    "template": r"templates/(?!index|print)[^/]+\.html",
    "calculator": r"start-here/business-case\.html",
    "glossary": r"glossary\.html",
    "maintainers": r"maintainers/.+\.html",
}


def one_of_each_kind(site: Path) -> list[Path]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    chosen = {}
    for kind, pattern in KINDS.items():
        found = next((p for p in pages if re.fullmatch(pattern, p)), None)
        assert found, f"the offline copy has no {kind} page ({pattern})"
        chosen[kind] = site / found
    return list(chosen.values())


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
        addresses = [p.as_uri() for p in one_of_each_kind(offline_copy.folder)]
        problems = visit_all(page, addresses, page.blocked_requests, page.console_errors)
        print(f"\noffline copy: {len(addresses)} pages loaded from file://, {len(page.blocked_requests)} blocked requests")
        assert not problems, describe(problems)
