"""The search words file: loading, plain-English errors, and how words reach the search index."""

from __future__ import annotations

import textwrap

import pytest

from caretech.problems import ContentError, build_stopped
from caretech.site.search_tuning import (
    KEYWORDS_FIELD, SYNONYMS_FILE, URGENT_FIELD, SearchWords, add_to_search_index, check_pages,
    load_search_words, words_for_pages,
)
from helpers import DOCS, ROOT


def problems_in(tmp_path, text: str) -> list[str]:
    path = tmp_path / "search-synonyms.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_search_words(path, "includes/search-synonyms.yml")
    return [str(problem) for problem in error.value.problems]


def test_the_shipped_file_loads_and_names_only_real_pages():
    entries = load_search_words(ROOT / SYNONYMS_FILE, SYNONYMS_FILE)
    assert len(entries) >= 30
    pathways = [f"pathways/{p.stem}/index.md" for p in (ROOT / "pathways").glob("*.yml")]
    known = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")] + pathways
    assert check_pages(entries, known, SYNONYMS_FILE) == []
    assert any(entry.urgent for entry in entries)


def test_a_misspelt_field_is_named_with_its_line_and_a_suggestion(tmp_path):
    problems = problems_in(tmp_path, """\
        entries:
          - term: Wi-Fi
            page: [devices-and-wifi/wifi.md]
            words: [wifi]
        """)
    assert any(p.startswith("includes/search-synonyms.yml:3: `page` is not a field") and "Did you mean `pages`?" in p
               for p in problems), problems
    assert any("includes/search-synonyms.yml:2: Entry `Wi-Fi` is missing `pages`." in p for p in problems), problems


def test_a_bare_number_is_explained(tmp_path):
    problems = problems_in(tmp_path, """\
        entries:
          - term: Report a scam text
            pages: [keeping-information-safe/scams.md]
            words: [scam text, 7726]
        """)
    assert problems == ["includes/search-synonyms.yml:4: Word 2 of entry `Report a scam text` must be text in quotes: "
                        "YAML reads `7726` on its own as a number, not as words.\n    How to fix: Put the value in quotes, like \"7726\". "
                        "A word or short phrase people type."]


def test_broken_yaml_names_the_line(tmp_path):
    problems = problems_in(tmp_path, """\
        entries:
          - term: Wi-Fi
            pages: [devices-and-wifi/wifi.md
            words: [wifi]
        """)
    assert problems[0].startswith("includes/search-synonyms.yml:4: This is not valid YAML")


def test_a_page_that_does_not_exist_is_named_with_a_suggestion():
    entry = SearchWords("Wi-Fi", ("devices-and-wifi/wi-fi.md",), ("wifi",), line=7, page_lines=(8,))
    [problem] = check_pages([entry], ["devices-and-wifi/wifi.md", "index.md"], SYNONYMS_FILE)
    assert str(problem).startswith(f"{SYNONYMS_FILE}:8: `devices-and-wifi/wi-fi.md` (in entry `Wi-Fi`) is not a page")
    assert "Did you mean devices-and-wifi/wifi.md?" in problem.fix


def test_words_are_collected_per_page_once_each_with_the_pages_own_keywords():
    entries = [
        SearchWords("Wi-Fi", ("devices-and-wifi/wifi.md", "pathways/wifi-check/index.md"), ("wifi", "wi fi")),
        SearchWords("Broadband", ("devices-and-wifi/wifi.md",), ("WiFi", "fibre")),
        SearchWords("Something has gone wrong", ("pathways/something-gone-wrong/index.md",), ("hacked",), urgent=True),
    ]
    words = words_for_pages(entries, {"devices-and-wifi/wifi.md": ["router", "Wi  fi", "wifi"]})
    assert words["devices-and-wifi/wifi.md"].keywords == ["Wi-Fi", "wifi", "wi fi", "Broadband", "fibre", "router"]
    assert words["pathways/wifi-check/index.md"].keywords == ["Wi-Fi", "wifi", "wi fi"]
    assert words["pathways/something-gone-wrong/index.md"].urgent == ["hacked"]
    assert words["devices-and-wifi/wifi.md"].urgent == []


def test_words_go_into_hidden_fields_of_each_pages_main_entry_only():
    index = {
        "config": {"fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1e6}}},
        "docs": [
            {"location": "devices-and-wifi/wifi/", "title": "Wi-Fi", "text": "..."},
            {"location": "devices-and-wifi/wifi/#checks", "title": "Checks", "text": "..."},
            {"location": "pathways/something-gone-wrong/", "title": "Gone wrong", "text": "..."},
        ],
    }
    words = words_for_pages(
        [SearchWords("Wi-Fi", ("wifi.md",), ("wifi",)), SearchWords("Hacked", ("gone.md",), ("hacked",), urgent=True)],
        {},
    )
    add_to_search_index(index, {"devices-and-wifi/wifi/": words["wifi.md"], "pathways/something-gone-wrong/": words["gone.md"]})
    fields = index["config"]["fields"]
    assert fields[KEYWORDS_FIELD]["boost"] > fields["text"]["boost"]
    assert fields[URGENT_FIELD]["boost"] > fields["title"]["boost"]
    page, section, pathway = index["docs"]
    assert page[KEYWORDS_FIELD] == ["Wi-Fi", "wifi"] and URGENT_FIELD not in page
    assert KEYWORDS_FIELD not in section
    assert pathway[URGENT_FIELD] == ["hacked"]


def test_a_mistake_in_the_file_is_a_plain_message_naming_file_and_line(tmp_path):
    """The generate stage raises these problems; the build prints them with build_stopped."""
    (tmp_path / "includes").mkdir()
    (tmp_path / SYNONYMS_FILE).write_text(
        "entries:\n  - term: Wi-Fi\n    pages: [devices-and-wifi/wifi.md]\n    words: [wifi]\n", encoding="utf-8")
    problems = check_pages(load_search_words(tmp_path / SYNONYMS_FILE, SYNONYMS_FILE), ["index.md"], SYNONYMS_FILE)
    output = build_stopped(problems)
    assert f"{SYNONYMS_FILE}:3: `devices-and-wifi/wifi.md` (in entry `Wi-Fi`) is not a page on the site." in output
