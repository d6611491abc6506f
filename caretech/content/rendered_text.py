"""Read a built page as a reader sees it: the article's text, block by block.

scripts/readability.py and tests/test_readability.py measure the rendered pages (what readers
actually get, after boxes, abbreviations and the theme have done their work), not the Markdown.
Each heading, paragraph, list item, table cell and box title is its own block, as in
markdown_text.py, so both count sentences the same way. Code, scripts, icons and buttons are
left out.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

# A new block starts and ends at each of these.
_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "ul", "ol",
    "table", "tr", "thead", "tbody", "details", "summary", "blockquote", "figcaption", "section",
    "header", "footer", "aside", "nav", "form", "br", "hr",
}
# Nothing inside these is prose.
_SKIP_TAGS = {"script", "style", "pre", "svg", "button", "template", "noscript"}
_SKIP_CLASSES = {"md-content__button", "headerlink", "md-source-file"}


def _walk(node: LexborNode, blocks: list[str], buffer: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            buffer.append(child.text_content or "")
        elif not tag.startswith("-"):
            classes = set((child.attributes.get("class") or "").split())
            if tag in _SKIP_TAGS or classes & _SKIP_CLASSES:
                pass
            elif tag in _BLOCK_TAGS:
                _flush(blocks, buffer)
                _walk(child, blocks, buffer)
                _flush(blocks, buffer)
            else:
                _walk(child, blocks, buffer)
        child = child.next


def _flush(blocks: list[str], buffer: list[str]) -> None:
    text = " ".join("".join(buffer).split())
    if text:
        blocks.append(text)
    buffer.clear()


def article_blocks(html: str) -> list[str]:
    """The text blocks of the page's <article> (Material puts the page content there)."""
    blocks: list[str] = []
    for article in LexborHTMLParser(html).css("article"):
        buffer: list[str] = []
        _walk(article, blocks, buffer)
        _flush(blocks, buffer)
    return blocks
