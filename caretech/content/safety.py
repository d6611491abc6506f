"""What content may not put into a page: the one list of safety rules.

Anyone can propose a change to a guide or a pathway, so nothing they write may run code in
a reader's browser, load things from other sites or change where the page sends people.
The rules read the HTML that Markdown becomes, not the Markdown: attr_list (`{: onclick=… }`),
md_in_html and reference-style links all end up as HTML, whatever way they were typed.

Both the build (caretech/stages/finish.py, on every finished page) and the content check
(caretech/stages/check.py) use `unsafe_markup`, then `locate` to find the source line.

The HTML is read with selectolax's Lexbor parser, which follows the HTML standard's parsing
rules as browsers do. Python's html.parser does not: it reads `<!--><img onerror=…>-->` and
`<![CDATA[><img onerror=…>]]>` as comments, where a browser runs the handler. A sanitiser
such as nh3 would quietly remove what it dislikes; here we refuse instead, so the contributor
learns what is wrong and the page never differs from what they wrote.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from caretech.problems import Problem

# Element -> why content may not use it. Browsers read <noscript> differently from a parser
# (scripts on or off), which can hide markup from a check, so it is refused too.
FORBIDDEN_ELEMENTS = {
    "script": "they run code",
    "noscript": "browsers read what is inside them in two different ways, which can hide code",
    "iframe": "they show another website inside the page",
    "frame": "they show another website inside the page",
    "frameset": "they show other websites inside the page",
    "object": "they run programs or show other websites inside the page",
    "embed": "they run programs or show other websites inside the page",
    "applet": "they run programs",
    "portal": "they show another website inside the page",
    "form": "they can send what people type to another website",
    "base": "they change where every link on the page goes",
    "meta": "they can send readers to another page or change the page's settings",
    "style": "they change how the whole site looks, and the site's security policy blocks them",
    "link": "they load files into the page",
}
# Attributes whose value is an address. SVG animations can set an address too.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background"}
ANIMATION_ELEMENTS = {"animate", "set"}
ANIMATION_URL_ATTRIBUTES = {"values", "to", "from", "by"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Addresses of files a page loads (not links people follow): only from the site itself.
LOADED_FROM = {"src", "poster", "data", "background", "srcset"}

# Browsers ignore tabs, newlines and other control characters inside an address's scheme.
_IGNORED_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f]+")
# The page template splits content at its first </h1>: a tag hidden in an attribute's text
# could come out as markup. Text such as "under 5 < 10" is fine.
_MARKUP = re.compile(r"<[a-zA-Z/!?]")
_OTHER_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)

# Attribute names some rule below looks at (besides `on…` handlers); any other attribute can
# only be unsafe through markup in its text.
_RULED_ATTRIBUTES = URL_ATTRIBUTES | LOADED_FROM | ANIMATION_URL_ATTRIBUTES | {"style"}

_FIX_MARKDOWN = "Use Markdown only. To show a video, a map or a form, link to it instead: [what it is](https://…)."


@dataclass(frozen=True, order=True)
class UnsafeMarkup:
    """One thing in a page's HTML that content may not do."""

    message: str
    fix: str
    clues: tuple[str, ...]  # text to look for in the source file, most telling first


def normalise_address(value: str) -> str:
    """An address as a browser reads its scheme: entities decoded, case and spaces ignored."""
    return _IGNORED_IN_ADDRESS.sub("", html.unescape(value)).lower()


def _unsafe_scheme(value: str) -> str | None:
    address = normalise_address(value)
    return next((scheme for scheme in UNSAFE_SCHEMES if address.startswith(scheme)), None)


def _attribute_problems(tag: str, name: str, value: str, refused: bool) -> list[UnsafeMarkup]:
    name = name.lower()
    shown = value if len(value) <= 60 else value[:57] + "…"
    if name.startswith("on"):
        return [UnsafeMarkup(
            f"`{name}=` attributes are not allowed: they run code when someone uses the page.",
            "Delete it, including any `{: " + name + "=… }` after a link or paragraph. " + _FIX_MARKDOWN,
            (f"{name}=", name))]
    if name == "style":
        return [UnsafeMarkup(
            "`style=` attributes are not allowed: the site's security policy blocks them, so they would not work.",
            "Delete it. The site's own styles handle how pages look; ask a maintainer if something needs a new style.",
            ("style=",))]
    if _MARKUP.search(value):
        return [UnsafeMarkup(
            f"Markup inside an attribute is not allowed (here `{name}=\"{shown}\"`): the site's templates "
            "could read it as part of the page, where it could run code.",
            "Delete the tags from the attribute's text: write words only.",
            (normalise_address(value)[:40], name + "="))]
    addresses = [value] if name in URL_ATTRIBUTES else []
    if tag in ANIMATION_ELEMENTS and name in ANIMATION_URL_ATTRIBUTES:
        addresses = value.split(";")
    found = []
    for address in addresses:
        scheme = _unsafe_scheme(address)
        if scheme:
            found.append(UnsafeMarkup(
                f"`{scheme}` addresses are not allowed (here `{name}=\"{shown}\"`): "
                + ("they can run code." if scheme != "data:" else "they can hide a whole page or a script."),
                "Link to a web page instead: [what it is](https://…), or to another guide: "
                "[guide title](../section/guide.md). Put pictures in docs/ as files.",
                (normalise_address(address), scheme)))
    if name in LOADED_FROM and not found and not refused:  # a refused element says enough
        for address in value.split(",") if name == "srcset" else [value]:
            address = address.strip()
            if _OTHER_SITE.match(normalise_address(address)):
                found.append(UnsafeMarkup(
                    f"Files from other websites are not allowed (here `{name}=\"{shown}\"`): the site never "
                    "loads anything from other sites, and browsers block it.",
                    "Save the picture in docs/ (with permission) and use its path, or link to the page it is on.",
                    (normalise_address(address.split()[0] if address else address), name + "=")))
    return found


# What the theme itself writes around the content that content may not write: its settings in
# <head>, its scripts (caretech/site/csp.py allows the inline ones by hash) and its search and
# colour-scheme forms. Only these shapes pass in a finished page; anything else came from content.
_THEME_META = {"charset": None, "name": {"description", "keywords", "author", "generator", "viewport", "theme-color"},
               "http-equiv": {"content-security-policy"}}
_THEME_LINK_RELS = {"stylesheet", "icon", "canonical", "manifest", "prev", "next", "apple-touch-icon", "alternate"}
_THEME_FORM_CLASSES = {"md-search__form", "md-header__option"}


def _inside(node: LexborNode, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if (parent.tag or "").lower() == tag:
            return True
        parent = parent.parent
    return False


def theme_markup(node: LexborNode) -> bool:
    """Whether a finished page's element is one the theme writes there (never inside <article>)."""
    tag = (node.tag or "").lower()
    in_head = (node.parent.tag or "").lower() == "head" if node.parent is not None else False
    attributes = {name.lower(): (value or "") for name, value in node.attributes.items()}
    if tag == "meta" and in_head:
        kinds = [name for name in _THEME_META if name in attributes]
        if len(kinds) != 1 or set(attributes) - {kinds[0], "content"}:
            return False
        allowed = _THEME_META[kinds[0]]
        return allowed is None or attributes[kinds[0]].lower() in allowed
    if tag == "link" and in_head:
        return attributes.get("rel", "").lower() in _THEME_LINK_RELS
    if tag == "script":
        return not _inside(node, "article")
    if tag == "form":
        return bool(_THEME_FORM_CLASSES & set(attributes.get("class", "").split())) and not _inside(node, "article")
    return False


def unsafe_markup(page_html: str | LexborNode, whole_page: bool = False) -> list[UnsafeMarkup]:
    """Everything in `page_html` (a page's content as text, or a parsed node) that content may
    not do. `whole_page`: it is a finished page, whose theme markup (`theme_markup`) passes."""
    found: list[UnsafeMarkup] = []
    top = LexborHTMLParser(page_html).root if isinstance(page_html, str) else page_html
    for node in top.traverse(include_text=False):
        tag = (node.tag or "").lower()
        refused = tag in FORBIDDEN_ELEMENTS and not (whole_page and theme_markup(node))
        if refused:
            found.append(UnsafeMarkup(
                f"`<{tag}>` elements are not allowed: {FORBIDDEN_ELEMENTS[tag]}.",
                "Delete it. " + _FIX_MARKDOWN, (f"<{tag}",)))
        for name, value in node.attributes.items():
            lowered = name.lower()
            if value and "<" not in value and lowered not in _RULED_ATTRIBUTES and not lowered.startswith("on"):
                continue  # most attributes: a quick look is enough (this runs on every page)
            found += _attribute_problems(tag, name, value or "", refused)
    return sorted(set(found), key=found.index)


# --- finding the source line -------------------------------------------------------------

def _normalised_lines(text: str) -> tuple[str, list[int]]:
    """The text with entities decoded and case and spaces ignored, and each character's line."""
    joined, owners = [], []
    for number, line in enumerate(text.split("\n"), 1):
        plain = normalise_address(line)
        joined.append(plain)
        owners += [number] * len(plain)
    return "".join(joined), owners


def locate(clues: Iterable[str], sources: Sequence[tuple[str, str]]) -> tuple[str, int] | None:
    """The first (file, line) whose text contains a clue, trying the best clue everywhere first.

    `sources` are (file name, text) pairs, the page's own file first. Matching ignores case,
    spaces and entities, so `&#106;ava script:` in a file is found as `javascript:`.
    """
    prepared = [(name, *_normalised_lines(text)) for name, text in sources]
    for clue in clues:
        needle = normalise_address(clue)
        if not needle:
            continue
        for name, text, owners in prepared:
            at = text.find(needle)
            if at >= 0:
                return name, owners[at]
    return None


def article_html(page_html: str) -> str:
    """A finished page's content area (its <article>): content plus the template's own markup."""
    article = article_node(LexborHTMLParser(page_html))
    return article.html if article is not None else ""


def article_node(page: LexborHTMLParser) -> LexborNode | None:
    return page.css_first("article")


_CONTENT_FILES = (("docs", "*.md"), ("includes", "*"), ("pathways", "*.yml"))


def content_sources(project: Path, first: str | None = None) -> list[tuple[str, str]]:
    """(file, text) for every file contributors edit, `first` (a path in the project) first."""
    names = [first] if first else []
    for folder, pattern in _CONTENT_FILES:
        names += sorted(p.relative_to(project).as_posix() for p in (project / folder).rglob(pattern) if p.is_file())
    sources = []
    for name in dict.fromkeys(names):
        try:
            sources.append((name, (project / name).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return sources


def problems_in_page(page_html: str | LexborNode, page_file: str,
                     sources: Callable[[], Sequence[tuple[str, str]]], whole_page: bool = False) -> list[Problem]:
    """Each unsafe thing in a page as a Problem at the source file and line it most likely came from.

    `page_file` names the page when no source has the text. `sources` is only called when
    something is found: (file, text) pairs, the page's own file first. `whole_page`: a finished
    page, <head> included (see `unsafe_markup`).
    """
    found = unsafe_markup(page_html, whole_page)
    if not found:
        return []
    texts = sources()
    problems = []
    for item in found:
        where = locate(item.clues, texts)
        if where:
            problems.append(Problem(where[0], where[1], item.message, item.fix))
        else:
            problems.append(Problem(page_file, 1, item.message + f" We could not find the line: look for `{item.clues[-1]}`.",
                                    item.fix))
    return problems
