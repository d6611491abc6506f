"""Addresses of built pages on the test server (shared by the accessibility, request and search tests)."""

from __future__ import annotations

from pathlib import Path


def built_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def address(site_url: str, page: str) -> str:
    """`a/b/index.html` -> `<site>/a/b/`, as a visitor would type it."""
    return site_url + (page[: -len("index.html")] if page.endswith("index.html") else page)


# In the page: the addresses search is showing, in order (each result's first link is its page).
SHOWN_PAGES = """() => [...document.querySelectorAll('.md-search-result__item > a:first-child')]
    .map((a) => a.href.split(/[?#]/)[0])"""
