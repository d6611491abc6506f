"""Search words: the words people type, added to the site search out of sight.

Material for MkDocs builds its search index in the browser from `search/search_index.json`,
and finds only words that are on a page. So "wifi" finds nothing when every guide says
"Wi-Fi" (its search splits that into "wi" and "fi"). `includes/search-synonyms.yml` maps
everyday words, other spellings and typing mistakes to the pages they should find, and a
guide may add its own `keywords:` in front matter.

At build time these words go into two extra fields of each page's main entry in the
index. Material indexes every field named in the index's `config.fields`, with that
field's boost, but its result list shows only a page's title and text, so the words are
searched but never shown (and they are not in the page's HTML, so never printed).

- `keywords` (boost KEYWORDS_BOOST): words for the page; a match counts half as much as
  a match in a title or heading (boost 1000), and far more than one in the text (boost 1).
  Tried on tests/search_queries.yml: 300, 500, 700 and 1000 found 150, 155, 153 and 156 of
  158; 500 is kept because 1000 loses "can i use my own phone" to pages full of i- words.
- `urgent` (boost URGENT_BOOST): words that mean something has gone wrong ("hacked",
  "scam"); a match outranks a page title (boost 1000), so the pages for a live
  incident come first.

This module knows nothing of MkDocs: caretech/stages/finish.py calls it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Mapping

from caretech.problems import ContentError, Problem
from caretech.readers.schema_check import check_against_schema, load_schema
from caretech.readers.yaml_source import load_yaml

SYNONYMS_FILE = "includes/search-synonyms.yml"
KEYWORDS_FIELD = "keywords"
URGENT_FIELD = "urgent"
KEYWORDS_BOOST = 500
URGENT_BOOST = 10_000


@dataclass(frozen=True)
class SearchWords:
    """One entry of the synonyms file."""

    term: str
    pages: tuple[str, ...]
    words: tuple[str, ...]
    urgent: bool = False
    line: int = 1
    page_lines: tuple[int, ...] = ()


@dataclass
class PageWords:
    """The extra search words for one page, each once (ignoring case), in file order."""

    keywords: list[str] = field(default_factory=list)
    urgent: list[str] = field(default_factory=list)


def load_search_words(path: Path, filename: str) -> list[SearchWords]:
    """Read and check the synonyms file. Raises ContentError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(filename, 1, "The search words file is missing.",
                                    "Restore it from the repository (git checkout -- includes/search-synonyms.yml).")])
    document, problems = load_yaml(text, filename)
    if document is None:
        raise ContentError(problems)
    schema = load_schema(files("caretech.site") / "search_synonyms.schema.json")
    problems += check_against_schema(document, schema, filename, _describe)
    if problems:
        raise ContentError(problems)
    return [
        SearchWords(
            term=entry["term"],
            pages=tuple(entry["pages"]),
            words=tuple(entry["words"]),
            urgent=entry.get("urgent", False),
            line=document.line_of(("entries", number)),
            page_lines=tuple(document.line_of(("entries", number, "pages", i)) for i in range(len(entry["pages"]))),
        )
        for number, entry in enumerate(document.data["entries"])
    ]


def _describe(path: tuple, data) -> str:
    """Names a place in the file in words, e.g. "Word 3 of entry `Wi-Fi`"."""
    if len(path) < 2:
        return "The file" if not path else f"`{path[0]}`"
    entry = data["entries"][path[1]] if isinstance(data.get("entries"), list) else {}
    name = f"entry `{entry['term']}`" if isinstance(entry, dict) and isinstance(entry.get("term"), str) \
        else f"entry {path[1] + 1}"
    if len(path) == 2:
        return name[0].upper() + name[1:]
    if len(path) == 3:
        return f"`{path[2]}` of {name}"
    item = {"pages": "Page", "words": "Word"}.get(path[2], "Item")
    return f"{item} {path[3] + 1} of {name}"


def check_pages(entries: Iterable[SearchWords], known_pages: Iterable[str], filename: str) -> list[Problem]:
    """Every page named in the file must be a page of the site (a docs/ file or a pathway)."""
    known = sorted(set(known_pages))
    problems = []
    for entry in entries:
        for page, line in zip(entry.pages, entry.page_lines or (entry.line,) * len(entry.pages)):
            if page in known:
                continue
            close = difflib.get_close_matches(page, known, n=1, cutoff=0.6)
            hint = f"Did you mean {close[0]}? " if close else ""
            problems.append(Problem(
                filename, line,
                f"`{page}` (in entry `{entry.term}`) is not a page on the site.",
                f"{hint}Write the path of a file inside docs/, like devices-and-wifi/wifi.md, "
                "or a pathway, like pathways/wifi-check/index.md.",
            ))
    return problems


def words_for_pages(entries: Iterable[SearchWords], page_keywords: Mapping[str, Iterable[str]]) -> dict[str, PageWords]:
    """Extra search words per page (by its path in docs/): the file's entries, then the page's own keywords."""
    result: dict[str, PageWords] = {}
    for entry in entries:
        for page in entry.pages:
            words = result.setdefault(page, PageWords())
            _add_new(words.keywords, [entry.term, *entry.words])
            if entry.urgent:
                _add_new(words.urgent, entry.words)
    for page, keywords in page_keywords.items():
        _add_new(result.setdefault(page, PageWords()).keywords, keywords)
    return result


def _add_new(words: list[str], more: Iterable[str]) -> None:
    seen = {word.casefold() for word in words}
    for word in more:
        word = " ".join(str(word).split())
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)


def add_to_search_index(index: dict, words_by_location: Mapping[str, PageWords]) -> dict:
    """Add the words to Material's search index (the parsed search_index.json), in place.

    Each page's main entry is the one whose location has no `#`. Pages left out of the
    index (front matter `search: exclude: true`) stay out.
    """
    fields = index["config"]["fields"]
    fields.setdefault(KEYWORDS_FIELD, {"boost": KEYWORDS_BOOST})
    fields.setdefault(URGENT_FIELD, {"boost": URGENT_BOOST})
    for entry in index["docs"]:
        words = words_by_location.get(entry["location"])
        if words is None:
            continue
        if words.keywords:
            entry[KEYWORDS_FIELD] = list(words.keywords)
        if words.urgent:
            entry[URGENT_FIELD] = list(words.urgent)
    return index
