"""Stage 1, generate: the pages and files made from content before any engine runs.

From docs/, pathways/, facts/ and includes/, it checks every page's front matter and fact
references, then makes:
- the pathway pages, their "All routes" pages, index pages and the Pathways page;
- template pages and their Word or Excel downloads, worksheets in the pages that ask for one;
- a print pack per section of the menu, and its link on the section's page;
- the "Answer a few questions" box on guides that pathway results link to;
- diagrams (SVG) with their facts put in;
- the maintainers' review-due page.
Any mistake in content stops it with every problem at once (ContentError).

The result is a set of pages and files on top of docs/: `Generated.pages` are new or changed
Markdown pages, `Generated.files` other new or changed files. MkDocs takes them in memory
(hooks/); `write_docs_folder` writes docs/ and them into one folder for any other engine.
"""

from __future__ import annotations

import datetime
import html
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from caretech.build_cache import BuildCache
from caretech.content.front_matter import load_front_matter_schema
from caretech.facts import expand_page, expand_text, reference_problems, register_for
from caretech.pathways import compile_folder
from caretech.pathways.cross_links import cross_link_box, insert_after_introduction, pathways_by_guide
from caretech.pathways.render import (
    INDEX_PAGE, index_page_path, page_path, render_index_page, render_pathway_index_page, render_pathway_page,
    render_routes_page, routes_page_path,
)
from caretech.problems import ContentError, Problem
from caretech.readers.front_matter import read_front_matter
from caretech.site.guide_end import guide_end_html
from caretech.site.print_pack import pack_link_markdown, pack_page_markdown, sections_in_nav
from caretech.site.search_tuning import SYNONYMS_FILE, check_pages, load_search_words
from caretech.stages.front_matter import check_page_front_matter
from caretech.stages.review_report import PAGE as REVIEW_PAGE, review_page
from caretech.templates import build_download, load_templates
from caretech.templates.fields import YOUR_DETAILS, fields_to_html
from caretech.templates.page import (CALCULATOR_MARKER, DETAILS_MARKER, Download, details_form_html, insert_calculators,
                                     template_page)
from caretech.templates.source import FOLDER as TEMPLATES


@dataclass(frozen=True)
class Generate:
    project: Path
    today: datetime.date
    site_url: str = ""
    nav: Sequence | None = None          # mkdocs.yml's `nav`, for the print packs
    free_help_page: str | None = None    # mkdocs.yml's `extra.free_help_page`
    docs_dir: str = "docs"
    # A print pack is filled with its guides' finished HTML by the engine adapter (hooks/); an
    # engine without one (Zensical) gets no packs rather than empty ones.
    print_packs: bool = True

    @property
    def docs(self) -> Path:
        return self.project / self.docs_dir


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)     # path in docs/ -> Markdown, new or changed
    files: dict[str, bytes | str] = field(default_factory=dict)  # path in docs/ -> other new or changed files
    not_in_nav: set[str] = field(default_factory=set)       # new pages kept out of the menu


def edit_source(src_uri: str) -> str | None:
    """The file a contributor edits for a generated page: a pathway page's YAML; None for pages
    made from several files (print packs, the review-due page)."""
    if src_uri == INDEX_PAGE:
        return "pathways/"
    parts = src_uri.split("/")
    if parts[0] == "pathways" and len(parts) == 3:
        return f"pathways/{parts[1]}.yml"
    return None


def generate(settings: Generate) -> Generated:
    """Everything made before the engine runs. Raises ContentError with every problem found."""
    project, docs = settings.project, settings.docs
    sources = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    out = Generated()
    register, problems = register_for(project, settings.today)
    schema = load_front_matter_schema()

    def display(src: str) -> str:
        return (docs / src).relative_to(project).as_posix()

    metas: dict[str, dict] = {}
    for src, text in sources.items():
        metas[src], found = check_page_front_matter(text, display(src), src, schema)
        problems += found + reference_problems(text, display(src), register)
    titles = {src: meta["title"] for src, meta in metas.items() if isinstance(meta.get("title"), str)}
    for path in sorted(docs.rglob("*.svg")):  # diagrams: facts in their text
        text = path.read_text(encoding="utf-8")
        if "{{" in text:
            src = path.relative_to(docs).as_posix()
            problems += reference_problems(text, display(src), register)
            out.files[src] = expand_text(text, register, escape=html.escape)

    pathways, indexes = [], []
    try:
        pathways, indexes = compile_folder(project / "pathways", known_pages=titles.keys(), display_root=project,
                                           register=register)
    except ContentError as error:
        problems += error.problems
    if problems:
        raise ContentError(sorted(set(problems)))

    out.pages[INDEX_PAGE] = render_index_page(pathways, indexes)
    for index in indexes:
        _add(out, index_page_path(index), render_pathway_index_page(index))
    for pathway in pathways:
        _add(out, page_path(pathway), render_pathway_page(pathway, titles, settings.free_help_page))
        _add(out, routes_page_path(pathway), render_routes_page(pathway, f"{settings.site_url}pathways/{pathway.id}/all-routes/"))
    for guide, linked in pathways_by_guide(pathways).items():
        text = sources.get(guide)
        # Skip pathways the guide already links to in its own words.
        linked = [p for p in linked if text is not None and f"pathways/{p.id}/" not in text]
        if linked:
            out.pages[guide] = insert_after_introduction(text, cross_link_box(guide, linked))

    _add_templates(settings, sources, out, register, schema)
    if settings.print_packs:
        _add_print_packs(settings, {**sources, **out.pages}, titles, out)
    _add(out, REVIEW_PAGE, review_page(project, settings.today))
    for src, text in {**sources, **out.pages}.items():  # sources and dates at the end, for page and print alike
        meta = metas[src] if src in metas else read_front_matter(text).data  # generated pages are read here
        ending = guide_end_html(meta)
        if ending:
            out.pages[src] = text.rstrip("\n") + "\n\n" + ending

    entries = load_search_words(project / SYNONYMS_FILE, SYNONYMS_FILE)
    problems = check_pages(entries, [*sources, *out.pages], SYNONYMS_FILE)
    if problems:
        raise ContentError(problems)
    return out


def _add(out: Generated, src: str, text: str) -> None:
    out.pages[src] = text
    out.not_in_nav.add(src)


def _add_templates(settings: Generate, sources: dict[str, str], out: Generated, register, schema: dict) -> None:
    docs, project = settings.docs, settings.project
    # The same reader the tests use; each page's text with its facts put in, for the download too.
    loaded, problems = load_templates(docs, schema, project, register)
    templates = {t.slug: (t, expand_page(sources[t.src_uri], register)) for t in loaded}

    index_src = f"{TEMPLATES}/index.md"
    index = sources.get(index_src)
    for slug, (template, _) in templates.items():
        if index is None or f"({slug}.md)" not in index:
            problems.append(Problem(f"docs/{index_src}", 1, f"The templates page does not list {slug}.md.",
                                    f"Add a line for it: - [{template.title}]({slug}.md): what it is for."))
    used = {" ".join(name.split()).lower() for template, _ in templates.values() for name in template.fields}
    for name in YOUR_DETAILS:
        if name.lower() not in used:
            problems.append(Problem("caretech/templates/fields.py", 1, f"\"{name}\" is in YOUR_DETAILS but no template uses it.",
                                    "Take it off YOUR_DETAILS, or spell it exactly as the template's `fields:` does."))
    for src, text in sources.items():
        if CALCULATOR_MARKER.search(text):
            text, missing = insert_calculators(out.pages.get(src, text), {s: t for s, (t, _) in templates.items()})
            for name in missing:
                line = sources[src][: sources[src].find(name)].count("\n") + 1
                problems.append(Problem(f"docs/{src}", line, f"There is no worksheet template called `{name}`.",
                                        f"Use the name of a file in docs/{TEMPLATES}/ (without .md) that has a sheet with `lines:`."))
            out.pages[src] = text
    if problems:
        raise ContentError(sorted(set(problems)))

    if index is not None:
        form = details_form_html(YOUR_DETAILS)
        out.pages[index_src] = DETAILS_MARKER.sub(lambda _: form, fields_to_html(index))
    cache = BuildCache.for_project(project)
    for template, text in templates.values():
        try:
            data = build_download(template, settings.site_url, cache, docs)
        except ContentError as error:  # a picture that cannot be read
            problems += error.problems
            continue
        download = Download(template, len(data))
        out.files[download.path] = data
        out.pages[template.src_uri] = template_page(text, download)
    if problems:
        raise ContentError(sorted(set(problems)))


def _add_print_packs(settings: Generate, pages: dict[str, str], titles: dict[str, str], out: Generated) -> None:
    def title(src: str) -> str:
        return titles.get(src) or src

    for section in sections_in_nav(settings.nav, pages):
        if section.index not in pages or any(g not in pages for g in section.guides):
            continue  # a menu entry with no file: the engine reports that
        _add(out, section.pack, pack_page_markdown(title(section.index), [(g, title(g)) for g in section.guides]))
        out.pages[section.index] = pages[section.index] + pack_link_markdown(section)


def write_docs_folder(settings: Generate, generated: Generated, target: Path) -> None:
    """docs/ with the generated pages and files on top, as one folder any engine can build."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(settings.docs, target)
    for src, content in {**generated.files, **generated.pages}.items():
        path = target / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
