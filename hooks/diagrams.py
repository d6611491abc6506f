"""MkDocs hook: put guides' SVG diagrams inline (caretech.site.diagrams does the work).

on_page_content  finds the SVG file each local `.svg` image points to, through the build's
                 own file list, and swaps the <img> for the drawing.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from caretech.site.diagrams import inline_diagrams


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if ".svg" not in html:
        return html

    def load_svg(src: str) -> str | None:
        url = posixpath.normpath(unquote(urljoin(page.file.url, src)))
        found = next((f for f in files if f.url == url and f.src_uri.endswith(".svg")), None)
        return found.content_string if found else None  # with its facts put in (care_tech_guide.py)

    return inline_diagrams(html, load_svg)
