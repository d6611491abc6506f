"""Search quality: realistic searches find the right page in the top 3.

The queries are data (tests/search_queries.yml). The index is the real built
search/search_index.json, searched the way Material's search worker searches it
(tests/material_search.py), so a change to the guides, the synonyms file or the
search settings shows up here.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import ROOT
from material_search import MaterialSearch, transform_query

QUERIES_FILE = ROOT / "tests" / "search_queries.yml"
REQUIRED_SHARE = 0.90
TOP = 3


def page_location(src_path: str) -> str:
    """docs path -> the address Material's index uses (use_directory_urls: true)."""
    if src_path == "index.md":
        return ""
    if src_path.endswith("/index.md"):
        return src_path[: -len("index.md")]
    return src_path[: -len(".md")] + "/"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


@pytest.fixture(scope="session")
def search_index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def search(search_index) -> MaterialSearch:
    return MaterialSearch(search_index)


def test_queries_file_is_realistic_and_large_enough():
    queries = load_queries()
    assert len(queries) >= 80, f"{QUERIES_FILE.name} has {len(queries)} queries; keep at least 80"
    texts = [q["query"] for q in queries]
    assert len(texts) == len(set(texts)), "a query is listed twice"
    for query in queries:
        assert query["expect"], f"{query['query']!r} has no expected page"


def test_expected_pages_exist(search_index):
    locations = {doc["location"] for doc in search_index["docs"]}
    missing = sorted({page for q in load_queries() for page in q["expect"] if page_location(page) not in locations})
    assert not missing, f"pages named in {QUERIES_FILE.name} are not in the search index: {missing}"


def test_at_least_90_percent_of_searches_find_an_expected_page_in_the_top_3(search):
    queries = load_queries()
    misses = []
    for query in queries:
        expected = [page_location(page) for page in query["expect"]]
        top = search.pages(query["query"], limit=TOP)
        if not set(expected) & set(top):
            misses.append(f"  {query['query']!r}: got {[p or '(home)' for p in top]}, expected one of {query['expect']}")
    share = 1 - len(misses) / len(queries)
    print(f"\nSearch quality: {len(queries) - len(misses)} of {len(queries)} queries ({share:.0%}) "
          f"have an expected page in the top {TOP}.")
    if misses:
        print("Misses:\n" + "\n".join(misses))
    assert share >= REQUIRED_SHARE, (
        f"only {share:.0%} of searches find an expected page in the top {TOP} (need {REQUIRED_SHARE:.0%}). "
        "Misses:\n" + "\n".join(misses)
    )


def test_spellings_of_the_same_thing_find_the_same_page(search):
    """The content map's synonyms find the same page, near the top."""
    groups = {
        "devices-and-wifi/wifi/": ["wifi", "wi-fi", "wi fi", "WiFi", "wireless"],
        "devices-and-wifi/staff-own-phones/": ["own phone", "BYOD", "personal phone", "bring your own device"],
        "keeping-information-safe/data-protection-basics/": ["GDPR", "data protection", "gpdr"],
        "care-records/dscr-explained/": ["care plan app", "digital social care record", "DSCR"],
    }
    for page, spellings in groups.items():
        for text in spellings:
            assert page in search.pages(text, limit=2), (text, search.pages(text, limit=3))


def test_urgent_words_put_the_something_gone_wrong_pathway_first(search):
    for text in ["hacked", "we've been hacked", "scam", "lost phone", "sent to the wrong person", "ransomware"]:
        assert search.pages(text, limit=1) == ["pathways/something-gone-wrong/"], (text, search.pages(text, limit=3))


def test_search_words_are_in_the_index_but_not_on_any_page(built_site, search_index):
    """The synonyms are searched but never shown or printed: a misspelling only the
    synonyms file has must be in the index and in no HTML page."""
    fields = search_index["config"]["fields"]
    assert fields["keywords"]["boost"] > fields["text"]["boost"]
    wifi = next(doc for doc in search_index["docs"] if doc["location"] == "devices-and-wifi/wifi/")
    assert "wify" in wifi["keywords"]
    pages_with_it = [p for p in built_site.rglob("*.html") if re.search(r"\bwify\b", p.read_text(encoding="utf-8"), re.I)]
    assert not pages_with_it


@pytest.mark.parametrize("typed, sent_to_lunr", [
    ("wifi", "wifi*"),
    ("wi-fi", "wi-fi* wi-fi*"),
    ("wi fi", "wi* fi*"),
    ('"data protection"', "+data +protection"),
    ("  lost   phone ", "lost* phone*"),
    ("wifi~", "wifi~1"),
])
def test_queries_are_transformed_like_materials_worker(typed, sent_to_lunr):
    assert transform_query(typed, re.compile(r"[\s\-]+")) == sent_to_lunr
