"""MkDocs hook: no page may run code from content, and every page carries a strict security policy.

on_page_content  checks each page's rendered content (guides, section pages, generated pathway,
                 print and template pages) with caretech/content/safety.py and notes every problem
                 with the source file and the nearest line;
on_env           stops the build with all of them at once, before any page is written;
on_post_page / on_post_template
                 fill in each page's Content-Security-Policy (caretech/site/csp.py), allowing the
                 theme's own inline scripts by hash; and check the finished page again, since the
                 templates wrap content in more markup and hooks add to it (print packs): the whole page,
                 <head> included. The
                 finished page is parsed once for both. A page that fails is replaced by a notice,
                 and on_post_build stops the build. Runs last (priority -100), after other hooks
                 have changed the page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

from caretech.content.safety import content_sources, problems_in_page
from caretech.problems import Problem, build_stopped
from caretech.site.csp import ThemeScript, load_theme_scripts, secure_page

_content_problems: list[Problem] = []
_page_problems: list[Problem] = []
_theme_scripts: list[ThemeScript] = []
_serving = [False]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # `mkdocs serve` points site_url at its own address (and loads this module again on every
    # rebuild, so a flag set at startup would not last).
    host, port = config.dev_addr
    _serving[0] = urlsplit(config.site_url or "").netloc == f"{host}:{port}"
    _content_problems.clear()
    _page_problems.clear()
    _theme_scripts[:] = load_theme_scripts(config.theme.dirs)
    return config


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _own_source(page: Page, project: Path) -> str | None:
    """The file a contributor edits for this page, as a path inside the project."""
    if page.file.abs_src_path:
        path = Path(page.file.abs_src_path).resolve()
        return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)
    if isinstance(page.meta.get("pathway"), str):  # generated from pathways/<id>.yml
        return f"pathways/{page.meta['pathway']}.yml"
    return None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    project = _project(config)
    own = _own_source(page, project)
    _content_problems.extend(problems_in_page(html, own or f"docs/{page.file.src_uri}",
                                              lambda: content_sources(project, first=own)))
    return html


def on_env(env, config: MkDocsConfig, files: Files):
    if _content_problems:
        raise PluginError(build_stopped(sorted(set(_content_problems))))
    return env


def _secure(output: str, page_file: str, page_src: str | None, config: MkDocsConfig) -> str:
    parsed = LexborHTMLParser(output)  # once: for the policy's script hashes and the content check
    output, problems = secure_page(output, _theme_scripts, serving=_serving[0], parsed=parsed)
    project = _project(config)
    found = [Problem(page_file, 1, f"The built page {problem}") for problem in problems]
    # The whole page, <head> included: a theme template may print contributed text (a title,
    # a description) without escaping it, wherever it prints it.
    found += problems_in_page(parsed.root, page_src or page_file, lambda: content_sources(project, first=page_src),
                              whole_page=True)
    if not found:
        return output
    _page_problems.extend(found)
    return "<!doctype html><title>Not built</title><p>This page failed the site's safety check.</p>"


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _secure(output, f"site/{page.file.dest_uri}", _own_source(page, _project(config)), config)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output  # the sitemap
    return _secure(output, f"site/{template_name}", None, config)


@event_priority(100)
def on_post_build(config: MkDocsConfig) -> None:
    if _page_problems:
        raise PluginError(build_stopped(sorted(set(_page_problems))))
