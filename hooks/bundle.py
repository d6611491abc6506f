"""MkDocs hook: one stylesheet and one script of our own on every page (caretech/site/bundle.py).

on_files  reads the files listed in mkdocs.yml's `extra_css` and `extra_javascript` (from
          overrides/ or docs/), adds one minified, hashed bundle of each to the build in
          their place, and points the pages at the bundles: the stylesheet through
          `extra_css` (Material links it in the page head), the script through
          `extra.bundled_scripts`, which overrides/main.html loads just before Material's
          own script, as search-defer.js in it must run first. Material's palette stylesheet
          goes first into our stylesheet, so a page asks for two stylesheets, not three.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from caretech.problems import Problem, build_stopped
from caretech.site.bundle import Source, bundle_scripts, bundle_stylesheets

_FIX_LIST = "Put the file in overrides/assets/ (or docs/) and list its path as it is under that folder."


def on_files(files: Files, config: MkDocsConfig) -> Files:
    problems: list[Problem] = []
    listing = _Listing(Path(config.config_file_path))
    stylesheets = _sources(files, [str(path) for path in config.extra_css], "extra_css", listing, problems)
    scripts = _sources(files, [_plain_script(script, listing, problems) for script in config.extra_javascript],
                       "extra_javascript", listing, problems)
    if problems:
        raise PluginError(build_stopped(problems))
    palette = _material_palette(files, config)

    css, js = bundle_stylesheets([*palette, *stylesheets]), bundle_scripts(scripts)
    for bundle in (css, js):
        files.append(File.generated(config, bundle.path, content=bundle.content))
    config.extra_css = [css.path]
    config.extra_javascript = []
    config.extra["bundled_scripts"] = [js.path]
    config.extra["palette_in_bundle"] = palette[0].path if palette else None
    return files


_PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")


def _material_palette(files: Files, config: MkDocsConfig) -> list[Source]:
    """Material's colour palette stylesheet, which goes first into our stylesheet: a page then
    waits for two stylesheets before it first paints (Material's main one and ours), not three.
    It is small and changes only with Material, so little is downloaded again when ours changes.
    overrides/main.html takes its link out of the page."""
    if not config.theme.get("palette"):
        return []
    found = [file for file in files if _PALETTE.fullmatch(file.src_uri)]
    if len(found) != 1:
        raise PluginError("hooks/bundle.py: Material's palette stylesheet (assets/stylesheets/palette.*.min.css) "
                          "was not found once in the theme. Material has changed: see overrides/UPSTREAM.toml.")
    files.remove(found[0])
    return [Source(found[0].src_uri, found[0].content_string)]


class _Listing:
    """Where a path is listed in mkdocs.yml, for messages that name the line."""

    def __init__(self, config_file: Path):
        self.name = config_file.name
        self.lines = config_file.read_text(encoding="utf-8").splitlines()

    def line_of(self, path: str) -> int:
        return next((number for number, line in enumerate(self.lines, 1) if path in line), 1)


def _plain_script(script, listing: _Listing, problems: list[Problem]) -> str:
    """The path of a listed script; scripts with their own loading rules cannot share a bundle."""
    path = str(script)
    if getattr(script, "type", "") or getattr(script, "defer", False) or getattr(script, "async_", False):
        problems.append(Problem(listing.name, listing.line_of(path),
                                f"`{path}` in `extra_javascript` has `type`, `defer` or `async` set.",
                                "List it as a plain path: every script is loaded from one bundle, in list order."))
    return path


def _sources(files: Files, paths: list[str], setting: str, listing: _Listing, problems: list[Problem]) -> list[Source]:
    sources = []
    for path in paths:
        file = files.get_file_from_path(path)
        if file is None or "://" in path:
            problems.append(Problem(listing.name, listing.line_of(path), f"`{path}` in `{setting}` is not a file of this site.",
                                    _FIX_LIST))
            continue
        sources.append(Source(path, file.content_string))
        files.remove(file)  # pages only ever ask for the bundle
    return sources
