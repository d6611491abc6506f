"""Fold our own stylesheets into one file and our own scripts into another, for fewer requests.

Plain Python, no MkDocs: the hook (hooks/care_tech_guide.py) passes in the files listed in
mkdocs.yml's `extra_css` and `extra_javascript` and adds the two bundles this returns to the
build. mkdocs.yml stays the one list of source files; a page then asks for one stylesheet and
one script of ours instead of one per source file, which is what delays a first paint on a
slow phone connection.

Each bundle is the files in their listed order, minified (rcssmin and rjsmin: small,
long-maintained, with a C speed-up and a pure-Python fallback), with a hash of its content in
its name, so a returning reader's browser keeps its copy until the content really changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Sequence

import rcssmin
import rjsmin

from caretech.problems import ContentError, Problem

STYLESHEET_FOLDER = "assets/stylesheets"
SCRIPT_FOLDER = "assets/javascripts"
BUNDLE_NAME = "care-tech-guide"


@dataclass(frozen=True)
class Source:
    """One listed file: its path in the site (as listed in mkdocs.yml) and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class Bundle:
    """A built bundle: where it goes in the site and what it holds."""

    path: str
    content: str
    sources: tuple[str, ...]


def bundle_stylesheets(sources: Sequence[Source]) -> Bundle:
    return _bundle(sources, STYLESHEET_FOLDER, "css", rcssmin.cssmin)


def bundle_scripts(sources: Sequence[Source]) -> Bundle:
    # Each file is its own statement list: a newline and a `;` between files stop the
    # end of one file from running into the start of the next.
    return _bundle(sources, SCRIPT_FOLDER, "js", lambda text: rjsmin.jsmin(text).rstrip().rstrip(";") + ";")


def _bundle(sources: Sequence[Source], folder: str, suffix: str, minify) -> Bundle:
    parts = [minify(source.text) for source in sources]
    content = "\n".join(part for part in parts if part.strip(";\n ")) + "\n"
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return Bundle(f"{folder}/{BUNDLE_NAME}.{digest}.min.{suffix}", content, tuple(s.path for s in sources))


@dataclass(frozen=True)
class Listing:
    """The `extra_css` and `extra_javascript` lists, and the config file they are written in."""

    config_name: str
    config_text: str
    stylesheets: Sequence[str]
    scripts: Sequence[str]
    plain_scripts: Sequence[bool]  # False: the script has `type`, `defer` or `async` set

    def line_of(self, path: str) -> int:
        return next((n for n, line in enumerate(self.config_text.splitlines(), 1) if path in line), 1)


def bundle_listed(listing: Listing, read: Callable[[str], str | None],
                  first_stylesheets: Sequence[Source] = ()) -> tuple[Bundle, Bundle]:
    """The two bundles for the listed files; `read(path)` gives a file of the site's text or None.
    `first_stylesheets` (the theme's palette) go first into ours. Raises ContentError."""
    problems: list[Problem] = []

    def sources(paths: Sequence[str], setting: str) -> list[Source]:
        found = []
        for path in paths:
            text = None if "://" in path else read(path)
            if text is None:
                problems.append(Problem(listing.config_name, listing.line_of(path),
                                        f"`{path}` in `{setting}` is not a file of this site.",
                                        "Put the file in overrides/assets/ (or docs/) and list its path as it is under that folder."))
            else:
                found.append(Source(path, text))
        return found

    for path, plain in zip(listing.scripts, listing.plain_scripts):
        if not plain:
            problems.append(Problem(listing.config_name, listing.line_of(path),
                                    f"`{path}` in `extra_javascript` has `type`, `defer` or `async` set.",
                                    "List it as a plain path: every script is loaded from one bundle, in list order."))
    css = sources(listing.stylesheets, "extra_css")
    js = sources(listing.scripts, "extra_javascript")
    if problems:
        raise ContentError(problems)
    return bundle_stylesheets([*first_stylesheets, *css]), bundle_scripts(js)
