"""Fold our own stylesheets into one file and our own scripts into another, for fewer requests.

Plain Python, no MkDocs: the hook (hooks/bundle.py) passes in the files listed in
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
from typing import Sequence

import rcssmin
import rjsmin

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
