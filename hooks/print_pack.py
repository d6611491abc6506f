"""MkDocs hook: a printable page per section (`<section>/print.md`), combining its guides.

on_files          adds one small generated page per section of the menu (not in the menu
                  itself): its title, a sentence and the list of guides.
on_page_markdown  links each section's index page to its pack, and drops "Edit this page"
                  from packs (there is no file to edit).
on_env            fills each pack with its guides' finished HTML. MkDocs runs it after every
                  page's content is rendered (and every on_page_content hook has run) and before
                  any template is, so each guide is converted from Markdown once. The pack's
                  table of contents lists the guides and their parts. content_safety.py still
                  checks the finished pack page (on_post_page).
caretech.site.print_pack does the work.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from caretech.readers.front_matter import read_front_matter
from caretech.site.print_pack import (
    RenderedGuide, Section, assemble_pack, pack_link_markdown, pack_page_markdown, sections_in_nav,
)

# Section index page -> its section, for the link; pack page -> its section.
_sections: dict[str, Section] = {}
_packs: dict[str, Section] = {}


def _title(file: File, fallback: str) -> str:
    return str(read_front_matter(file.content_string).data.get("title") or fallback)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _sections.clear()
    _packs.clear()
    pages = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    for section in sections_in_nav(config.nav, pages):
        index = files.get_file_from_path(section.index)
        guides = [files.get_file_from_path(src) for src in section.guides]
        if index is None or None in guides:
            continue  # a menu entry with no file: MkDocs itself reports that
        content = pack_page_markdown(_title(index, section.folder), [(g.src_uri, _title(g, g.src_uri)) for g in guides])
        files.append(File.generated(config, section.pack, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        _sections[section.index] = section
        _packs[section.pack] = section
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if src in _packs:
        page.edit_url = None
    if src in _sections:
        markdown += pack_link_markdown(_sections[src])
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    for pack_src, section in _packs.items():
        pack = files.get_file_from_path(pack_src).page
        guides = [files.get_file_from_path(src) for src in section.guides]
        added = assemble_pack(pack.url, [
            RenderedGuide(g.src_uri, g.page.url, read_front_matter(g.content_string).data, g.page.content)
            for g in guides
        ], config.site_url or "")
        pack.content += added.html
        # Under the pack's own title (level 1), as Material's contents list expects.
        (title,) = pack.toc
        title.children += get_toc(added.toc)
        pack.present_anchor_ids |= added.ids
    return env
