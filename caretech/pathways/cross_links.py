"""Links back from guides to the pathways whose results point at them.

Built from the pathway files, so a guide's "Not sure? Answer a few questions" box
never goes stale when a pathway changes.
"""

from __future__ import annotations

import posixpath
import re

from caretech.pathways.model import Pathway
from caretech.pathways.render import escape_markdown, page_path


def pathways_by_guide(pathways: list[Pathway]) -> dict[str, list[Pathway]]:
    """Each guide path -> the pathways with an outcome that links to it, by title."""
    found: dict[str, list[Pathway]] = {}
    for pathway in sorted(pathways, key=lambda p: p.title):
        for guide in sorted({g for outcome in pathway.outcomes for g in outcome.guides}):
            found.setdefault(guide, []).append(pathway)
    return found


def cross_link_box(guide: str, pathways: list[Pathway]) -> str:
    """A Markdown admonition linking `guide` to each pathway, with paths relative to the guide."""
    here = posixpath.dirname(guide)
    links = "\n".join(
        f"    - [{escape_markdown(p.title)}]({posixpath.relpath(page_path(p), here)})" for p in pathways
    )
    return (
        '!!! question "Not sure what to do? Answer a few questions"\n\n'
        "    Get advice that fits your service:\n\n"
        f"{links}\n"
    )


def insert_after_introduction(markdown: str, box: str) -> str:
    """Put the box where the introduction ends (before the first `## ` heading), or at the end.

    Cutting at a heading never splits a paragraph, list or admonition.
    """
    match = re.search(r"^## ", markdown, re.M)
    if not match:
        return f"{markdown.rstrip()}\n\n{box}"
    cut = match.start()
    return f"{markdown[:cut]}{box}\n{markdown[cut:]}"
