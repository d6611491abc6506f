"""Material for MkDocs' site search, reproduced in Python with lunr.py (compatible with lunr.js 2.3.9).

Material builds its lunr index in the browser from `search/search_index.json`. This module
builds the same index from the same file and ranks results the way Material's search
worker does (mkdocs-material 9.8, src/templates/assets/javascripts/integrations/search/):

- tokens: text outside HTML tags, split with the index's `separator`, lower-cased
  (`internal/extract` and `internal/tokenize`); no trimmer, so "phone." stays "phone.";
- pipeline: only the functions named in the index config (English: stopWordFilter);
- fields and boosts from the index config, `b(0)`, and each document's own `boost`;
- the query: `transformSearchQuery` (a `*` after every term, quoted parts made required),
  then lunr's own parser, then Material's re-scoring (`score * (1 + boost ** 2)`, where
  boost is 1 for a page's main entry plus the share of query words found), a re-sort, and
  grouping of sections under their page, in order of each page's best entry.

Try it:  python tests/material_search.py path/to/site/search/search_index.json "wifi keeps dropping"
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lunr.builder import Builder
from lunr.exceptions import QueryParseError
from lunr.query import Query, QueryPresence
from lunr.query_lexer import QueryLexer
from lunr.query_parser import QueryParser
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

_PIPELINE_FUNCTIONS = {"trimmer": trimmer, "stopWordFilter": stop_word_filter, "stemmer": stemmer}
_QUERY_FIELDS = ["title", "text", "tags"]  # the fields Material's query analysis knows


def text_sections(markup: str) -> list[str]:
    """The text between HTML tags, as Material's `extract` finds it."""
    sections, start, stack = [], 0, 0
    for end, char in enumerate(markup):
        if char == "<" and end > start:
            sections.append(markup[start:end])
            start = end
        elif char == ">":
            if markup[start + 1:start + 2] == "/":
                stack -= 1
            elif markup[end - 1:end] != "/":
                stack += 1
            start = end + 1
    if len(markup) > start:
        sections.append(markup[start:])
    return sections


def split(text: str, separator: re.Pattern) -> list[str]:
    return [part for part in separator.split(text) if part]


def tokenize(value, separator: re.Pattern) -> list[str] | None:
    """Material's tokenizer: HTML-aware, split by the separator, lower case."""
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    return [
        token.lower()
        for text in values
        for section in text_sections(str(text))
        for token in split(section, separator)
    ]


def transform_query(query: str, separator: re.Pattern) -> str:
    """Material's `transformSearchQuery`: what the worker hands to lunr's parser."""
    parts = re.split(r'"([^"]+)"', query.strip())
    query = "".join(
        re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", part) if index % 2 else part
        for index, part in enumerate(parts)
    )
    query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
    terms: list[str] = []
    for part in re.split(r"\s+", query):
        terms += _tokenize_query_part(part, separator)
    terms = [f"{term}1" if re.search(r"[~^]$", term) else term for term in terms]
    terms = [term if re.search(r"^[+-]|[~^]\d+$", term) else f"{term}*" for term in terms]
    return " ".join(terms)


def _tokenize_query_part(part: str, separator: re.Pattern) -> list[str]:
    lexer = QueryLexer(part)
    lexer.run()
    terms = []
    for lexeme in lexer.lexemes:
        kind, term, start, end = lexeme["type"], lexeme["string"], lexeme["start"], lexeme["end"]
        if kind == QueryLexer.FIELD and term not in _QUERY_FIELDS:
            part = part[:end] + " " + part[end + 1:]
        elif kind == QueryLexer.TERM:
            for piece in split(term, separator):
                terms.append(part[:start] + piece + part[end:])
    return terms


def _query_clauses(query: str) -> list:
    """Material's `parseSearchQuery`: the clauses, with wildcards taken off the terms."""
    parsed = Query(_QUERY_FIELDS)
    QueryParser(query, parsed).parse()
    for clause in parsed.clauses:
        clause.term = clause.term.removeprefix("*").removesuffix("*")
    return [clause for clause in parsed.clauses if clause.presence != QueryPresence.PROHIBITED]


@dataclass
class Result:
    location: str
    title: str
    score: float


class MaterialSearch:
    """An index built like Material's search worker builds it in the browser."""

    def __init__(self, search_index: dict):
        config = search_index["config"]
        self.separator = re.compile(config["separator"])
        self.docs = search_index["docs"]
        self._by_location = {doc["location"]: doc for doc in self.docs}
        self._parent = {}
        for doc in self.docs:  # Material's setupSearchDocumentMap
            path = doc["location"].split("#")[0]
            if path != doc["location"] and path in self._by_location:
                self._parent[doc["location"]] = path

        builder = Builder()
        builder.b(0)
        for name in config["pipeline"]:
            builder.pipeline.add(_PIPELINE_FUNCTIONS[name])
        if "stemmer" in config["pipeline"]:
            builder.search_pipeline.add(stemmer)
        builder.ref("location")
        for name, spec in config["fields"].items():
            builder.field(name, boost=spec.get("boost", 1),
                          extractor=lambda doc, name=name: tokenize(doc.get(name), self.separator))
        for doc in self.docs:
            builder.add(doc, {"boost": doc["boost"]} if "boost" in doc else {})
        self.index = builder.build()

    @classmethod
    def from_file(cls, path: str | Path) -> "MaterialSearch":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def entries(self, query: str) -> list[Result]:
        """Every matching entry (pages and sections), best first, as the worker scores them."""
        query = transform_query(query, self.separator)
        if not query:
            return []
        try:
            clauses = _query_clauses(query)
            matches = self.index.search(query)
        except QueryParseError:  # the worker shows no results for a query lunr cannot parse
            return []
        results = []
        for match in matches:
            doc = self._by_location.get(match["ref"])
            if doc is None:
                continue
            found = _found_terms(clauses, list(match["match_data"].metadata))
            # Empty only for odd queries such as "*the" (where the worker's score becomes NaN).
            share = sum(found.values()) / len(found) if found else 0.0
            boost = (match["ref"] not in self._parent) + share
            results.append(Result(doc["location"], doc["title"], match["score"] * (1 + boost ** 2)))
        results.sort(key=lambda result: result.score, reverse=True)  # stable, like Array.prototype.sort
        return results

    def pages(self, query: str, limit: int | None = None) -> list[str]:
        """Page locations in the order Material lists them (each page once, by its best entry)."""
        pages: list[str] = []
        for result in self.entries(query):
            page = self._parent.get(result.location, result.location)
            if page not in pages:
                pages.append(page)
        return pages[:limit]


def _found_terms(clauses, matched_terms: list[str]) -> dict[str, bool]:
    """Material's `getSearchQueryTerms`: which query words this entry matched."""
    remaining = list(clauses)
    found: dict[str, bool] = {}
    for term in matched_terms:
        for clause in list(remaining):
            if term.startswith(clause.term):
                found[clause.term] = True
                remaining.remove(clause)
    for clause in remaining:
        if stop_word_filter(clause.term) is not None:
            found[clause.term] = False
    return found


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: python tests/material_search.py site/search/search_index.json 'query' ['query' ...]")
    search = MaterialSearch.from_file(sys.argv[1])
    for text in sys.argv[2:]:
        print(f"{text!r} -> {transform_query(text, search.separator)!r}")
        for rank, page in enumerate(search.pages(text, limit=5), 1):
            print(f"  {rank}. {page or '(home)'}  {search._by_location[page]['title']}")
