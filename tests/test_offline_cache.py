"""Keep this guide on this phone, at build time: the file list with content hashes, the service
worker at the site root, the kill switch, the web app manifest and its icons."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from PIL import Image

from caretech.site.offline_cache import MANIFEST_NAME, SIZE_MARKER, WORKER_NAME, write_offline_files


def make_site(folder: Path) -> Path:
    files = {
        "index.html": "<html><head></head><body>Home</body></html>",
        "use-offline/index.html": f"<p>It takes about <strong>{SIZE_MARKER}</strong>.</p>",
        "assets/javascripts/bundle.0123abcd.min.js": "code();",
        "search/search_index.json": "{}",
        "404.html": "not found",
        "sitemap.xml": "<urlset/>",
        "downloads/care-tech-guide-offline.zip": "zip",
        "downloads/templates/breach-log.xlsx": "xlsx",
        "assets/javascripts/iframe-worker/shim.js": "shim",
    }
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def manifest_of(site: Path) -> dict:
    return json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))


def test_the_manifest_lists_every_file_a_reader_may_open_with_its_hash_and_size(tmp_path):
    site = make_site(tmp_path)
    summary = write_offline_files(site)
    manifest = manifest_of(site)
    paths = [path for path, _, _ in manifest["files"]]
    assert paths == ["assets/javascripts/bundle.0123abcd.min.js", "downloads/templates/breach-log.xlsx", "index.html",
                     "search/search_index.json", "use-offline/index.html"], "templates saved; the zip for computers is not"
    for path, digest, size in manifest["files"]:
        data = (site / path).read_bytes()
        assert digest == hashlib.sha256(data).hexdigest()[:32] and size == len(data)
    assert manifest["bytes"] == summary.bytes == sum(size for _, _, size in manifest["files"])
    page = (site / "use-offline/index.html").read_text(encoding="utf-8")
    assert SIZE_MARKER not in page and re.search(r"<strong>\d+\.\d MB</strong>", page)


def test_the_worker_carries_the_version_and_changes_when_any_file_does(tmp_path):
    site = make_site(tmp_path)
    first = write_offline_files(site)
    worker = (site / WORKER_NAME).read_text(encoding="utf-8")
    assert f'const VERSION = "{first.version}";' in worker
    assert "/*" not in worker and not re.search(r"(?m)^\s*//", worker), "comments are stripped"
    assert write_offline_files(site).version == first.version, "the same files give the same version"
    (site / "search/search_index.json").write_text('{"docs": []}', encoding="utf-8")
    changed = write_offline_files(site)
    assert changed.version != first.version
    assert f'"{changed.version}"' in (site / WORKER_NAME).read_text(encoding="utf-8")


def test_the_kill_switch_writes_a_worker_that_removes_itself_and_no_manifest(tmp_path):
    site = make_site(tmp_path)
    write_offline_files(site)
    write_offline_files(site, enabled=False)
    worker = (site / WORKER_NAME).read_text(encoding="utf-8")
    assert "registration.unregister()" in worker and "caches.delete" in worker
    assert "addEventListener(\"fetch\"" not in worker, "it answers no requests: they all go to the network"
    assert not (site / MANIFEST_NAME).exists()


# --- The real build ---------------------------------------------------------------------------

def test_the_built_site_has_the_worker_at_its_root_and_a_true_file_list(built_site: Path):
    manifest = manifest_of(built_site)
    listed = {path: (digest, size) for path, digest, size in manifest["files"]}
    for page in built_site.rglob("*.html"):
        name = page.relative_to(built_site).as_posix()
        if name != "404.html":
            assert listed[name] == (hashlib.sha256(page.read_bytes()).hexdigest()[:32], page.stat().st_size), name
    assert "search/search_index.json" in listed and "offline/index.html" in listed and "offline-not-found/index.html" in listed
    downloads = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "downloads/templates").iterdir())
    assert downloads and set(downloads) <= set(listed), "every template download is saved"
    assert f'"{manifest["version"]}"' in (built_site / WORKER_NAME).read_text(encoding="utf-8")
    guide = (built_site / "devices-and-wifi/wifi/index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest" data-ctg-worker="../../sw.js">' in guide
    bundle = re.search(r'<script src="\.\./\.\./(assets/javascripts/care-tech-guide\.\w+\.min\.js)"', guide)
    assert bundle and "data-ctg-worker" in (built_site / bundle.group(1)).read_text(encoding="utf-8"), (
        "keep-on-phone.js is in the page's one script (caretech/site/bundle.py)")
    assert 'href="../../use-offline/">Use it offline' in guide, "the footer links to the control"
    use_offline = (built_site / "use-offline/index.html").read_text(encoding="utf-8")
    assert "data-ctg-keep" in use_offline and SIZE_MARKER not in use_offline
    assert f"about <strong>{manifest['bytes'] / 1e6:.1f} MB</strong>" in use_offline
    assert "needs JavaScript" in use_offline


def test_the_web_app_manifest_works_under_a_sub_path_and_has_its_icons(built_site: Path):
    app = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert app["name"] == "Care Tech Guide" and app["short_name"] == "Care Tech"
    assert app["start_url"] == app["scope"] == "./" and app["display"] == "standalone"
    assert app["theme_color"] == "#4051b5", "Material's indigo"
    purposes = set()
    for icon in app["icons"]:
        path = built_site / icon["src"]
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(path).size
            assert icon["sizes"] == f"{width}x{height}"
            purposes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= purposes
    assert any(icon["type"] == "image/svg+xml" for icon in app["icons"])
    corner = Image.open(built_site / "assets/images/app-icon-maskable-512.png").getpixel((0, 0))
    assert corner[:3] == (0x40, 0x51, 0xB5), "maskable icons fill the whole square"


def test_the_worker_and_its_registration_add_at_most_3_kb_packed_to_a_first_visit(built_site: Path):
    """What every first visit pays (README, "On a phone with no signal"): sw.js, and the
    registration inside the page's one script, minified as the bundle minifies it."""
    import gzip

    from caretech.site.bundle import Source, bundle_scripts

    registration = Path(__file__).parents[1] / "overrides/assets/javascripts/keep-on-phone.js"
    minified = bundle_scripts([Source(registration.name, registration.read_text(encoding="utf-8"))]).content
    packed = sum(len(gzip.compress(data, compresslevel=6, mtime=0))
                 for data in ((built_site / WORKER_NAME).read_bytes(), minified.encode()))
    assert packed <= 3 * 1024, f"{packed} bytes packed"
