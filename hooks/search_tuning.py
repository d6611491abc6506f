"""MkDocs hook: add the words people type to the site search (see caretech/site/search_tuning.py).

on_files          reads includes/search-synonyms.yml and checks that every page it names
                  exists (list this hook after care_tech_guide.py, which adds the pathways).
on_page_markdown  notes each page's address and its front-matter `keywords`.
on_post_build     writes the words into search/search_index.json, after Material's search
                  plugin has written it (priority 0) and before the offline plugin copies
                  it into search_index.js (priority -100).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from caretech.problems import ContentError, build_stopped
from caretech.site.search_tuning import (
    SYNONYMS_FILE, SearchWords, add_to_search_index, check_pages, load_search_words, words_for_pages,
)

_entries: list[SearchWords] = []
_page_keywords: dict[str, list[str]] = {}   # docs path -> front-matter keywords
_locations: dict[str, str] = {}             # docs path -> address in the search index


def on_files(files: Files, config: MkDocsConfig) -> Files:
    path = Path(config.config_file_path).parent / SYNONYMS_FILE
    try:
        entries = load_search_words(path, SYNONYMS_FILE)
        problems = check_pages(entries, (f.src_uri for f in files.documentation_pages()), SYNONYMS_FILE)
        if problems:
            raise ContentError(problems)
    except ContentError as error:
        raise PluginError(build_stopped(error.problems))
    _entries[:] = entries
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    _locations[src] = page.url
    keywords = page.meta.get("keywords")
    _page_keywords[src] = [str(word) for word in keywords] if isinstance(keywords, list) else []
    return markdown


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.exists():  # search is switched off
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    words = words_for_pages(_entries, _page_keywords)
    by_location = {_locations[src]: page_words for src, page_words in words.items() if src in _locations}
    add_to_search_index(index, by_location)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
