"""The words a reader sees in a pathway file, sentence by sentence, each with its line in the file.

Used by the content check (house style) and the review report ("as of" facts). Only text
that appears on the page is read: titles, the summary, questions, hints, answer labels,
outcome bodies (Markdown) and actions; ids, `next` and guide paths are not prose.
"""

from __future__ import annotations

import re

from caretech.text.markdown_text import Block, Sentence, blocks, plain_text, sentences
from caretech.nations import NATIONS
from caretech.readers.yaml_source import YamlDocument

_PROSE_KEYS = {"title", "summary", "question", "hint", "label", "body"}
_LIST_KEYS = {"actions", "add_actions"}


def pathway_sentences(document: YamlDocument, raw_lines: list[str]) -> list[Sentence]:
    """Every sentence in file order. YAML can fold text onto fewer lines, so each sentence's
    line is found by looking for its first words in the file."""
    return [Sentence(locate(raw_lines, s.line, s.text), s.text, s.kind) for s in sentences(_blocks(document, raw_lines))]


def _blocks(document: YamlDocument, raw_lines: list[str]) -> list[Block]:
    found: list[Block] = []

    def walk(value, path: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and path:
            where = path[:-1] if path[-1] in NATIONS else path  # an action's line for one nation
            key = where[-1] if isinstance(where[-1], str) else where[-2] if len(where) > 1 else None
            if len(where) > 2 and where[-3] in _LIST_KEYS:  # actions grouped by when: actions: {now: [...]}
                key = where[-3]
            if key not in _PROSE_KEYS | _LIST_KEYS:
                return
            start = document.line_of(path)
            kind = "heading" if key == "title" else "paragraph"
            parts = blocks(value) if key == "body" else [Block(1, kind, plain_text(value))]
            for part in parts:
                found.append(Block(locate(raw_lines, start, part.text), part.kind, part.text))

    walk(document.data, ())
    return found


def locate(raw_lines: list[str], from_line: int, text: str, window: int = 80) -> int:
    """The line where `text` starts: its first three words, searched from `from_line` on,
    skipping Markdown and YAML marks (quotes, brackets, emphasis) between them."""
    first = " ".join(_MARKS.sub(" ", text).split()[:3])
    if not first:
        return from_line
    chunk = "\n".join(raw_lines[from_line - 1:from_line - 1 + window])
    head = first.split()[0]
    at = chunk.find(head)
    while at != -1:
        following = _MARKS.sub(" ", chunk[at:at + len(first) * 2 + 20]).split()
        if " ".join(following).startswith(first):
            return from_line + chunk.count("\n", 0, at)
        at = chunk.find(head, at + 1)
    return from_line


_MARKS = re.compile(r"[*_`\[\]\"'>|(]+")
