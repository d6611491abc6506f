"""MkDocs hook: a printable page per section (`<section>/print.md`), combining its guides.

on_files          adds one generated page per section of the menu (not in the menu itself);
                  caretech.site.print_pack does the work.
on_page_markdown  links each section's index page to its pack, and drops "Edit this page"
                  from packs (there is no file to edit).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from caretech.readers.front_matter import read_front_matter
from caretech.site.print_pack import Guide, Section, pack_link_markdown, render_print_pack, sections_in_nav

# Section index page -> its section, for the link; pack page paths.
_sections: dict[str, Section] = {}
_packs: set[str] = set()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _sections.clear()
    _packs.clear()
    pages = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
    for section in sections_in_nav(config.nav, pages):
        index = files.get_file_from_path(section.index)
        guides = [files.get_file_from_path(src) for src in section.guides]
        if index is None or None in guides:
            continue  # a menu entry with no file: MkDocs itself reports that
        title = read_front_matter(index.content_string).data.get("title") or section.folder
        content = render_print_pack(
            str(title), section, [Guide(g.src_uri, g.content_string) for g in guides], config.site_url or ""
        )
        files.append(File.generated(config, section.pack, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        _sections[section.index] = section
        _packs.add(section.pack)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if src in _packs:
        page.edit_url = None
    if src in _sections:
        markdown += pack_link_markdown(_sections[src])
    return markdown
