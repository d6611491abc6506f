"""Keep the hosted site working on a phone with no signal: the file list and the service worker.

After the site is built, `write_offline_files(site, enabled=True)`:
1. fills in the size of the whole site where a page shows it (the "Use it offline" page);
2. writes offline-manifest.json: every file a reader's browser may ask for, with a content
   hash and its size. The worker saves these files when the reader chooses to, and on an
   update keeps the ones whose hash has not changed;
3. writes sw.js at the site root (so its scope is the whole site, under any sub-path) from
   caretech/site/sw.js, with VERSION set to a hash of the manifest: any change to any file
   gives a new worker, which browsers notice on the next visit online.

With `enabled=False` (the kill switch, `extra: keep_on_phone: false` in mkdocs.yml) it writes
the retiring worker (sw-retired.js) instead, and no manifest.
Plain Python: knows nothing of MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from caretech.site.offline import ZIP_NAME

MANIFEST_NAME = "offline-manifest.json"
WORKER_NAME = "sw.js"
SIZE_MARKER = "__CTG_SAVE_SIZE__"   # written by overrides/partials/keep-on-phone.html
_VERSION_MARKER = '"__VERSION__"'
_SOURCES = Path(__file__).parent
# Left out: files a reader's browser never asks for on the web (server-only pages, our own
# outputs, the file:// search shim), and the offline copy's zip (copied in after the build):
# it is for a computer, and a phone that saved the guide does not need it. The templates'
# downloads (downloads/templates/) are saved: staff reach for them when the Wi-Fi fails.
_LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz", MANIFEST_NAME, WORKER_NAME, f"downloads/{ZIP_NAME}"}
_LEFT_OUT_FOLDERS = ("assets/javascripts/iframe-worker/",)
_COMMENT_BLOCK = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.M)


@dataclass(frozen=True)
class OfflineSummary:
    files: int
    bytes: int
    version: str


def files_to_save(site: Path) -> list[Path]:
    """Every file of the built site that the worker saves, in a fixed order."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name not in _LEFT_OUT and not name.startswith(_LEFT_OUT_FOLDERS):
            found.append(path)
    return found


def size_label(total_bytes: int) -> str:
    return f"{total_bytes / 1_000_000:.1f} MB"


def fill_in_size(files: list[Path], label: str) -> int:
    """Write the site's size where a page asks for it; returns how many pages did."""
    pages = 0
    for path in files:
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            if SIZE_MARKER in text:
                path.write_text(text.replace(SIZE_MARKER, label), encoding="utf-8")
                pages += 1
    return pages


def content_hash(data: bytes) -> str:
    """The first 32 hex digits of SHA-256; the worker computes the same with crypto.subtle."""
    return hashlib.sha256(data).hexdigest()[:32]


def build_manifest(site: Path, files: list[Path]) -> dict:
    entries = []
    for path in files:
        data = path.read_bytes()
        entries.append([path.relative_to(site).as_posix(), content_hash(data), len(data)])
    version = content_hash(json.dumps(entries).encode())[:16]
    return {"version": version, "bytes": sum(size for _, _, size in entries), "files": entries}


def strip_comments(script: str) -> str:
    """Drop whole-line comments: the worker's notes are for maintainers, not for phones."""
    return _COMMENT_LINE.sub("", _COMMENT_BLOCK.sub("", script))


def worker_script(version: str) -> str:
    source = (_SOURCES / "sw.js").read_text(encoding="utf-8")
    if _VERSION_MARKER not in source:
        raise ValueError(f"caretech/site/sw.js must contain {_VERSION_MARKER} for the build to fill in")
    return strip_comments(source.replace(_VERSION_MARKER, json.dumps(version)))


def retired_worker_script() -> str:
    return strip_comments((_SOURCES / "sw-retired.js").read_text(encoding="utf-8"))


def write_offline_files(site: Path, enabled: bool = True) -> OfflineSummary:
    """Write offline-manifest.json and sw.js into the built site (see the module's notes)."""
    (site / MANIFEST_NAME).unlink(missing_ok=True)
    if not enabled:
        (site / WORKER_NAME).write_text(retired_worker_script(), encoding="utf-8")
        return OfflineSummary(0, 0, "retired")
    files = files_to_save(site)
    # The size goes in before hashing; writing it changes a page by a few bytes at most.
    fill_in_size(files, size_label(sum(p.stat().st_size for p in files)))
    manifest = build_manifest(site, files)
    (site / MANIFEST_NAME).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    (site / WORKER_NAME).write_text(worker_script(manifest["version"]), encoding="utf-8")
    return OfflineSummary(len(files), manifest["bytes"], manifest["version"])
