"""The Content-Security-Policy every page carries, as a `<meta http-equiv>` (GitHub Pages sets no headers).

The policy lets a page load scripts, styles, pictures and the search index from the site itself
only, and run no inline script except the few the theme writes into every page (for the colour
scheme and saved settings). Those are allowed by their SHA-256 hashes, computed from each built
page, and only if the script comes from a theme template we know (`THEME_SCRIPT_TEMPLATES`):
any other inline script stops the build, although the content safety rules
(caretech/content/safety.py) stop content scripts long before that.

On pages opened from file:// (the offline copy) Chromium matches 'self' to local files, so the
same policy works there; the search worker's iframe shim loads its helper as a file too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from selectolax.lexbor import LexborHTMLParser

# overrides/main.html writes this first thing in <head>; `secure_page` fills it in.
PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="ctg-csp">'

# Theme templates whose inline scripts may run: the allow-list. Their scripts are read from
# the theme itself, so a theme upgrade changes them with no edit here; `{{ … }}` parts may
# be any text that stays inside the quotes around them.
THEME_SCRIPT_TEMPLATES = {
    "partials/javascripts/base.html": "the saved-settings helpers (overrides/partials/javascripts/base.html)",
    "partials/javascripts/palette.html": "the colour scheme a reader chose (Material)",
    "partials/javascripts/content.html": "opening a linked content tab (Material)",
    "partials/javascripts/announce.html": "hiding a dismissed announcement (Material)",
    "partials/javascripts/outdated.html": "the outdated-version banner (Material)",
}

# Script types a browser runs; any other `type` (such as Material's application/json
# settings) is data, needs no hash and cannot run.
_SCRIPT_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5",
}
_TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_TEXT_IN_QUOTES = r"[^\"'\\<>\n]*"


def policy(script_hashes: Iterable[str], serving: bool = False) -> str:
    """The policy for one page. `serving`: `mkdocs serve` adds a live-reload inline script of
    its own to every page, so there inline scripts are allowed (never in a build)."""
    scripts = " ".join(["'self'", *(["'unsafe-inline'"] if serving else [f"'{h}'" for h in sorted(set(script_hashes))])])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",        # no style attributes or <style>: Material sets styles from script only
        "img-src 'self' data:",    # Material's icons in its CSS are data: pictures
        "font-src 'self'",
        "connect-src 'self'",      # the search index
        "worker-src 'self'",       # the search worker (and a service worker, from the site root)
        "manifest-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",      # the search box is a form; it never sends anything away
    ])


def script_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@dataclass(frozen=True)
class ThemeScript:
    template: str
    what: str
    pattern: re.Pattern


def load_theme_scripts(theme_dirs: Sequence[Path]) -> list[ThemeScript]:
    """The allowed inline scripts, read from the first theme folder that has each template."""
    found = []
    for template, what in THEME_SCRIPT_TEMPLATES.items():
        path = next((Path(d) / template for d in theme_dirs if (Path(d) / template).is_file()), None)
        if path is None:
            continue
        source = _TEMPLATE_TAG.sub("", path.read_text(encoding="utf-8"))
        for script in inline_scripts(source):  # read as the built page's scripts are
            parts = _TEMPLATE_VALUE.split(script)
            pattern = re.compile(_TEXT_IN_QUOTES.join(re.escape(p) for p in parts), re.S)
            found.append(ThemeScript(template, what, pattern))
    return found


def inline_scripts(page_html: str | LexborHTMLParser) -> list[str]:
    """The text of every inline script a browser would run, in page order."""
    tree = LexborHTMLParser(page_html) if isinstance(page_html, str) else page_html
    scripts = []
    for node in tree.css("script"):
        attributes = node.attributes
        if "src" in attributes:
            continue
        if (attributes.get("type") or "").strip().lower() not in _SCRIPT_TYPES:
            continue
        scripts.append(node.text(deep=True))
    return scripts


def secure_page(page_html: str, known: Sequence[ThemeScript], serving: bool = False,
                parsed: LexborHTMLParser | None = None) -> tuple[str, list[str]]:
    """The page with its policy filled in, and what is wrong with it (for maintainers).
    `parsed` is `page_html` already parsed, if the caller has it.

    Problems: no placeholder (the template lost it), or an inline script that comes from no
    theme template on the allow-list.
    """
    problems = []
    if PLACEHOLDER not in page_html:
        problems.append("It has no security policy: overrides/main.html must write "
                        f"`{PLACEHOLDER}` first in the `site_meta` block.")
    hashes = []
    for text in inline_scripts(parsed or page_html):
        if any(script.pattern.fullmatch(text) for script in known):
            hashes.append(script_hash(text))
        else:
            shown = " ".join(text.split())[:80]
            problems.append(f"It has an inline script that no known theme template writes: \"{shown}…\". "
                            "If a theme upgrade added it, check what it does, then list its template in "
                            "THEME_SCRIPT_TEMPLATES in caretech/site/csp.py. Our own scripts go in files.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, serving)}">'
    return page_html.replace(PLACEHOLDER, meta, 1), problems
