"""Addresses of built pages on the test server (shared by the accessibility and request tests)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from helpers import ROOT

_CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
SITE_NAME = re.search(r"(?m)^site_name:\s*(.+?)\s*$", _CONFIG).group(1)
# The 404 page links to its files by absolute path under the published address
# (/care-tech-guide/...), so that it works at any depth; the test server is at /.
SITE_PATH = urlsplit(re.search(r"(?m)^site_url:\s*(\S+)", _CONFIG).group(1)).path.rstrip("/") + "/"


def built_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def address(site_url: str, page: str) -> str:
    """`a/b/index.html` -> `<site>/a/b/`, as a visitor would type it."""
    return site_url + (page[: -len("index.html")] if page.endswith("index.html") else page)


def serve_under_site_path(page, site_url: str) -> None:
    """Let the 404 page's absolute links (/care-tech-guide/...) reach the test server's root."""
    if SITE_PATH == "/":
        return
    prefix = site_url.rstrip("/") + SITE_PATH
    page.route(prefix + "**", lambda route: route.continue_(url=site_url + route.request.url[len(prefix):]))
