"""Files made by earlier builds, found again by what they were made from.

Writing a template's Word or Excel download, or drawing the phone icons, takes longer than
rendering most pages, and it gives the same bytes until its inputs change (the writers are
reproducible: caretech/templates/reproducible.py). So a build keeps each such file under a
key, a hash of everything it is made from, and the next build reuses it. The key includes
`code_fingerprint()`: every module of caretech/ and the versions of the libraries that write
files, so a change to the code makes every file again.

hooks/care_tech_guide.py keeps Jinja's compiled page templates in the same folder (Jinja
checks each against its template's source).

Like Material's own plugins, the cache lives in `.cache/` in the project (ignored by git), and
the folder can be deleted at any time. Set CARETECH_CACHE=off to build without it (the tests
do, so every test build makes every file itself), or to a folder to keep it there.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable, Iterable

SETTING = "CARETECH_CACHE"
# Libraries whose output ends up in a cached file.
_WRITERS = ("python-docx", "XlsxWriter", "Markdown", "pymdown-extensions", "Pillow")


class BuildCache:
    """A folder of built files by key; `None` makes every file afresh."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def for_project(cls, project: Path) -> BuildCache:
        setting = os.environ.get(SETTING, "")
        if setting.lower() == "off":
            return cls(None)
        return cls(Path(setting) if setting else project / ".cache" / "care-tech-guide")

    def get(self, kind: str, inputs: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
        """The file made from `inputs`: from the cache, or made by `make()` and kept."""
        if self.folder is None:
            return make()
        key = hashlib.sha256(code_fingerprint().encode())
        for part in inputs:
            part = part.encode("utf-8") if isinstance(part, str) else part
            key.update(len(part).to_bytes(8, "big") + part)  # lengths keep ("ab", "c") apart from ("a", "bc")
        path = self.folder / kind / key.hexdigest()
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = make()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(path)  # whole or not at all, even with two builds at once
        except OSError:
            pass  # a read-only checkout builds anyway, just without keeping the file
        return data

    def kept_folder(self, kind: str) -> Path | None:
        """A folder in the cache for another tool to keep its own files in (Jinja's compiled
        templates), or None when the cache is off or the folder cannot be written."""
        if self.folder is None:
            return None
        try:
            (self.folder / kind).mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return self.folder / kind if os.access(self.folder / kind, os.W_OK) else None


NO_CACHE = BuildCache(None)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of caretech/'s code and the file-writing libraries' versions."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".js") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _WRITERS:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()
