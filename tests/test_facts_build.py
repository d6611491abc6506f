"""A fact is written once: change it in facts/ and every built page and download changes with it.

One copy of the project gets a new value for one registered phone number and builds with the
real `mkdocs build`. Every file that showed the old number in the normal build (pages, search
index, Word and spreadsheet downloads) must show the new one, and no file may show the old.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT, run_mkdocs_build

FACT, OLD, NEW = "report-fraud-phone", "0300 123 2040", "0300 999 0000"


def _texts(site: Path) -> dict[str, str]:
    """Every text a reader can get from the site: pages, search index and what is inside downloads."""
    found = {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".json", ".js", ".xml", ".svg", ".md", ".txt"):
            found[name] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                found[name] = "".join(archive.read(entry).decode("utf-8", "replace")
                                      for entry in archive.namelist() if entry.endswith(".xml"))
    return found


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("once") / "project"
    root.mkdir()
    for name in ("docs", "pathways", "facts"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("hooks", "overrides", "includes", "caretech"):
        (root / name).symlink_to(ROOT / name)
    register = root / "facts" / "contacts.yml"
    text = register.read_text(encoding="utf-8")
    assert text.count(OLD) == 1, "the fact is written once in the register"
    register.write_text(text.replace(OLD, NEW), encoding="utf-8")
    result = run_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_the_value_is_typed_in_one_source_file_only():
    sources = [p for folder in ("docs", "pathways", "facts", "overrides", "caretech") for p in (ROOT / folder).rglob("*")
               if p.is_file() and p.suffix in (".md", ".yml", ".svg", ".html", ".js", ".py")]
    typed = [p.relative_to(ROOT).as_posix() for p in sources if OLD in p.read_text(encoding="utf-8", errors="replace")]
    assert typed == ["facts/contacts.yml"]


def test_changing_the_fact_changes_every_page_and_download_that_shows_it(built_site, changed_site):
    before = {name for name, text in _texts(built_site).items() if OLD in text}
    after = _texts(changed_site)
    assert len(before) >= 5 and any(name.endswith(".docx") for name in before), sorted(before)
    still_old = sorted(name for name, text in after.items() if OLD in text)
    assert not still_old, f"still show {OLD}: {still_old}"
    missing = sorted(name for name in before if NEW not in after.get(name, ""))
    assert not missing, f"showed {OLD} before but not {NEW} now: {missing}"
