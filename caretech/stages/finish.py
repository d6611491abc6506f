"""Stage 3, finish: everything done to a built site folder, whatever engine built it.

In order:
1. guides' SVG diagrams go inline, so they follow the colour scheme (caretech/site/diagrams.py);
2. every page, <head> included, passes the safety check (caretech/content/safety.py) and gets
   its Content-Security-Policy (caretech/site/csp.py); a page that fails is replaced by a
   notice and the stage stops with every problem, at the file and line it came from;
3. the words people type go into the search index (caretech/site/search_tuning.py), read
   from each page's `<meta name="keywords">` and includes/search-synonyms.yml;
4. source maps and unused search languages are removed (caretech/site/slim_output.py);
5. the phone's files: the web app manifest, its icons, offline-manifest.json and sw.js
   (caretech/site/web_app.py, caretech/site/offline_cache.py); not in the offline copy.

It reads only the site folder and the project's content files, so MkDocs (hooks/, after
every plugin) and `python -m caretech.stages finish` (after Zensical) run the same code.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urljoin

from selectolax.lexbor import LexborHTMLParser

from caretech.build_cache import BuildCache
from caretech.content.safety import content_sources, problems_in_page
from caretech.problems import ContentError, Problem
from caretech.site.csp import load_theme_scripts, secure_page
from caretech.site.diagrams import inline_diagrams
from caretech.site.offline_cache import write_offline_files
from caretech.site.search_tuning import SYNONYMS_FILE, add_to_search_index, load_search_words, words_for_pages
from caretech.site.slim_output import slim_site
from caretech.site.web_app import write_web_app

NOT_BUILT = "<!doctype html><title>Not built</title><p>This page failed the site's safety check.</p>"


@dataclass(frozen=True)
class WebApp:
    """What the phone's home-screen app is called and coloured."""
    name: str
    short_name: str
    description: str
    primary: str
    keep_on_phone: bool = True  # False: sw.js removes itself and what it saved (the kill switch)


@dataclass(frozen=True)
class Finish:
    project: Path
    site: Path
    theme_dirs: Sequence[Path]        # where the templates' inline scripts come from, ours first
    search_languages: Sequence[str] = ("en",)
    directory_urls: bool = True       # guide/ rather than guide.html (the offline copy)
    serving: bool = False             # a preview server adds its own reload script
    web_app: WebApp | None = None     # None: no manifest and no service worker (the offline copy)


def finish(settings: Finish) -> None:
    """Finish the built site in place. Raises ContentError with every problem found."""
    keywords: dict[str, list[str]] = {}
    problems = secure_pages(settings, keywords)
    add_search_words(settings, keywords)
    slim_site(settings.site, list(settings.search_languages))
    if settings.web_app is not None:
        app = settings.web_app
        try:
            write_web_app(settings.site, app.name, app.short_name, app.description, app.primary,
                          BuildCache.for_project(settings.project))
            write_offline_files(settings.site, enabled=app.keep_on_phone)
        except ValueError as error:
            problems.append(Problem("mkdocs.yml", 1, f"Keep this guide on this phone: {error}"))
    if problems:
        raise ContentError(sorted(set(problems)))


def secure_pages(settings: Finish, keywords: dict[str, list[str]] | None = None) -> list[Problem]:
    """Check every page and fill in its policy. From the same reading of each page, notes its
    `<meta name="keywords">` words in `keywords` (by its address), for the search index."""
    site, project = settings.site, settings.project
    theme_scripts = load_theme_scripts(list(settings.theme_dirs))
    problems: list[Problem] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        parsed = LexborHTMLParser(text)  # once: for the diagrams, the policy's script hashes, the safety check and keywords
        if inline_diagrams(parsed, lambda src: _svg(site, page, src)):
            text = parsed.html
        meta = parsed.css_first('head meta[name="keywords"]')
        if keywords is not None and meta is not None:
            words = (meta.attributes.get("content") or "").split(",")
            keywords[page_location(page, settings.directory_urls)] = [word.strip() for word in words]
        text, policy_problems = secure_page(text, theme_scripts, serving=settings.serving, parsed=parsed)
        found = [Problem(f"site/{page}", 1, f"The built page {problem}") for problem in policy_problems]
        source = contributor_file(project, page)
        # The whole page, <head> included: a theme template may print contributed text (a title,
        # a description) without escaping it, wherever it prints it.
        found += problems_in_page(parsed.root, source or f"site/{page}",
                                  lambda: content_sources(project, first=source), whole_page=True)
        problems += found
        path.write_text(NOT_BUILT if found else text, encoding="utf-8")
    return problems


def _svg(site: Path, page: str, src: str) -> str | None:
    """The SVG file a page's <img src> points to, from the built site (facts already put in)."""
    target = posixpath.normpath(unquote(urljoin(page, src)))
    path = site / target
    if target.startswith("..") or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def contributor_file(project: Path, page: str) -> str | None:
    """The file a contributor edits for a built page (`guides/wifi/index.html` ->
    `docs/guides/wifi.md`), for messages; None when no file is found (the 404 page)."""
    stem = page.removesuffix(".html").removesuffix("index").rstrip("/")
    parts = stem.split("/")
    if parts[0] == "pathways" and len(parts) >= 2 and (project / "pathways" / f"{parts[1]}.yml").is_file():
        return f"pathways/{parts[1]}.yml"
    for candidate in (f"docs/{stem}.md", f"docs/{stem}/index.md" if stem else "docs/index.md"):
        if (project / candidate).is_file():
            return candidate
    return None


def page_location(page: str, directory_urls: bool) -> str:
    """A built page's address as the search index writes it: `guides/wifi/` or `guides/wifi.html`."""
    if directory_urls:
        return page.removesuffix("index.html")
    return page


def source_location(src: str, directory_urls: bool) -> str:
    """A page's address from its path in docs/ (`guides/wifi.md`), as MkDocs and Zensical make it."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return folder if directory_urls else f"{folder}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def add_search_words(settings: Finish, keywords: dict[str, list[str]]) -> None:
    """Add each page's keywords and includes/search-synonyms.yml's words to the search index."""
    index_file = settings.site / "search" / "search_index.json"
    if not index_file.exists():  # search is switched off
        return
    # The synonyms file names pages by their path in docs/ (generate has checked that each exists).
    entries = [replace(entry, pages=tuple(source_location(src, settings.directory_urls) for src in entry.pages))
               for entry in load_search_words(settings.project / SYNONYMS_FILE, SYNONYMS_FILE)]
    index = json.loads(index_file.read_text(encoding="utf-8"))
    add_to_search_index(index, words_for_pages(entries, keywords))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    script = index_file.with_suffix(".js")
    if script.exists():  # the offline copy reads the index as a script, in Material's offline plugin's format
        script.write_text(f"var __index = {data}", encoding="utf-8")
