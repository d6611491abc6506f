"""Read a Markdown page as a reader sees it: blocks of plain text, each with its line number.

Used by the content check and the review report. A *block* is a heading, a paragraph, a list item, a table cell or
a box (admonition) title; text_stats counts each block as at least one sentence. Code blocks,
front matter, abbreviation definitions and link addresses are left out: readers do not read
them as prose. Line-based on purpose: it needs to know where each sentence starts, and our
guides use only plain Markdown, boxes and task lists.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from caretech.text.text_stats import split_sentences
from caretech.readers.front_matter import split_front_matter

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BOX = re.compile(r"^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w-]+)*\s*(?:\"(.*)\")?\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_DEFINITION = re.compile(r"^:\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SKIP_LINE = re.compile(r"^(\*\[[^\]]+\]:|\[[^\]^]+\]:\s|--8<--|<!--.*-->\s*$)")
# The start and end of a pymdownx block (`/// caption`, `/// nation | Wales`, `///`): not prose.
_BLOCK_FENCE = re.compile(r"^/{3,}(\s|$)")

_INLINE_CODE = re.compile(r"`+([^`]*)`+")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTR_LIST = re.compile(r"\{\s*[:#.][^}]*\}")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|~~|==)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class Block:
    line: int   # the line the block starts on (1-based, in the whole file)
    kind: str   # heading, paragraph, item, cell or title
    text: str   # plain text; "\n" where the source had a line break


def body_lines(text: str, with_front_matter: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line after the front matter (or all), outside fenced code."""
    lines = text.split("\n")
    in_code = False
    for index in range(0 if with_front_matter else split_front_matter(text)[2], len(lines)):
        line = lines[index]
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if not in_code:
            yield index + 1, line


def strip_code_spans(line: str) -> str:
    return _INLINE_CODE.sub(" ", line)


def plain_text(markdown: str) -> str:
    """Inline Markdown to the words a reader sees: link text without its address, no markup."""
    text = _AUTOLINK.sub(" ", markdown)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _ATTR_LIST.sub("", text)
    text = _HTML_TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def blocks(text: str, first_line: int = 1) -> list[Block]:
    """Every block of prose in a Markdown page (or a Markdown field, starting at `first_line`)."""
    found: list[Block] = []
    current: list[str] = []
    start, kind = 0, "paragraph"

    def finish() -> None:
        nonlocal current
        joined = "\n".join(current).strip()
        if joined:
            found.append(Block(start, kind, plain_text(joined)))
        current = []

    for number, raw in body_lines(text):
        number += first_line - 1
        line = re.sub(r"^(\s*>)+", "", raw).strip()  # quote markers and box indentation
        if not line or _SKIP_LINE.match(line) or _BLOCK_FENCE.match(line):
            finish()
            continue
        heading, box, item = _HEADING.match(line), _BOX.match(line), _LIST_ITEM.match(line)
        definition = _DEFINITION.match(line)
        if heading or box:
            finish()
            title = heading.group(1) if heading else box.group(1)
            if title:
                found.append(Block(number, "heading" if heading else "title", plain_text(title)))
        elif line.startswith("|"):  # a table row: each cell is its own block
            finish()
            if not _TABLE_RULE.match(line):
                for cell in line.strip().strip("|").split("|"):
                    if cell.strip():
                        found.append(Block(number, "cell", plain_text(cell.strip())))
        elif item or definition:
            finish()
            start, kind = number, "item"
            current = [(item or definition).group(1)]
        else:
            if not current:
                start, kind = number, "paragraph"
            current.append(line)
    finish()
    return found



@dataclass(frozen=True)
class Sentence:
    line: int   # the line the sentence starts on
    text: str
    kind: str   # the kind of block it came from


def sentences(found: Iterable[Block]) -> Iterator[Sentence]:
    """Split each block into sentences, keeping the line each one starts on."""
    for block in found:
        for offset, text in split_sentences(block.text):
            yield Sentence(block.line + block.text.count("\n", 0, offset), text, block.kind)


_MD_SPECIAL = "\\`*_{}[]()#+-.!|"


@functools.lru_cache(maxsize=4096)  # an "All routes" page repeats each question many times
def escape_markdown(text: str, keep: str = "") -> str:
    """Text to show as it is inside Markdown: HTML-escaped, Markdown's punctuation backslashed.
    `keep`: punctuation left as Markdown (a template's cells keep their links: "[]()")."""
    special = "".join(c for c in _MD_SPECIAL if c not in keep)
    escaped = html.escape(text, quote=False)
    return re.sub(f"([{re.escape(special)}])", r"\\\1", escaped) if special else escaped
