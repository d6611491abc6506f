"""MkDocs hook: a thin adapter between the build and the `caretech` package.

on_config gives Markdown's abbr extension the site's abbreviations (includes/abbreviations.md)
          as its glossary: caretech/readers/abbreviations.py says why.
on_files  checks every page's front matter and fact references (caretech/facts), puts facts
          into diagrams (docs/**/*.svg), compiles pathways/*.yml and adds the
          generated pathway pages; any mistake stops the build with one plain message.
on_page_markdown  points "Edit this page" at the YAML file for generated pages, and adds
          a "Not sure? Answer a few questions" box to guides that pathway results link to.
on_env    gives templates the one date format (`format_date` filter) and the overdue-review
          notice, worked out against the build's "today" (caretech.readers.dates.build_today),
          and keeps compiled templates in the build cache.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from urllib.parse import urljoin

# `mkdocs serve` loads the hooks again on every rebuild, but Python keeps modules it has
# imported. This hook is listed first: forgetting caretech here makes every hook import the
# engine afresh, so `watch: caretech` in mkdocs.yml really does pick up engine changes.
for _name in [name for name in sys.modules if name == "caretech" or name.startswith("caretech.")]:
    del sys.modules[_name]

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from caretech.build_cache import BuildCache
from caretech.content.front_matter import load_front_matter_schema
from caretech.stages.front_matter import check_page_front_matter
from caretech.readers.review_dates import review_notice
from caretech.facts import expand_text, reference_problems, register_for
from caretech.facts.markdown import with_facts_folder
from caretech.pathways import compile_folder
from caretech.pathways.cross_links import cross_link_box, insert_after_introduction, pathways_by_guide
from caretech.pathways.render import (
    INDEX_PAGE, index_page_path, page_path, render_index_page, render_pathway_index_page, render_pathway_page,
    render_routes_page,
)
from caretech.problems import ContentError, Problem, build_stopped
from caretech.readers.abbreviations import read_abbreviations, with_glossary
from caretech.readers.dates import build_today, format_date

# Generated page -> the file a contributor edits, for "Edit this page".
_edit_sources: dict[str, str] = {}
# Guide -> pathways whose results link to it, for the "Answer a few questions" box.
_pathways_for_guide: dict = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        glossary = read_abbreviations(_project(config))
    except ContentError as error:
        raise PluginError(build_stopped(error.problems))
    config["mdx_configs"] = with_facts_folder(with_glossary(config.mdx_configs, glossary), _project(config))
    return config


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config: MkDocsConfig) -> Files:
    project = _project(config)
    docs = Path(config.docs_dir).resolve()
    titles: dict[str, str] = {}

    register, problems = register_for(project, build_today())
    schema = load_front_matter_schema()
    for file in files.documentation_pages():
        name = (docs / file.src_uri).relative_to(project).as_posix()
        meta, found = check_page_front_matter(file.content_string, name, file.src_uri, schema)
        problems += found + reference_problems(file.content_string, name, register)
        if isinstance(meta.get("title"), str):
            titles[file.src_uri] = meta["title"]

    for file in files.media_files():  # diagrams: facts in their text, put in before any page shows them
        if file.src_uri.endswith(".svg") and "{{" in file.content_string:
            name = (docs / file.src_uri).relative_to(project).as_posix()
            problems += reference_problems(file.content_string, name, register)
            file.content_string = expand_text(file.content_string, register, escape=html.escape)

    pathways, indexes = [], []
    try:
        pathways, indexes = compile_folder(project / "pathways", known_pages=titles.keys(), display_root=project,
                                           register=register)
    except ContentError as error:
        problems += error.problems
    if problems:
        raise PluginError(build_stopped(sorted(set(problems))))

    free_help = config.extra.get("free_help_page")
    _pathways_for_guide.clear()
    _pathways_for_guide.update(pathways_by_guide(pathways))
    _edit_sources.clear()
    generated = {INDEX_PAGE: (render_index_page(pathways, indexes), InclusionLevel.UNDEFINED)}
    for index in indexes:
        generated[index_page_path(index)] = (render_pathway_index_page(index), InclusionLevel.NOT_IN_NAV)
        _edit_sources[index_page_path(index)] = index.source
    for pathway in pathways:
        generated[page_path(pathway)] = (render_pathway_page(pathway, titles, free_help), InclusionLevel.NOT_IN_NAV)
        generated[f"pathways/{pathway.id}/all-routes.md"] = (
            render_routes_page(pathway, f"{config.site_url or ''}pathways/{pathway.id}/all-routes/"), InclusionLevel.NOT_IN_NAV)
        _edit_sources[page_path(pathway)] = _edit_sources[f"pathways/{pathway.id}/all-routes.md"] = pathway.source
    _edit_sources[INDEX_PAGE] = "pathways/"
    for src_uri, (content, inclusion) in generated.items():
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = _edit_sources.get(page.file.src_uri)
    if source and config.edit_uri:
        # edit_uri ends in docs/; pathway files sit beside docs/, not in it.
        page.edit_url = urljoin(config.edit_uri, f"../{source}")
    # Skip pathways the guide already links to in its own words.
    pathways = [p for p in _pathways_for_guide.get(page.file.src_uri, []) if f"pathways/{p.id}/" not in markdown]
    if pathways:
        markdown = insert_after_introduction(markdown, cross_link_box(page.file.src_uri, pathways))
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    today = build_today()
    env.filters["format_date"] = format_date
    env.globals["review_notice"] = lambda next_review, kind="guide": review_notice(next_review, today, kind)
    # Material's page templates and ours, compiled to Python once and kept with the build cache.
    # Jinja compares each with its source, so a changed template is compiled again.
    folder = BuildCache.for_project(_project(config)).kept_folder("templates")
    if folder is not None:
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
