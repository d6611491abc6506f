"""Print packs: one page per section that combines its guides, to print for a staff folder.

Plain Python, no MkDocs. The generate stage (caretech/stages/generate.py) adds each pack as a small Markdown
page (`pack_page_markdown`: title, one sentence, the list of guides) and, once every page is
rendered, appends `assemble_pack`'s HTML to it: the guides' own finished HTML, so each guide's
Markdown is converted once and the pack has all that hooks added (the inline diagrams, ...).

Each guide becomes one level-2 heading (its own headings move down a level) followed by its
review dates, its online address and, at the end, its sources. Every id gets the guide's name
in front (`wifi--simple-fixes-to-try-first`, `wifi--fn:1`), so two guides' "What to do next"
stay apart, and references to them, and links to another guide in the same pack, point inside
the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import yaml
from markdown.extensions.toc import slugify
from selectolax.lexbor import LexborHTMLParser, LexborNode

from caretech.text.markdown_text import escape_markdown

from caretech.site.guide_end import review_dates

PACK_FILE = "print.md"


@dataclass(frozen=True)
class Section:
    """A folder in the menu: its index page and its guides, in menu order."""

    index: str
    guides: tuple[str, ...]

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.index)

    @property
    def pack(self) -> str:
        return pack_path(self.folder)


def pack_path(folder: str) -> str:
    return f"{folder}/{PACK_FILE}"


def sections_in_nav(nav: Sequence | None, pages: Iterable[str]) -> list[Section]:
    """Every section (a folder with an index.md and at least one guide), in menu order.

    With no `nav:` in mkdocs.yml, folders and guides are taken in alphabetical order.
    Only pages in the menu go in a pack (so not the maintainers' pages).
    """
    in_menu = _paths_in_nav(nav) if nav else sorted(pages)
    folders: dict[str, list[str]] = {}
    for path in in_menu:
        folder, name = posixpath.split(path)
        if folder and "/" not in folder:
            folders.setdefault(folder, []).append(name)
    return [
        Section(f"{folder}/index.md", tuple(f"{folder}/{n}" for n in names if n != "index.md"))
        for folder, names in folders.items()
        if "index.md" in names and len(names) > 1
    ]


def _paths_in_nav(nav) -> list[str]:
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _paths_in_nav(value)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            found.append(value)
    return found


def online_address(site_url: str, src_uri: str) -> str:
    """The guide's address on the published site (`section/guide.md` -> `.../section/guide/`)."""
    base = (site_url or "").rstrip("/") + "/"
    return base + src_uri[: -len(".md")] + "/"


def guide_anchor(src_uri: str) -> str:
    return slugify(posixpath.splitext(posixpath.basename(src_uri))[0], "-")


def pack_link_markdown(section: Section) -> str:
    """The paragraph added to the end of a section's index page."""
    count = len(section.guides)
    guides = "guide" if count == 1 else f"all {count} guides"
    return (
        f"\n\n**Printing for a staff folder or a meeting?** "
        f"[Print {guides} in this section on one page]({PACK_FILE}).\n"
    )


def pack_page_markdown(section_title: str, guide_titles: Sequence[tuple[str, str]]) -> str:
    """The pack page's own Markdown: front matter, title, a sentence and the list of guides.

    `guide_titles` is (src_uri, title) for each guide. The guides themselves are added to the
    rendered page later (`assemble_pack`), so no guide's Markdown is converted twice.
    """
    head = {
        "title": f"{section_title}: every guide on one page",
        "description": f"All the guides in “{section_title}” on one page, to print for a staff folder or a meeting.",
        "print_pack": True,
        "search": {"exclude": True},
    }
    guide_list = "\n".join(f"- [{escape_markdown(title)}](#{guide_anchor(src)})" for src, title in guide_titles)
    return "\n".join([
        "---\n" + yaml.safe_dump(head, sort_keys=False, allow_unicode=True) + "---\n",
        f"# {escape_markdown(section_title)}: every guide\n",
        f"All {len(guide_titles)} guides in this section, on one page for printing. "
        "Each guide starts on a new sheet of paper.\n",
        guide_list + "\n",
    ])


@dataclass(frozen=True)
class RenderedGuide:
    """A guide as the build has made it: its file in docs/, its address in the site (which its
    relative links start from), its front matter and its finished HTML."""

    src_uri: str
    url: str
    meta: dict
    html: str


@dataclass(frozen=True)
class PackContent:
    """What `assemble_pack` adds to the pack page."""

    html: str
    toc: list[dict]       # the guides' headings as Python-Markdown's toc tokens (guides at level 2)
    ids: frozenset[str]   # every id in `html`


# The guides' HTML is read with selectolax (their titles, the pack's contents list), but it is
# rewritten with the regular expression below. Why: only the values of a few attributes and the
# heading tags' names change, and every other byte must stay exactly as the build wrote it (the
# page template finds checkboxes by Python-Markdown's `<input type="checkbox" disabled/>`, which a
# parser's serialiser would rewrite), and selectolax gives no positions in the text to splice at.
# The HTML is Python-Markdown's output plus the SVG markup hooks put in: there a `<` in text is
# always written `&lt;`, so every `<` starts a tag, a comment or a declaration, and the pattern
# below finds every tag. Attribute values may be in double or single quotes, or bare; a quoted
# value may hold `>`.
_TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""")
_URL_REFERENCE = re.compile(r"""url\((\s*['"]?)#""")
# Attributes whose value is a list of ids on the same page.
_ID_LISTS = frozenset({
    "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns",
    "aria-flowto", "aria-details", "aria-errormessage", "aria-activedescendant",
})
_LINKS = frozenset({"href", "xlink:href"})
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][\w+.-]*:|/)")  # another site, mailto:, or an absolute path


@dataclass(frozen=True)
class _Anchors:
    """Where a guide's ids go in the pack: its title heading's id becomes the guide's anchor
    (`wifi`), every other id gets the anchor in front (`wifi--what-to-do`)."""

    prefix: str
    title_id: str | None

    def new_id(self, old: str) -> str:
        return self.prefix if not old or old == self.title_id else f"{self.prefix}--{old}"


def assemble_pack(pack_url: str, guides: Sequence[RenderedGuide], site_url: str) -> PackContent:
    """Each guide's HTML, in order, as one part of the pack page (`pack_url` in the site).

    Relative links other than those to a guide in the pack are left as they are. They still
    reach the same file because the pack sits beside its guides: `section/print/` and
    `section/<guide>/` (or `section/print.html` and `section/<guide>.html`), and a guide's
    links to other pages start with `../` (or with nothing), whichever page they are read from.
    """
    for guide in guides:
        if _base_folder(guide.url) != _base_folder(pack_url):
            raise ValueError(f"{guide.url} is not beside {pack_url}: its relative links would break in the pack")
    titles = {guide.src_uri: _title(guide.html) for guide in guides}
    anchors = {
        src: _Anchors(guide_anchor(src), title.attributes.get("id") if title is not None else None)
        for src, title in titles.items()
    }
    by_url = {posixpath.normpath(guide.url): anchors[guide.src_uri] for guide in guides}
    ids: set[str] = set()
    parts = []
    for guide in guides:
        mine = anchors[guide.src_uri]
        rewrite = _Rewriter(mine, posixpath.dirname(guide.url), by_url, ids)
        if titles[guide.src_uri] is not None:  # the guide's own title heading
            before, inside, after = _around_title(guide.html)
            heading = rewrite(inside)
        else:
            before, heading, after = "", html.escape(str(guide.meta.get("title") or guide.src_uri), quote=False), guide.html
        ids.add(mine.prefix)
        parts += [
            rewrite(before) + f'<h2 class="ctg-pack-guide" id="{mine.prefix}">{heading}</h2>',
            _guide_intro(guide.meta, guide.src_uri, site_url) + rewrite(after),  # its ending is in its HTML
        ]
    content = "\n" + "\n".join(part for part in parts if part)
    return PackContent(content, _toc_tokens(content), frozenset(ids))


def _base_folder(url: str) -> str:
    """The folder a page is in: `section` for `section/guide/` and for `section/guide.html`."""
    return posixpath.dirname(url.rstrip("/"))


def _title(guide_html: str) -> LexborNode | None:
    """The guide's title heading: its first heading, if that is an <h1>."""
    first = LexborHTMLParser(guide_html, is_fragment=True).css_first("h1, h2, h3, h4, h5, h6")
    return first if first is not None and first.tag == "h1" else None


def _around_title(guide_html: str) -> tuple[str, str, str]:
    """The guide's HTML before its first <h1>, inside it and after it, split where the rewriter's
    pattern finds its tags (`_title` has found that the guide has one)."""
    opening = None
    for tag in _TAG.finditer(guide_html):
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if name == "h1" and opening is None and not closing:
            opening = tag
        elif name == "h1" and opening is not None and closing:
            return guide_html[:opening.start()], guide_html[opening.end():tag.start()], guide_html[tag.end():]
    raise ValueError("The guide's title heading is not closed.")


class _Rewriter:
    """Rewrites one guide's HTML for the pack: headings one level down, ids prefixed, and every
    reference to them (or to another guide in the pack) pointing at the new ids."""

    def __init__(self, anchors: _Anchors, folder: str, by_url: dict[str, _Anchors], ids: set[str]):
        self.anchors, self.folder, self.by_url, self.ids = anchors, folder, by_url, ids

    def __call__(self, text: str) -> str:
        return _TAG.sub(self._tag, text)

    def _tag(self, match: re.Match) -> str:
        closing, name, attributes = match.groups()
        if name is None:  # a comment
            return match.group(0)
        if len(name) == 2 and name[0] in "hH" and name[1] in "12345":
            name = f"h{int(name[1]) + 1}"
        elif "=" not in attributes:
            return match.group(0)
        if "=" in attributes:
            attributes = _ATTRIBUTE.sub(self._attribute, attributes)
        return f"<{closing}{name}{attributes}>"

    def _attribute(self, match: re.Match) -> str:
        name, equals, quoted = match.groups()
        quote = quoted[0] if quoted[0] in "\"'" else ""
        value = quoted[1:-1] if quote else quoted
        key = name.lower()
        if key == "id":
            value = self.anchors.new_id(value)
            self.ids.add(value)
        elif key in _LINKS:
            value = self._link(value)
        elif key in _ID_LISTS:
            value = " ".join(self.anchors.new_id(v) for v in value.split())
        elif "url(" in value:
            value = _URL_REFERENCE.sub(rf"url(\g<1>#{self.anchors.prefix}--", value)
        else:
            return match.group(0)
        return f"{name}{equals}{quote}{value}{quote}"

    def _link(self, url: str) -> str:
        if url.startswith("#"):
            return "#" + self.anchors.new_id(url[1:]) if len(url) > 1 else url
        if _EXTERNAL.match(url):
            return url
        path, _, fragment = url.partition("#")
        target = self.by_url.get(posixpath.normpath(posixpath.join(self.folder, path)))
        return "#" + target.new_id(fragment) if target else url


def _guide_intro(meta: dict, src_uri: str, site_url: str) -> str:
    dates = review_dates(meta) + " " if meta.get("last_reviewed") else ""
    return f'<p class="ctg-reviewed">{dates}Online: {html.escape(online_address(site_url, src_uri))}</p>\n'


def _toc_tokens(content: str) -> list[dict]:
    """The pack's headings with ids (level 2 and down), nested as Python-Markdown's toc makes them:
    each name is the heading's text, escaped, as the contents list prints it as it is."""
    top: list[dict] = []
    open_tokens: list[dict] = []
    for heading in LexborHTMLParser(content, is_fragment=True).css("h2[id], h3[id], h4[id], h5[id], h6[id]"):
        token = {"level": int(heading.tag[1]), "id": heading.attributes["id"] or "",
                 "name": html.escape(heading.text(deep=True).strip(), quote=False), "children": []}
        while open_tokens and open_tokens[-1]["level"] >= token["level"]:
            open_tokens.pop()
        (open_tokens[-1]["children"] if open_tokens else top).append(token)
        open_tokens.append(token)
    return top
