"""Remove from a built site the files no reader's browser ever asks for.

Material ships, into every build:
- source maps (*.map, about 1.3 MB): only a developer's browser tools read them;
- search support for 30 languages (assets/javascripts/lunr/, about 1 MB): its search
  worker loads only the files for the languages the site searches in, and English needs
  none of them (the rules are in Material's worker, `setupSearchLanguages`).

Smaller output means a faster deploy and a smaller offline download. Works on the built
folder alone, so it serves the online and the offline build alike. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

LUNR_DIR = Path("assets/javascripts/lunr")
_MAP_COMMENT = re.compile(rb"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*\Z")


def lunr_files_needed(languages: list[str]) -> set[Path]:
    """The files under lunr/ that Material's search worker loads for these languages."""
    needed: set[Path] = set()
    for language in languages:
        if language == "ja":
            needed.add(Path("tinyseg.js"))
        if language in ("hi", "th"):
            needed.add(Path("wordcut.js"))
        if language != "en":
            needed.add(Path(f"min/lunr.{language}.min.js"))
    if len(languages) > 1:
        needed.add(Path("min/lunr.multi.min.js"))
    if needed:
        needed.add(Path("min/lunr.stemmer.support.min.js"))
    return needed


def unneeded_files(site: Path, languages: list[str]) -> list[Path]:
    """Source maps, and the lunr language files the site's search languages do not use."""
    found = sorted(site.glob("assets/**/*.map"))
    lunr = site / LUNR_DIR
    if lunr.is_dir():
        needed = lunr_files_needed(languages)
        found += sorted(p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr) not in needed)
    return found


def slim_site(site: Path, languages: list[str]) -> int:
    """Delete the unneeded files and the comments that point browsers at source maps.

    Returns the number of bytes saved.
    """
    saved = 0
    for path in unneeded_files(site, languages):
        saved += path.stat().st_size
        path.unlink()
    for folder in sorted((p for p in (site / LUNR_DIR).rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    lunr = site / LUNR_DIR
    if lunr.is_dir() and not any(lunr.iterdir()):
        lunr.rmdir()
    for path in [*site.glob("assets/**/*.js"), *site.glob("assets/**/*.css")]:
        content = path.read_bytes()
        slimmer = _MAP_COMMENT.sub(b"", content)
        if slimmer != content:
            saved += len(content) - len(slimmer)
            path.write_bytes(slimmer)
    return saved
