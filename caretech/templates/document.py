"""A template's Markdown as a small tree of HTML elements, for the Word and spreadsheet writers.

Python-Markdown turns the body into HTML with the site's extensions whose output the Word and
spreadsheet writers know how to write (WORD_EXTENSIONS: a subset of mkdocs.yml's list, which
tests/test_templates.py keeps it to; a contents list, code highlighting or abbreviations mean
nothing on paper). The site's one HTML reader (selectolax, the HTML standard's parser) then gives
a tree the writers walk. Fill-in fields arrive as `<span class="ctg-field">`, as on the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

import markdown
from selectolax.lexbor import LexborHTMLParser, LexborNode

from caretech.templates.fields import fields_to_html

WORD_EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "md_in_html", "pymdownx.tasklist",
                   "caretech.nations.markdown"]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


def _element(node: LexborNode) -> Element:
    element = Element(node.tag, {name: value or "" for name, value in node.attributes.items()})
    child = node.child
    while child is not None:
        if child.tag == "-text":
            element.children.append(child.text_content or "")
        elif not child.tag.startswith("-"):  # comments and the like carry nothing to write
            element.children.append(_element(child))
        child = child.next
    return element


def markdown_tree(body: str) -> Element:
    """The body (Markdown, fields as [[name]]) as an element tree."""
    html = markdown.markdown(fields_to_html(body), extensions=WORD_EXTENSIONS,
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": False}})
    return _element(LexborHTMLParser(f"<body>{html}</body>").body)


def site_address(href: str, page_uri: str, site_url: str) -> str:
    """A link as a download needs it: a full address. Links to other pages point at the site."""
    if re.match(r"^[a-zA-Z][\w+.-]*:", href):
        return href
    path, _, anchor = href.partition("#")
    if not path:
        return href
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    if resolved.endswith("index.md"):
        resolved = resolved[: -len("index.md")]
    elif resolved.endswith(".md"):
        resolved = resolved[: -len(".md")] + "/"
    return site_url.rstrip("/") + "/" + resolved.lstrip("./") + (f"#{anchor}" if anchor else "")
