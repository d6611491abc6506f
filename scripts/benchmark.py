#!/usr/bin/env python3
"""How fast is Care Tech Guide? Measured side by side with a plain Material site of the same pages.

    python scripts/benchmark.py                # the real site, then a 1,000-guide synthetic site
    python scripts/benchmark.py --quick        # the real site only
    python scripts/benchmark.py --lighthouse   # also Lighthouse scores (run `npm ci --prefix scripts/benchmark` once)

What it does, in one run:

1. Builds the real site (`mkdocs build` with our mkdocs.yml) and a plain Material site of
   the same pages: the same docs/ Markdown with its front matter, the pathway pages as the
   Markdown our compiler generates, and a minimal mkdocs.yml (theme: material with its
   default settings and plugins, plus our Markdown extensions so the pages have the same
   content). It prints each build's seconds and peak memory.
2. Serves both from 127.0.0.1 with gzip (level 6, like a typical web host) and opens a guide,
   a pathway and the home page in Chromium with an empty cache, as a first visit. It sums
   the gzip bytes the browser really fetched (the server counts them) and the requests,
   waiting until the network is quiet, so Material's search index and worker count when
   they load. Requests to other hosts are blocked and counted (a default Material site asks
   Google Fonts).
3. Generates a synthetic site of 1,000 guides in the 8 sections (the real guides plus
   copies of one guide per section) and 50 pathways (the real ones plus copies of a
   template pathway), in both flavours, and prints build seconds, peak memory and the size
   of one page's HTML, which should not grow with the number of pages.
4. With --lighthouse: Lighthouse (npm, pinned in scripts/benchmark/package.json) in its
   default mobile mode, against the same local gzip servers, for the home page, a guide and
   a pathway of both sites. Not a gate: scores vary from run to run.

Chromium: /usr/bin/chromium (set CHROMIUM_PATH to use another).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIGHTHOUSE = ROOT / "scripts" / "benchmark" / "node_modules" / ".bin" / "lighthouse"

GUIDE = "devices-and-wifi/wifi/"
PATHWAY = "pathways/something-gone-wrong/"
HOME = ""
PAGES = {"guide page": GUIDE, "pathway page": PATHWAY, "home page": HOME}
LARGE_GUIDES, LARGE_PATHWAYS = 1000, 50
TEMPLATE_PATHWAY = "staff-own-phones"
TARGETS = {"first_visit_guide": 0.70, "build": 1.10}


# --- Projects -----------------------------------------------------------------------------

class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning MkDocs-only tags such as !relative into None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def front_matter(text: str) -> dict:
    from caretech.readers.front_matter import front_matter_data  # the build's own reader

    return front_matter_data(text)


def write_pathway_pages(project: Path, docs: Path, free_help: str) -> None:
    """The pathway pages as the Markdown our compiler generates (as hooks/care_tech_guide.py does)."""
    from caretech.pathways import compile_pathways
    from caretech.pathways.render import (
        INDEX_PAGE, page_path, render_index_page, render_pathway_page, render_routes_page,
    )

    titles = {p.relative_to(docs).as_posix(): front_matter(p.read_text(encoding="utf-8")).get("title", "")
              for p in docs.rglob("*.md")}
    pathways = compile_pathways(project / "pathways", known_pages=titles.keys(), display_root=project)
    pages = {INDEX_PAGE: render_index_page(pathways)}
    for pathway in pathways:
        pages[page_path(pathway)] = render_pathway_page(pathway, titles, free_help)
        pages[f"pathways/{pathway.id}/all-routes.md"] = render_routes_page(pathway)
    for src, content in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(content, encoding="utf-8")


def make_plain_project(dest: Path, docs: Path, pathways: Path) -> Path:
    """A plain Material site of the same pages: default theme settings and plugins."""
    ours = read_config(ROOT / "mkdocs.yml")
    shutil.copytree(docs, dest / "docs")
    shutil.copytree(pathways, dest / "pathways")
    write_pathway_pages(dest, dest / "docs", ours["extra"]["free_help_page"])
    extensions = []
    for extension in ours["markdown_extensions"]:  # the same content; snippets needs a real path
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension = {"pymdownx.snippets": {**extension["pymdownx.snippets"], "base_path": [str(ROOT / "includes")]}}
        extensions.append(extension)
    config = {"site_name": "Care Tech Guide (plain Material)", "theme": {"name": "material"},
              "markdown_extensions": extensions}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def make_large_docs(dest: Path, guides: int, pathways: int) -> tuple[Path, Path, list]:
    """The real docs and pathways, padded out with copies to `guides` guides and `pathways` pathways."""
    docs, paths = dest / "docs", dest / "pathways"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "pathways", paths)
    nav = read_config(ROOT / "mkdocs.yml")["nav"]
    sections = [item for item in nav if isinstance(next(iter(item.values())), list)]
    real = sum(len(next(iter(s.values()))) - 1 for s in sections)
    extra = guides - real
    for number, section in enumerate(sections):
        pages = next(iter(section.values()))
        template = pages[1]  # the section's first guide (pages[0] is its index page)
        text = (docs / template).read_text(encoding="utf-8")
        title = front_matter(text)["title"]
        for copy in range(extra // len(sections) + (number < extra % len(sections))):
            new_title = f"Test copy {copy + 1}: {title}"
            page = re.sub(r"^title:.*$", f"title: {json.dumps(new_title)}", text, count=1, flags=re.M)
            page = re.sub(r"^# .*$", f"# {new_title}", page, count=1, flags=re.M)
            name = template.replace(".md", f"-copy-{copy + 1:03d}.md")
            (docs / name).write_text(page, encoding="utf-8")
            pages.append(name)
    template = (paths / f"{TEMPLATE_PATHWAY}.yml").read_text(encoding="utf-8")
    for copy in range(pathways - len(list(paths.glob("*.yml")))):
        new_id = f"test-copy-{copy + 1:02d}"
        text = template.replace(f"id: {TEMPLATE_PATHWAY}\n", f"id: {new_id}\n", 1)
        text = re.sub(r"^title: (.*)$", lambda m: f"title: \"Test copy {copy + 1}: {m.group(1).strip(chr(34))}\"",
                      text, count=1, flags=re.M)
        (paths / f"{new_id}.yml").write_text(text, encoding="utf-8")
    return docs, paths, nav


def make_large_ours(dest: Path, docs: Path, pathways: Path, nav: list) -> Path:
    """Our configuration (INHERIT from the real mkdocs.yml), with the synthetic pages and nav."""
    shutil.copytree(docs, dest / "docs")
    shutil.copytree(pathways, dest / "pathways")
    for shared in ("hooks", "overrides", "includes", "caretech"):
        (dest / shared).symlink_to(ROOT / shared)
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": "Care Tech Guide (1,000-guide test)", "nav": nav}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


# --- Building ----------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float      # wall clock
    cpu_seconds: float  # user + system time of the build process: steadier on a busy machine
    peak_mb: float
    site: Path
    pages: int
    disk_mb: float


def build(config: Path, site: Path, strict: bool) -> Build:
    """One `mkdocs build`: seconds, CPU seconds and peak memory (ru_maxrss) of the build process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=config.parent, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            output.seek(0)
            sys.exit(f"mkdocs build failed for {config}:\n{output.read().decode(errors='replace')[-4000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    disk = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, site, pages, disk / 1024 ** 2)


# --- Serving with gzip -------------------------------------------------------------------

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host with gzip on, and counts the bytes it sends."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        else:
            status = 200
        body = path.read_bytes() if path.is_file() else b"Not found"
        zipped = path.suffix in _COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)
        self.server.sent.append((self.path, len(body)))

    def log_message(self, *args) -> None:
        pass


class Server:
    def __init__(self, site: Path):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        self.httpd.sent = []
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take(self) -> list[tuple[str, int]]:
        sent, self.httpd.sent = self.httpd.sent, []
        return sent

    def close(self) -> None:
        self.httpd.shutdown()


# --- First visit in Chromium -------------------------------------------------------------

@dataclass
class Visit:
    bytes: int
    requests: int
    offsite: int
    files: list


def first_visit(browser, server: Server, path: str, open_search: bool = False) -> Visit:
    """Open `path` with an empty cache; optionally then open the search box, as a reader would."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    offsite = []

    def route(route):
        if route.request.url.startswith(server.url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    server.take()
    page.goto(server.url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    if open_search:
        page.click("label.md-header__button[for=__search]")
        page.locator("input[data-md-component=search-query]").press_sequentially("wi-fi")  # Material listens for keyup
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_load_state("networkidle")
    sent = server.take()
    context.close()
    return Visit(sum(size for _, size in sent), len(sent), len(offsite), sent)


# --- Lighthouse --------------------------------------------------------------------------

def lighthouse(url: str) -> dict | None:
    """Performance and accessibility scores (0-100) in Lighthouse's default mobile mode."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report.name}",
                   "--only-categories=performance,accessibility",
                   "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
        if result.returncode:
            print(f"    lighthouse failed for {url}: {result.stderr.strip()[-300:]}")
            return None
        categories = json.loads(Path(report.name).read_text())["categories"]
        return {name: round(categories[name]["score"] * 100) for name in ("performance", "accessibility")}


# --- Report ------------------------------------------------------------------------------

def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def row(label: str, ours: str, plain: str, ratio: float | None = None, target: float | None = None) -> None:
    text = f"  {label:<56}{ours:>12}{plain:>12}"
    if ratio is not None:
        text += f"{ratio:>8.2f}x"
        if target is not None:
            text += f"  (target <= {target:.2f}x: {'met' if ratio <= target else 'NOT met'})"
    print(text)


def print_build(label: str, ours: Build, plain: Build) -> None:
    row(f"{label}: seconds ({ours.pages} / {plain.pages} HTML pages)", f"{ours.seconds:.2f}", f"{plain.seconds:.2f}",
        ours.seconds / plain.seconds, TARGETS["build"])
    row(f"{label}: CPU seconds", f"{ours.cpu_seconds:.2f}", f"{plain.cpu_seconds:.2f}",
        ours.cpu_seconds / plain.cpu_seconds, TARGETS["build"])
    row(f"{label}: peak memory", f"{ours.peak_mb:.0f} MB", f"{plain.peak_mb:.0f} MB", ours.peak_mb / plain.peak_mb)
    row(f"{label}: size of the built folder", f"{ours.disk_mb:.1f} MB", f"{plain.disk_mb:.1f} MB",
        ours.disk_mb / plain.disk_mb)


def html_size(site: Path, path: str) -> int:
    return (site / path / "index.html").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the real site only (no 1,000-guide site)")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (mobile) on three pages of each site")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="ctg-benchmark-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> None:
    from playwright.sync_api import sync_playwright

    print(f"Care Tech Guide benchmark, {time.strftime('%Y-%m-%d %H:%M')}, one run of each, {os.cpu_count()} CPUs\n")
    plain_config = make_plain_project(work / "plain", ROOT / "docs", ROOT / "pathways")
    ours = build(ROOT / "mkdocs.yml", work / "site-ours", strict=True)
    plain = build(plain_config, work / "site-plain", strict=False)

    servers = {"ours": Server(ours.site), "plain": Server(plain.site)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        visits = {(name, label): first_visit(browser, server, path)
                  for name, server in servers.items() for label, path in PAGES.items()}
        searched = {name: first_visit(browser, server, GUIDE, open_search=True) for name, server in servers.items()}
        browser.close()

    print(f"First visit: gzip bytes fetched with an empty cache (mobile Chromium, local gzip server)")
    row("", "ours", "plain", None)
    for label, path in PAGES.items():
        mine, theirs = visits["ours", label], visits["plain", label]
        target = TARGETS["first_visit_guide"] if label == "guide page" else None
        row(f"{label} /{path}", kb(mine.bytes), kb(theirs.bytes), mine.bytes / theirs.bytes, target)
        row("  requests (blocked requests to other hosts)", f"{mine.requests} ({mine.offsite})",
            f"{theirs.requests} ({theirs.offsite})")
    mine, theirs = searched["ours"], searched["plain"]
    row("guide page, then a first search", kb(mine.bytes), kb(theirs.bytes), mine.bytes / theirs.bytes)
    row("  requests", str(mine.requests), str(theirs.requests))
    index = next(size for path, size in mine.files if path.endswith("search_index.json"))
    deferred = not any(path.endswith("search_index.json") for path, _ in visits["ours", "guide page"].files)
    print(f"  (our search index is {kb(index)} gzip; "
          f"{'it loads when the search box is first used' if deferred else 'it loads on every first visit'})\n")

    print("Build: mkdocs build, one run")
    print_build("real site", ours, plain)
    row(f"one page's HTML (/{GUIDE})", kb(html_size(ours.site, GUIDE)), kb(html_size(plain.site, GUIDE)),
        html_size(ours.site, GUIDE) / html_size(plain.site, GUIDE))
    print()

    if not args.quick:
        docs, pathways, nav = make_large_docs(work / "large-source", LARGE_GUIDES, LARGE_PATHWAYS)
        large_ours = build(make_large_ours(work / "large-ours", docs, pathways, nav), work / "site-large-ours", strict=True)
        large_plain = build(make_plain_project(work / "large-plain", docs, pathways), work / "site-large-plain", strict=False)
        print(f"Synthetic site: {LARGE_GUIDES:,} guides in 8 sections, {LARGE_PATHWAYS} pathways, one run")
        print_build(f"{LARGE_GUIDES:,}-guide site", large_ours, large_plain)
        for label, site_ours, site_plain in (("real site", ours.site, plain.site),
                                             (f"{LARGE_GUIDES:,}-guide site", large_ours.site, large_plain.site)):
            for path in (GUIDE, PATHWAY):
                row(f"HTML of /{path}, {label}", kb(html_size(site_ours, path)), kb(html_size(site_plain, path)))
        growth = html_size(large_ours.site, GUIDE) / html_size(ours.site, GUIDE)
        print(f"  our page HTML at {LARGE_GUIDES:,} guides is {growth:.2f}x its size in the real site "
              f"(plain Material: {html_size(large_plain.site, GUIDE) / html_size(plain.site, GUIDE):.2f}x)\n")

    if args.lighthouse:
        print("Lighthouse (default mobile mode, simulated slow 4G), performance / accessibility")
        if not LIGHTHOUSE.exists():
            print("  skipped: Lighthouse is not installed. Run: npm ci --prefix scripts/benchmark\n")
        else:
            for label, path in PAGES.items():
                scores = {name: lighthouse(server.url + path) for name, server in servers.items()}
                row(f"{label} /{path}", *(f"{s['performance']} / {s['accessibility']}" if s else "failed"
                                          for s in (scores["ours"], scores["plain"])))
            print()
    for server in servers.values():
        server.close()


if __name__ == "__main__":
    main()
