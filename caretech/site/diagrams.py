"""Put a guide's SVG diagrams into the page itself, so they follow the site's colours.

A contributor adds a picture with plain Markdown, an image and a caption block:

    ![What the picture shows, in words](images/broadband-and-wifi.svg)

    /// caption
    Your broadband line and your Wi-Fi are two different things.
    ///

An SVG shown through <img> cannot see the light/dark switch, so each local `.svg` image
is swapped for the SVG's own markup: its alt text becomes the accessible name (role="img"
and aria-label), and the figure gets the `ctg-diagram` class that diagrams.css styles.
The content check (caretech/content/pictures.py) has already refused scripts, styles,
outside links and hard-coded black text, so the markup is safe to put in the page.
"""

from __future__ import annotations

import html
import re
from typing import Callable

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_IN_PARAGRAPH = re.compile(r"<p>\s*(<img\b[^>]*>)\s*</p>", re.I)
_FIGURE_START = re.compile(r"<figure\b([^>]*)>\s*$", re.I)
_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S | re.I)
_SVG_START = re.compile(r"<svg\b([^>]*)>", re.I)
_SIZE = re.compile(r'\s(?:width|height|role|aria-label|class)="[^"]*"')


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value) for name, value in _ATTR.findall(tag)}


def inline_svg(svg: str, alt: str) -> str:
    """The SVG file's markup, ready to sit in a page: one accessible image, sized by CSS."""
    svg = _PROLOGUE.sub("", svg).strip()
    start = _SVG_START.search(svg)
    kept = _SIZE.sub("", start.group(1))
    opening = f'<svg{kept} class="ctg-diagram-svg" role="img" aria-label="{html.escape(alt, quote=True)}">'
    # One line: no blank line can end an HTML block, whatever processes the page next.
    body = " ".join(line.strip() for line in svg[start.end():].splitlines() if line.strip())
    return opening + body


def inline_diagrams(page_html: str, load_svg: Callable[[str], str | None]) -> str:
    """Swap each <img> whose `src` `load_svg` can read (a local .svg) for the SVG itself."""

    def swap(img_tag: str) -> str | None:
        attrs = _attributes(img_tag)
        src = attrs.get("src", "")
        if not src.lower().endswith(".svg") or "://" in src:
            return None
        svg = load_svg(src)
        return None if svg is None else inline_svg(svg, attrs.get("alt", ""))

    out: list[str] = []
    position = 0
    for match in _IN_PARAGRAPH.finditer(page_html):
        inline = swap(match.group(1))
        if inline is None:
            continue
        before = page_html[position:match.start()]
        figure = _FIGURE_START.search(before)
        if figure:  # the caption block's <figure>: mark it as a diagram
            before = before[:figure.start()] + f'<figure class="ctg-diagram"{figure.group(1)}>\n'
            out += [before, inline]
        else:  # no caption (the content check fails this): still show it, styled
            out += [before, f'<div class="ctg-diagram">{inline}</div>']
        position = match.end()
    out.append(page_html[position:])
    return "".join(out)
