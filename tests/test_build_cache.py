"""The build cache (caretech/build_cache.py): a file comes back only for the same inputs and the
same code, and a cached download is the very file a fresh build writes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from caretech import build_cache
from caretech.build_cache import BuildCache
from caretech.content.front_matter import load_front_matter_schema
from caretech.templates import build_download, load_templates
from helpers import ROOT, run_mkdocs_build


def test_the_same_inputs_make_the_file_once_and_other_inputs_make_it_again(tmp_path: Path):
    cache = BuildCache(tmp_path)
    made: list[str] = []

    def make(text: str):
        return lambda: (made.append(text), text.encode())[1]

    assert cache.get("kind", ["a", "b"], make("first")) == b"first"
    assert cache.get("kind", ["a", "b"], make("second")) == b"first"  # kept
    assert cache.get("kind", ["ab", ""], make("third")) == b"third"   # not the same inputs run together
    assert cache.get("other", ["a", "b"], make("fourth")) == b"fourth"
    assert made == ["first", "third", "fourth"]
    assert not list(tmp_path.rglob("*.part")), "no half-written files are left"


def test_off_makes_every_file_and_keeps_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CARETECH_CACHE", "off")
    cache = BuildCache.for_project(tmp_path)
    assert cache.folder is None
    assert cache.get("kind", ["a"], lambda: b"1") == b"1"
    assert cache.get("kind", ["a"], lambda: b"2") == b"2"
    monkeypatch.delenv("CARETECH_CACHE")
    assert BuildCache.for_project(tmp_path).folder == tmp_path / ".cache" / "care-tech-guide"


def test_the_key_covers_the_code(tmp_path: Path, monkeypatch):
    """A change to caretech's code or a writer library's version makes every file again."""
    cache = BuildCache(tmp_path)
    cache.get("kind", ["a"], lambda: b"old code")
    monkeypatch.setattr(build_cache, "code_fingerprint", lambda: "other code")
    assert cache.get("kind", ["a"], lambda: b"new code") == b"new code"


def test_a_cached_download_is_byte_for_byte_a_fresh_one_and_a_changed_template_is_written_again(tmp_path: Path):
    [template, *_] = load_templates(ROOT / "docs", load_front_matter_schema(), ROOT)[0]
    cache = BuildCache(tmp_path)
    fresh = build_download(template, "https://example.org/")
    assert build_download(template, "https://example.org/", cache) == fresh  # made and kept
    assert build_download(template, "https://example.org/", cache) == fresh  # from the cache
    assert len(list((tmp_path / "downloads").iterdir())) == 1
    changed = dataclasses.replace(template, title=template.title + " (changed)")
    assert build_download(changed, "https://example.org/", cache) == build_download(changed, "https://example.org/")
    assert build_download(template, "https://example.org/other/", cache) != fresh  # the address is in the file
    assert len(list((tmp_path / "downloads").iterdir())) == 3


def test_a_build_from_the_cache_is_the_same_site_as_a_fresh_build(built_site: Path, filled_build_cache: Path, tmp_path: Path):
    """The shared build (built_site) made every file itself, into an empty cache. A second build
    takes downloads, icons and compiled page templates from that cache; every page, download and
    icon is still the very file the first build wrote. So two builds of the same tree give the
    same site, and the cache changes nothing but the time."""
    cache = tmp_path / "cache"
    shutil.copytree(filled_build_cache, cache)  # a copy: other tests' processes read the shared one
    assert list((cache / "templates").iterdir()), "compiled templates are kept"
    assert list((cache / "downloads").iterdir())
    result = run_mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", cache=cache)
    assert result.returncode == 0, result.stderr
    made = {p.relative_to(built_site) for p in built_site.rglob("*.html")}
    assert made == {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html")}, "the same pages"
    kept = [p for p in built_site.rglob("*") if p.suffix in (".html", ".docx", ".xlsx", ".png", ".css", ".js")]
    assert len(kept) > 100
    different = [str(p.relative_to(built_site)) for p in kept
                 if (tmp_path / "site" / p.relative_to(built_site)).read_bytes() != p.read_bytes()]
    assert not different, different


def test_a_changed_picture_makes_the_download_again(tmp_path: Path):
    """The key holds the pictures' bytes: a drawing redrawn under the same name is a new download."""
    from test_templates import pictured_template

    docs = tmp_path / "docs"
    template = pictured_template(docs)
    cache = BuildCache(tmp_path / "cache")
    first = build_download(template, "https://example.org/", cache, docs)
    assert build_download(template, "https://example.org/", cache, docs) == first  # from the cache
    drawing = docs / "templates" / "images" / "good.svg"
    drawing.write_text(drawing.read_text().replace("#3949ab", "#b71c1c"), encoding="utf-8")
    redrawn = build_download(template, "https://example.org/", cache, docs)
    assert redrawn != first
    assert redrawn == build_download(template, "https://example.org/", docs=docs)  # the fresh file, not a stale one
    assert len(list((tmp_path / "cache" / "downloads").iterdir())) == 2
