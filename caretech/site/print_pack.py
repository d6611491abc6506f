"""Print packs: one page per section that combines its guides, to print for a staff folder.

Plain Python, no MkDocs: the hook (hooks/print_pack.py) passes in the site's `nav:` and
the guides' Markdown, and adds the page this returns to the build.

The pack sits beside its guides (`<section>/print.md`), so relative links keep working;
they are still rebased, in case that ever changes. Each guide becomes one level-2
heading (its own headings move down a level) followed by its review dates, its online
address and, at the end, its sources. Heading ids get the guide's name in front
(`wifi--simple-fixes-to-try-first`), so two guides' "What to do next" stay apart, and
links within a guide, or to another guide in the same pack, point inside the page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import markdown
import yaml
from markdown.extensions.toc import slugify

from caretech.readers.dates import format_date
from caretech.readers.front_matter import read_front_matter

PACK_FILE = "print.md"

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATTR_LIST = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
# [text](target "title") and ![alt](target): the target is group 2.
_INLINE_LINK = re.compile(r"(\]\()(<[^>]*>|[^)\s]+)((?:\s+\"[^\"]*\")?\))")
# [label]: target
_REFERENCE = re.compile(r"^([ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*)(<[^>]*>|\S+)(.*)$")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass(frozen=True)
class Guide:
    """A guide as it sits in docs/: its path there and the whole file."""

    src_uri: str
    text: str


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


@dataclass(frozen=True)
class _ReadGuide:
    """A guide read once: its front matter, its Markdown body and its headings (level, id)."""

    src_uri: str
    meta: dict
    body: str
    headings: tuple[tuple[int, str], ...]


def _read(guide: Guide) -> _ReadGuide:
    front = read_front_matter(guide.text)
    return _ReadGuide(guide.src_uri, front.data, front.body, tuple(_headings(front.body)))


def render_print_pack(section_title: str, section: Section, guides: Sequence[Guide], site_url: str) -> str:
    """The Markdown of the pack page, front matter included."""
    read = [_read(g) for g in guides]
    anchors = {g.src_uri: _new_anchors(g) for g in read}
    titles = [(g.src_uri, g.meta.get("title") or g.src_uri) for g in read]
    head = {
        "title": f"{section_title}: every guide on one page",
        "description": f"All the guides in “{section_title}” on one page, to print for a staff folder or a meeting.",
        "print_pack": True,
        "search": {"exclude": True},
    }
    parts = [
        "---\n" + yaml.safe_dump(head, sort_keys=False, allow_unicode=True) + "---\n",
        f"# {_escape(section_title)}: every guide\n",
        f"All {len(guides)} guides in this section, on one page for printing. "
        "Each guide starts on a new sheet of paper.\n",
        "\n".join(f"- [{_escape(str(title))}](#{guide_anchor(src)})" for src, title in titles) + "\n",
    ]
    for guide in read:
        parts.append(_render_guide(guide, section.pack, anchors, site_url))
    return "\n".join(parts)


def _new_anchors(guide: _ReadGuide) -> dict[str, str]:
    """Old heading id -> id in the pack. The guide's title heading becomes the guide's own anchor."""
    prefix = guide_anchor(guide.src_uri)
    mapping = {}
    for number, (level, old_id) in enumerate(guide.headings):
        title = number == 0 and level == 1
        mapping[old_id] = prefix if title else f"{prefix}--{old_id}"
    mapping[""] = prefix  # a link to the guide itself
    return mapping


def _render_guide(guide: _ReadGuide, pack_uri: str, anchors: dict[str, dict[str, str]], site_url: str) -> str:
    meta, body = guide.meta, guide.body
    prefix = guide_anchor(guide.src_uri)
    mine = anchors[guide.src_uri]
    new_ids = [mine[old_id] for _, old_id in guide.headings]
    intro = _guide_intro(meta, guide.src_uri, site_url)
    lines: list[str] = []
    if not guide.headings or guide.headings[0][0] != 1:
        lines += [f"## {_escape(str(meta.get('title', guide.src_uri)))} {{ #{prefix} .ctg-pack-guide }}", "", intro]
    number = 0
    for line, in_code in _lines(body):
        heading = None if in_code else _HEADING.match(line)
        if in_code:
            lines.append(line)
            continue
        if heading:
            level, (text, attrs) = len(heading.group(1)), _split_attrs(heading.group(2))
            text = _rewrite_links(text, guide.src_uri, pack_uri, anchors)
            new_id = new_ids[number]
            number += 1
            if new_id == prefix:
                lines += [f"## {text} {{ #{prefix} .ctg-pack-guide }}", "", intro]
                continue
            extra = re.sub(r"#[\w-]+", "", attrs).strip()
            lines.append(f"{'#' * min(level + 1, 6)} {text} {{ #{new_id}{' ' + extra if extra else ''} }}")
            continue
        line = _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m.group(1)}]", line)
        lines.append(_rewrite_links(line, guide.src_uri, pack_uri, anchors))
    lines += ["", _guide_sources(meta, prefix)]
    return "\n".join(lines) + "\n"


def _lines(body: str):
    """Each line, and whether it is inside a fenced code block (fence lines included)."""
    in_fence = False
    for line in body.splitlines():
        fence = bool(_FENCE.match(line))
        if fence:
            in_fence = not in_fence
        yield line, in_fence or fence


def _guide_intro(meta: dict, src_uri: str, site_url: str) -> str:
    dates = ""
    if meta.get("last_reviewed"):
        dates = f"Last reviewed {format_date(meta['last_reviewed'])}."
        if meta.get("next_review"):
            dates += f" Next review by {format_date(meta['next_review'])}."
        dates += " "
    return f'<p class="ctg-reviewed">{dates}Online: {html.escape(online_address(site_url, src_uri))}</p>\n'


def _guide_sources(meta: dict, prefix: str) -> str:
    sources = [s for s in meta.get("sources") or [] if isinstance(s, dict) and s.get("url")]
    if not sources:
        return ""
    items = "\n".join(f"- [{_escape(str(s.get('title') or s['url']))}]({s['url']})" for s in sources)
    return f"### Sources {{ #{prefix}--sources }}\n\n{items}\n"


def _headings(body: str) -> list[tuple[int, str]]:
    """Each heading's level and the id it gets on the guide's own page (as the toc extension makes them)."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line, in_code in _lines(body):
        heading = None if in_code else _HEADING.match(line)
        if not heading:
            continue
        text, attrs = _split_attrs(heading.group(2))
        explicit = re.search(r"#([\w-]+)", attrs)
        base = explicit.group(1) if explicit else slugify(_plain_text(text), "-")
        candidate, n = base, 0
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        seen.add(candidate)
        found.append((len(heading.group(1)), candidate))
    return found


def _split_attrs(text: str) -> tuple[str, str]:
    match = _ATTR_LIST.search(text)
    if match and ("#" in match.group(1) or "." in match.group(1) or "=" in match.group(1)):
        return text[: match.start()], match.group(1)
    return text, ""


# Text with none of these has no Markdown in it to render.
_MARKUP = re.compile(r"[\\`*_\[\]<>&!]")
_converter = markdown.Markdown()  # one converter, reset per heading: building one costs more than using it


def _plain_text(text: str) -> str:
    if not _MARKUP.search(text):
        return text.strip()
    rendered = _converter.reset().convert(text)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _rewrite_links(line: str, guide_uri: str, pack_uri: str, anchors: dict[str, dict[str, str]]) -> str:
    def target(url: str) -> str:
        bracketed = url.startswith("<")
        raw = url[1:-1] if bracketed else url
        new = _rewrite_target(raw, guide_uri, pack_uri, anchors)
        return f"<{new}>" if bracketed else new

    line = _INLINE_LINK.sub(lambda m: m.group(1) + target(m.group(2)) + m.group(3), line)
    return _REFERENCE.sub(lambda m: m.group(1) + target(m.group(2)) + m.group(3), line)


def _rewrite_target(url: str, guide_uri: str, pack_uri: str, anchors: dict[str, dict[str, str]]) -> str:
    """Links to a guide in the pack (or a heading in one) point inside the pack; others are rebased."""
    if re.match(r"^[a-zA-Z][\w+.-]*:", url) or url.startswith("/"):
        return url  # another site, mailto:, or an absolute path: leave it
    path, _, anchor = url.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(guide_uri), path)) if path else guide_uri
    if resolved in anchors and anchor in anchors[resolved]:
        return "#" + anchors[resolved][anchor]
    if not path:
        return url  # an id that is not a heading: it may not survive, but leave it as written
    rebased = posixpath.relpath(resolved, posixpath.dirname(pack_uri) or ".")
    if path.endswith("/") and not rebased.endswith("/"):
        rebased += "/"
    return rebased + (f"#{anchor}" if anchor else "")


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>])", r"\\\1", text)
