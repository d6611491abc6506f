"""The pictures a Word download shows: each `<img>` in a template, read from docs/ and drawn as PNG.

A template's pictures are SVG drawings in docs/, written `<img src="../images/x.svg" alt="…">`
with the address as the page has it (templates/<slug>/, so ../images/ is docs/templates/images/).
Word and LibreOffice do not all show SVG, so each is drawn as a PNG with resvg (the same bytes on
every build, so the build cache can key the download on them). A picture that cannot be found or
read stops the build with the template's file and line.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import resvg_py

from caretech.problems import ContentError, Problem
from caretech.templates.document import Element, markdown_tree
from caretech.templates.source import FOLDER, Template

PIXELS_WIDE = 340  # sharp on paper at the 2.8 cm the Word writer shows it (about 300 dots an inch)
_FIX = ('Write it as <img src="../images/NAME.svg" alt="What the picture shows.">, with NAME a drawing '
        f"in docs/{FOLDER}/images/.")


@dataclass(frozen=True)
class Picture:
    src: str   # as the template writes it, e.g. ../images/easy-read-safe.svg
    png: bytes


def read_pictures(template: Template, docs: Path | None) -> dict[str, Picture]:
    """Every picture the template shows, by its src. Raises ContentError naming the file and line
    of each one that is not a local SVG drawing, has no alt text, or cannot be found or drawn."""
    pictures: dict[str, Picture] = {}
    problems: list[Problem] = []
    searched_to = 0  # pictures come in the order the text has them: each is found after the last
    for image in _images(markdown_tree(template.body)):
        src = image.attrs.get("src", "")
        found = template.body.find(src, searched_to)
        searched_to = found + len(src) if found >= 0 else searched_to
        line = template.body_line + template.body[:max(found, 0)].count("\n")

        def problem(message: str, fix: str = _FIX) -> None:
            problems.append(Problem(template.source, line, message, fix))

        if not image.attrs.get("alt", "").strip():
            problem(f"The picture {src} has no alt text, so screen readers cannot say what it shows.",
                    'Add alt="…" with a short sentence saying what the picture shows.')
        if src in pictures:
            continue
        path = _local_svg(template, src, docs)
        if path is None:
            problem(f"The picture \"{src}\" is not an SVG drawing in docs/, so it cannot go in the Word download.")
            continue
        try:
            svg = path.read_bytes()
        except OSError:
            problem(f"The picture {src} cannot be found: there is no docs/{path.relative_to(docs).as_posix()}.")
            continue
        try:
            png = bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), width=PIXELS_WIDE, skip_system_fonts=True))
        except (UnicodeError, ValueError) as error:
            problem(f"The picture {src} cannot be read as an SVG drawing ({error}).",
                    "Open it in a drawing program such as Inkscape, save it again as plain SVG, and check it shows "
                    "in a web browser.")
            continue
        pictures[src] = Picture(src, png)
    if problems:
        raise ContentError(problems)
    return pictures


def _images(node: Element):
    for child in node.elements():
        if child.tag == "img":
            yield child
        yield from _images(child)


def _local_svg(template: Template, src: str, docs: Path | None) -> Path | None:
    """The drawing's file, if src is an SVG inside docs/; the page's address is templates/<slug>/."""
    if docs is None or not src.endswith(".svg") or re.match(r"^([a-zA-Z][\w+.-]*:|/)", src):
        return None
    path = posixpath.normpath(posixpath.join(f"{FOLDER}/{template.slug}", src))
    return None if path.startswith("..") else docs / path
