"""MkDocs adapter: runs caretech's three build stages (caretech/stages/) inside `mkdocs build`.

on_config         points our Markdown extensions (stage 2) at this project's folder;
on_files          runs stage 1, generate, and adds or replaces its pages and files; folds
                  extra_css and extra_javascript into one bundle each (caretech/site/bundle.py);
on_page_markdown  points "Edit this page" at the file a contributor edits;
on_page_context   gives each page a small menu (caretech/site/nav_prune.py);
on_env            gives templates the date format and the overdue-review notice, fills the
                  print packs with their guides' finished HTML (caretech/site/print_pack.py),
                  and keeps compiled templates in the build cache;
on_post_build     runs stage 3, finish, on the built folder, after every plugin (-300).
Anything MkDocs-only is here; everything else is in caretech/, which any engine can run.
No state is kept between events: each reads what it needs from the config and the files.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from caretech.build_cache import BuildCache
from caretech.content.site_markdown import with_project
from caretech.problems import ContentError, build_stopped
from caretech.readers.dates import build_today, format_date
from caretech.readers.front_matter import read_front_matter
from caretech.readers.review_dates import review_notice
from caretech.site.bundle import Listing, Source, bundle_listed
from caretech.site.nav_prune import PageMenu
from caretech.site.print_pack import RenderedGuide, assemble_pack, sections_in_nav
from caretech.stages.finish import Finish, WebApp, finish
from caretech.stages.generate import Generate, edit_source, generate

_PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config["mdx_configs"] = with_project(config.mdx_configs, _project(config))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    settings = Generate(_project(config), build_today(), config.site_url or "", config.nav,
                        config.extra.get("free_help_page"), Path(config.docs_dir).name)
    try:
        generated = generate(settings)
        css, js = _bundles(files, config)
    except ContentError as error:
        raise PluginError(build_stopped(error.problems))
    for src, content in {**generated.files, **generated.pages}.items():
        if (file := files.get_file_from_path(src)) is None:
            level = InclusionLevel.NOT_IN_NAV if src in generated.not_in_nav else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src, content=content, inclusion=level))
        elif isinstance(content, bytes):
            file.content_bytes = content
        else:
            file.content_string = content
    for bundle in (css, js):
        files.append(File.generated(config, bundle.path, content=bundle.content))
    config.extra_css, config.extra_javascript = [css.path], []
    config.extra["bundled_scripts"] = [js.path]
    return files


def _bundles(files: Files, config: MkDocsConfig):
    """Our stylesheet and script bundles; Material's palette stylesheet goes first into ours."""
    palette = [f for f in files if _PALETTE.fullmatch(f.src_uri)] if config.theme.get("palette") else []
    if len(palette) > 1:
        raise PluginError("Material's palette stylesheet was found more than once: see material-overrides.toml.")
    config.extra["palette_in_bundle"] = palette[0].src_uri if palette else None
    config_file = Path(config.config_file_path)
    scripts = list(config.extra_javascript)
    listing = Listing(config_file.name, config_file.read_text(encoding="utf-8"), [str(p) for p in config.extra_css],
                      [str(s) for s in scripts],
                      [not (getattr(s, "type", "") or getattr(s, "defer", False) or getattr(s, "async_", False)) for s in scripts])

    def read(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return file.content_string if file is not None else None

    bundles = bundle_listed(listing, read, [Source(f.src_uri, f.content_string) for f in palette])
    for path in [*listing.stylesheets, *listing.scripts, *(f.src_uri for f in palette)]:
        files.remove(files.get_file_from_path(path))  # pages only ever ask for the bundles
    return bundles


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by and config.edit_uri:
        source = edit_source(page.file.src_uri)
        # edit_uri ends in docs/; pathway files sit beside docs/, not in it.
        page.edit_url = urljoin(config.edit_uri, f"../{source}") if source else None
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    context["nav"] = PageMenu(nav, Link)
    return context


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    today = build_today()
    env.globals["format_date"] = format_date
    env.filters["split"] = lambda text, separator=None, most=-1: text.split(separator, most)  # as Zensical's has
    env.globals["review_notice"] = lambda next_review, kind="guide": review_notice(next_review, today, kind)
    for section in sections_in_nav(config.nav, [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]):
        if (pack := files.get_file_from_path(section.pack)) is None:
            continue
        guides = [files.get_file_from_path(src) for src in section.guides]
        added = assemble_pack(pack.page.url, [RenderedGuide(g.src_uri, g.page.url, read_front_matter(g.content_string).data,
                                                            g.page.content) for g in guides], config.site_url or "")
        pack.page.content += added.html
        (title,) = pack.page.toc  # under the pack's own title (level 1), as Material's contents list expects
        title.children += get_toc(added.toc)
        pack.page.present_anchor_ids |= added.ids
    # Material's page templates and ours, compiled to Python once and kept with the build cache.
    if (folder := BuildCache.for_project(_project(config)).kept_folder("templates")) is not None:
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


@event_priority(-300)  # after Material's search (0) and offline (-100) plugins have written their files
def on_post_build(config: MkDocsConfig) -> None:
    host, port = config.dev_addr  # `mkdocs serve` points site_url at its own address
    offline = "material/offline" in config.plugins
    palette = config.theme.get("palette") or [{}]
    search = config.plugins.get("material/search") or config.plugins.get("search")
    app = WebApp(config.site_name, config.extra.get("short_name") or config.site_name, config.site_description or "",
                 (palette[0] if isinstance(palette, list) else palette).get("primary", "indigo"),
                 config.extra.get("keep_on_phone", True) is not False)
    try:
        finish(Finish(_project(config), Path(config.site_dir), [Path(d) for d in config.theme.dirs],
                      list(search.config.lang or []) if search else [], config.use_directory_urls,
                      urlsplit(config.site_url or "").netloc == f"{host}:{port}", None if offline else app))
    except ContentError as error:
        raise PluginError(build_stopped(error.problems))
