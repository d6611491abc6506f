"""Read a built page as a reader sees it: the article's text, block by block.

scripts/readability.py and tests/test_readability.py measure the rendered pages (what readers
actually get, after boxes, abbreviations and the theme have done their work), not the Markdown.
Each heading, paragraph, list item, table cell and box title is its own block, as in
markdown_text.py, so both count sentences the same way. Code, scripts, icons and buttons are
left out.
"""

from __future__ import annotations

from html.parser import HTMLParser

# A new block starts and ends at each of these.
_BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "div", "ul", "ol",
    "table", "tr", "thead", "tbody", "details", "summary", "blockquote", "figcaption", "section",
    "header", "footer", "aside", "nav", "form", "br", "hr",
}
# Nothing inside these is prose.
_SKIP_TAGS = {"script", "style", "pre", "svg", "button", "template", "noscript"}
_SKIP_CLASSES = {"md-content__button", "headerlink", "md-source-file"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}


class _ArticleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buffer: list[str] = []
        self._article_depth = 0   # open tags inside <article>; 0 = outside
        self._skip_depth = 0      # open tags inside something we skip

    def handle_starttag(self, tag, attrs):
        if self._article_depth == 0:
            if tag == "article":
                self._article_depth = 1
            return
        if tag not in _VOID_TAGS:
            self._article_depth += 1
            classes = set((dict(attrs).get("class") or "").split())
            if self._skip_depth or tag in _SKIP_TAGS or classes & _SKIP_CLASSES:
                self._skip_depth += 1
                return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if self._article_depth == 0 or tag in _VOID_TAGS:
            return
        self._article_depth -= 1
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag in _BLOCK_TAGS or self._article_depth == 0:
            self._flush()

    def handle_data(self, data):
        if self._article_depth and not self._skip_depth:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.blocks.append(text)
        self._buffer = []


def article_blocks(html: str) -> list[str]:
    """The text blocks of the page's <article> (Material puts the page content there)."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return parser.blocks
