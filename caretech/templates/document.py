"""A template's Markdown as a small tree of HTML elements, for the Word and spreadsheet writers.

Python-Markdown (with the extensions the site uses) turns the body into HTML, exactly as
the page gets it; the standard library's HTML parser then gives a tree the writers walk.
Fill-in fields arrive as `<span class="ctg-field">`, as on the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from caretech.templates.fields import fields_to_html

_EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "md_in_html", "pymdownx.tasklist",
               "caretech.nations.markdown"]
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


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


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("body")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def markdown_tree(body: str) -> Element:
    """The body (Markdown, fields as [[name]]) as an element tree."""
    html = markdown.markdown(fields_to_html(body), extensions=_EXTENSIONS,
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": False}})
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


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
