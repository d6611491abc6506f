"""The fewest built pages that between them hold every kind of text the site styles.

A colour comes from CSS, which picks an element by its tag, classes and data- attributes and
those of the elements around it (the site allows no style= attributes: content/safety.py). So two
pieces of text with the same tag, classes and attributes, among ancestors with the same classes
and attributes, get the same colours, and the same contrast, on every page, in either scheme (the
dark scheme changes colours only: the same pages, the same markup). The accessibility walk audits
every page with every rule but the colour rules, and the colour rules, in both schemes, on the
pages chosen here: together they hold every such "style context" of text (and of every link, for
link-in-text-block) on the site. A page that brings a new one (a new kind of box, a new class) is
chosen with it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from site_addresses import built_pages

# Attributes the stylesheets choose by (site.css, Material's palette): besides class, these data-.
_STYLED_DATA = ("data-ctg", "data-nation", "data-md-color")


def _label(node) -> str:
    classes = sorted((node.attributes.get("class") or "").split())
    data = sorted(name for name in node.attributes if name.startswith(_STYLED_DATA))
    return node.tag + "".join(f".{c}" for c in classes) + "".join(f"[{d}]" for d in data)


def _has_own_text(node) -> bool:
    return any(child.tag == "-text" and (child.text_content or "").strip() for child in node.iter(include_text=True))


def style_contexts(html: str) -> set[tuple[str, frozenset[str]]]:
    """Each text-bearing element's (or link's) label, with the labels of its classed ancestors."""
    found = set()
    body = LexborHTMLParser(html).body
    for node in body.traverse(include_text=False):
        if node.tag in ("script", "style", "template") or not (node.tag == "a" or _has_own_text(node)):
            continue
        ancestors, parent = set(), node.parent
        while parent is not None and parent.tag != "html":
            if parent.attributes.get("class") or any(n.startswith(_STYLED_DATA) for n in parent.attributes):
                ancestors.add(_label(parent))
            parent = parent.parent
        found.add((_label(node), frozenset(ancestors)))
    return found


@functools.cache
def pages_covering_every_style_context(site: Path) -> frozenset[str]:
    """Greedy set cover: the page with the most contexts not yet covered, until all are."""
    contexts = {name: style_contexts((site / name).read_text(encoding="utf-8")) for name in built_pages(site)}
    chosen, covered = set(), set()
    everything = set().union(*contexts.values())
    while covered != everything:
        best = max(sorted(contexts), key=lambda name: len(contexts[name] - covered))
        chosen.add(best)
        covered |= contexts[best]
    return frozenset(chosen)
