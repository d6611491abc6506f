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

The page is the finish stage's parsed tree (selectolax), changed in place: the SVG file is
read into it by the same HTML parser a browser uses for an SVG inside a page.
"""

from __future__ import annotations

import re
from typing import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

# A line break and the indentation around it, in the SVG file's text: one space is enough.
_LINE_BREAK = re.compile(r"\s*\n\s*")
# Attributes the page sets itself: the size comes from diagrams.css, the name from the alt text.
_REPLACED = ("width", "height", "role", "aria-label", "class")


def inline_diagrams(page: LexborHTMLParser, load_svg: Callable[[str], str | None]) -> bool:
    """Swap each paragraph that holds only an <img> whose `src` `load_svg` can read (a local
    .svg) for the SVG itself. Changes `page` in place; True if it swapped any."""
    swapped = False
    for paragraph in page.css("p"):
        img = _only_image(paragraph)
        src = (img.attributes.get("src") or "") if img is not None else ""
        if not src.lower().endswith(".svg") or "://" in src:
            continue
        svg_text = load_svg(src)
        if svg_text is None:
            continue
        svg = inline_svg(page, svg_text, img.attributes.get("alt") or "")
        figure = paragraph.parent
        if figure is not None and figure.tag == "figure" and _is_first_element(paragraph, figure):
            # the caption block's <figure>: mark it as a diagram
            figure.attrs["class"] = " ".join(["ctg-diagram", figure.attributes.get("class") or ""]).strip()
            paragraph.replace_with(svg)
        else:  # no caption (the content check fails this): still show it, styled
            holder = page.create_node("div")
            holder.attrs["class"] = "ctg-diagram"
            holder.insert_child(svg)
            paragraph.replace_with(holder)
        swapped = True
    return swapped


def inline_svg(page: LexborHTMLParser, svg_text: str, alt: str) -> LexborNode:
    """The SVG file's <svg> element, read into `page`: one accessible image, sized by CSS,
    without the file's comments or its line breaks."""
    holder = page.create_node("div")
    holder.inner_html = svg_text  # an <?xml?> line or a doctype stays outside the <svg>
    svg = holder.css_first("svg")
    for name in _REPLACED:
        if name in svg.attributes:
            del svg.attrs[name]
    svg.attrs["class"] = "ctg-diagram-svg"
    svg.attrs["role"] = "img"
    svg.attrs["aria-label"] = alt
    for comment in [node for node in svg.traverse(include_text=True) if node.is_comment_node]:
        comment.decompose()
    svg.merge_text_nodes()  # the text either side of a comment
    first = svg.first_child
    for node in [node for node in svg.traverse(include_text=True) if node.is_text_node]:
        text = node.text_content or ""
        if "\n" in text:
            text = _LINE_BREAK.sub(" ", text)
            node.replace_with(text.lstrip() if node.mem_id == first.mem_id else text)
    return svg


def _only_image(paragraph: LexborNode) -> LexborNode | None:
    """The paragraph's <img> if it holds that and nothing else but spaces."""
    children = list(paragraph.iter(include_text=True))
    elements = [child for child in children if not child.is_text_node]
    text = "".join(child.text_content or "" for child in children if child.is_text_node)
    if len(elements) == 1 and elements[0].tag == "img" and not text.strip():
        return elements[0]
    return None


def _is_first_element(node: LexborNode, parent: LexborNode) -> bool:
    first = next((child for child in parent.iter() if child.is_element_node), None)
    return first is not None and first.mem_id == node.mem_id
