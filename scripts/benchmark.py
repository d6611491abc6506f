#!/usr/bin/env python3
"""How fast is Care Tech Guide? Measured beside two plain Material sites of the same pages.

    python scripts/benchmark.py                # builds, first visits, first search, Lighthouse
    python scripts/benchmark.py --quick        # no Lighthouse (about two minutes)
    python scripts/benchmark.py --large        # also a 1,000-guide synthetic site (about 10 minutes more)

Lighthouse comes from npm, pinned in scripts/benchmark/package.json: run
`npm ci --prefix scripts/benchmark` once (Node 18.20 or later). Chromium: /usr/bin/chromium
(set CHROMIUM_PATH to use another).

Three sites, all with the same pages (the pathway pages as the Markdown our compiler writes):

- "ours": this site, built with our mkdocs.yml;
- "matched plain": the same mkdocs.yml without our hooks, overrides and extra CSS/JS (same
  menu, features, palette and `font: false`), so a difference is what our own code costs or
  saves;
- "default plain": Material with its default settings, as a new site gets it (it asks Google
  Fonts; here that request fails at once, as there is no network).

What it measures:

1. Build: `mkdocs build` of each, three times, the sites taking turns, after one untimed build
   of each: wall seconds, CPU seconds (user + system: steadier on a busy machine) and peak
   memory, as the median and the spread (lowest to highest). Ours is built without and with
   its build cache (caretech/build_cache.py).
2. First visit: each site served from 127.0.0.1 with gzip (level 6, like a typical host), a
   guide, a pathway and the home page opened in mobile Chromium with an empty cache. The server
   counts the gzip bytes and requests; the page's stylesheets and scripts are counted from its
   HTML. Requests to other hosts are blocked and counted.
3. First search, on the slow-4G profile Lighthouse simulates (150 ms round trip, 1.6 Mbit/s
   down, 750 kbit/s up, CPU slowed 4x), three times: the bytes fetched from opening the search
   box to the first results, and the time from the first keystroke to the first result shown.
4. Lighthouse 12 in its default mobile mode (simulated slow 4G), three runs per page and site:
   performance and accessibility scores, first and largest contentful paint, total blocking
   time, requests and bytes; medians with the spread.

Timings are medians of three with the spread; the targets at the end are judged on medians.
It is a measurement, not a test: nothing fails if a number changes.
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
import statistics
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
RUNS = 3

GUIDE = "devices-and-wifi/wifi/"
PATHWAY = "pathways/something-gone-wrong/"
HOME = ""
PAGES = {"home": HOME, "guide": GUIDE, "pathway": PATHWAY}
SITES = ("ours", "matched plain", "default plain")
OURS_CACHED = "ours, build cache"
LARGE_GUIDES, LARGE_PATHWAYS = 1000, 50
TEMPLATE_PATHWAY = "staff-own-phones"
SEARCH_WORDS = "backup"
# Lighthouse's simulated mobile connection ("slow 4G") and CPU slow-down, applied for real.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6384e6 / 8, "uploadThroughput": 0.75e6 / 8}
CPU_SLOWDOWN = 4
MATERIAL_FILES = re.compile(r"assets/(stylesheets/(main|palette)\.[0-9a-f]+\.min\.css|javascripts/bundle\.[0-9a-f]+\.min\.js)")


# --- Medians ------------------------------------------------------------------------------

@dataclass
class Spread:
    """Several samples of one figure: the median, and the lowest and highest."""

    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def show(self, digits: int = 2, unit: str = "") -> str:
        low, high = min(self.samples), max(self.samples)
        return f"{self.median:.{digits}f}{unit} ({low:.{digits}f}-{high:.{digits}f})"


# --- Projects -----------------------------------------------------------------------------

def read_config(path: Path) -> dict:
    from caretech.readers.site_config import read_site_config  # the build's own reader

    return read_site_config(path)


def front_matter(text: str) -> dict:
    from caretech.readers.front_matter import front_matter_data  # the build's own reader

    return front_matter_data(text)


def write_generated_pages(project: Path, free_help: str) -> None:
    """Into the plain site's docs/: the pages and files our generate stage makes (pathway and
    template pages, downloads, the review-due page), by the build's own code. No print packs:
    plain MkDocs has nothing to fill them."""
    from caretech.readers.dates import build_today
    from caretech.stages.generate import Generate, generate

    generated = generate(Generate(project, build_today(), "", None, free_help, print_packs=False))
    for src, content in {**generated.files, **generated.pages}.items():
        path = project / "docs" / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")


def _same_extensions(ours: dict) -> list:
    """Our Markdown extensions, so the pages have the same content (snippets needs a real path).

    Our hook gives the abbr extension includes/abbreviations.md as its glossary. A plain Material
    site gets the same <abbr> tags the way Material's documentation shows: snippets appends the
    file to every page (auto_append). The HTML is the same; the time it takes is not, and that
    difference is something our code saves (caretech/readers/abbreviations.py)."""
    extensions = []
    for extension in ours["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension = {"pymdownx.snippets": {**extension["pymdownx.snippets"], "base_path": [str(ROOT / "includes")],
                                               "auto_append": ["abbreviations.md"]}}
        if extension == "caretech.facts.markdown":  # facts by name, from the real register
            extension = {extension: {"project": str(ROOT)}}
        extensions.append(extension)
    return extensions


def make_plain_project(dest: Path, docs: Path, pathways: Path, matched: bool, nav: list | None = None) -> Path:
    """A plain Material site of the same pages.

    matched=False: Material's default settings and plugins, as a new site gets them.
    matched=True: our mkdocs.yml without our hooks, overrides and extra CSS/JS (and so without
    the custom language file in overrides/), everything else the same.
    """
    ours = read_config(ROOT / "mkdocs.yml")
    shutil.copytree(docs, dest / "docs")
    shutil.copytree(pathways, dest / "pathways")
    for shared in ("facts", "includes"):  # facts by name; abbreviations and search words
        (dest / shared).symlink_to(ROOT / shared)
    write_generated_pages(dest, ours["extra"]["free_help_page"])
    if matched:
        config = {key: value for key, value in ours.items()
                  if key not in ("hooks", "extra_css", "extra_javascript", "watch")}
        config["theme"] = {key: value for key, value in ours["theme"].items() if key not in ("custom_dir", "language")}
        config["site_name"] = f"{ours['site_name']} (matched plain Material)"
        config["strict"] = False  # our pages link to pages only our hooks make (print packs, review dates)
        if nav is not None:
            config["nav"] = nav
    else:
        config = {"site_name": "Care Tech Guide (plain Material)", "theme": {"name": "material"}}
    config["markdown_extensions"] = _same_extensions(ours)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def make_large_docs(dest: Path, guides: int, pathways: int) -> tuple[Path, Path, list]:
    """The real docs and pathways, padded out with copies to `guides` guides and `pathways` pathways."""
    docs, paths = dest / "docs", dest / "pathways"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "pathways", paths)
    nav = read_config(ROOT / "mkdocs.yml")["nav"]
    # Copies of templates would be templates the templates page does not list: not padded.
    sections = [item for item in nav if isinstance(next(iter(item.values())), list)
                and not next(iter(item.values()))[0].startswith("templates/")]
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
    for shared in ("hooks", "overrides", "includes", "caretech", "facts"):
        (dest / shared).symlink_to(ROOT / shared)
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": "Care Tech Guide (1,000-guide test)", "nav": nav}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


# --- Building ----------------------------------------------------------------------------

@dataclass
class Build:
    seconds: Spread      # wall clock
    cpu_seconds: Spread  # user + system time of the build process: steadier on a busy machine
    peak_mb: Spread
    site: Path
    pages: int
    disk_mb: float


def build_sites(jobs: dict[str, tuple[Path, Path, str]], runs: int = RUNS) -> dict[str, Build]:
    """`mkdocs build` of each site `runs` times, taking turns (one build of each, then again),
    so a change in the machine's load falls on every site alike. `jobs`: name -> (mkdocs.yml, site
    folder, cache). Each build's seconds, CPU seconds and peak memory (ru_maxrss) are kept.

    One untimed build of each comes first, so every site starts alike (files read once, Python's
    compiled modules written). `cache`: our build cache (caretech/build_cache.py): "off", or a
    folder, which that first build fills, as after a contributor's first build or a CI job that
    keeps `.cache/`."""
    # Python may keep compiled modules (.pyc) for our hooks and caretech/, as it does for every
    # installed library: a shell with PYTHONDONTWRITEBYTECODE would make only our code compile afresh.
    base_env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    base_env["NO_MKDOCS_2_WARNING"] = "1"

    def once(config: Path, site: Path, cache: str) -> tuple[float, float, float]:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
        with tempfile.TemporaryFile() as output:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=config.parent, env={**base_env, "CARETECH_CACHE": cache},
                                       stdout=output, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status):
                output.seek(0)
                sys.exit(f"mkdocs build failed for {config}:\n{output.read().decode(errors='replace')[-4000:]}")
        return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

    for job in jobs.values():
        once(*job)
    timings: dict[str, list[tuple[float, float, float]]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, job in jobs.items():
            timings[name].append(once(*job))
    built = {}
    for name, (config, site, cache) in jobs.items():
        seconds, cpu, memory = zip(*timings[name])
        pages = sum(1 for _ in site.rglob("*.html"))
        disk = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        built[name] = Build(Spread(list(seconds)), Spread(list(cpu)), Spread(list(memory)), site, pages, disk / 1024 ** 2)
    return built


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


# --- First visit and first search in Chromium ----------------------------------------------

@dataclass
class Visit:
    bytes: int
    requests: int
    offsite: int
    stylesheets: list[str]
    scripts: list[str]

    @property
    def own(self) -> tuple[int, int]:
        """Stylesheets and scripts that are not Material's own."""
        return (sum(1 for s in self.stylesheets if not MATERIAL_FILES.search(s)),
                sum(1 for s in self.scripts if not MATERIAL_FILES.search(s)))


def _new_context(browser, server: Server, offsite: list):
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)

    def route(route):
        if route.request.url.startswith((server.url, "data:", "blob:")):
            route.continue_()
        else:
            offsite.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context


def first_visit(browser, server: Server, path: str) -> Visit:
    """Open `path` with an empty cache and wait until the network is quiet."""
    offsite: list[str] = []
    context = _new_context(browser, server, offsite)
    page = context.new_page()
    server.take()
    page.goto(server.url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    sent = server.take()
    stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.getAttribute('href'))")
    scripts = page.eval_on_selector_all("script[src]", "scripts => scripts.map(s => s.getAttribute('src'))")
    context.close()
    return Visit(sum(size for _, size in sent), len(sent), len(offsite), stylesheets, scripts)


_WATCH_SEARCH = """() => {
  window.__bench = {};
  document.addEventListener("keydown", () => { window.__bench.key = window.__bench.key || performance.now(); }, true);
  new MutationObserver(() => {
    if (!window.__bench.shown && document.querySelector(".md-search-result__item")) window.__bench.shown = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
}"""


def first_search(browser, server: Server, path: str) -> tuple[float, int]:
    """On the slow-4G profile: open a page, wait until it is quiet, then search as a reader would.

    Returns the seconds from the first keystroke to the first result shown, and the bytes
    fetched from opening the search box until the results are in.
    """
    context = _new_context(browser, server, [])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(server.url + path, wait_until="networkidle", timeout=120000)
    page.evaluate(_WATCH_SEARCH)
    server.take()
    icon = page.locator(".md-header__button[for=__search]")
    box = page.locator("input[data-md-component=search-query]")
    if icon.is_visible():
        # The search button is a label for the search toggle: a click event on it opens search
        # however the page lies (on a 1,000-guide plain page the long menu covers the header).
        icon.dispatch_event("click")
    else:
        box.click()
    box.press_sequentially(SEARCH_WORDS, delay=150)  # about a phone user's typing speed
    page.wait_for_selector(".md-search-result__item", timeout=120000)
    page.wait_for_load_state("networkidle")
    timing = page.evaluate("window.__bench")
    sent = server.take()
    context.close()
    return (timing["shown"] - timing["key"]) / 1000, sum(size for _, size in sent)


# --- Lighthouse --------------------------------------------------------------------------

LIGHTHOUSE_FIGURES = ("performance", "accessibility", "fcp", "lcp", "tbt", "requests", "kb")


def lighthouse(url: str) -> dict | None:
    """One Lighthouse run in its default mobile mode (simulated slow 4G, CPU slowed 4x)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report.name}",
                   "--only-categories=performance,accessibility",
                   "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)]
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
        if result.returncode:
            print(f"    lighthouse failed for {url}: {result.stderr.strip()[-300:]}")
            return None
        data = json.loads(Path(report.name).read_text())
    audits, categories = data["audits"], data["categories"]
    return {
        "performance": categories["performance"]["score"] * 100,
        "accessibility": categories["accessibility"]["score"] * 100,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "failed": [key for key, audit in audits.items()
                   if audit.get("score") == 0 and audit.get("scoreDisplayMode") == "binary"],
    }


def lighthouse_runs(url: str) -> dict[str, Spread] | None:
    runs = [run for run in (lighthouse(url) for _ in range(RUNS)) if run]
    if not runs:
        return None
    figures = {name: Spread([run[name] for run in runs]) for name in LIGHTHOUSE_FIGURES}
    figures["failed"] = sorted({audit for run in runs for audit in run["failed"]})
    return figures


# --- Report ------------------------------------------------------------------------------

def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    for row in [header] + rows:
        print("  " + "  ".join(str(cell).ljust(width) if i == 0 else str(cell).rjust(width)
                               for i, (cell, width) in enumerate(zip(row, widths))).rstrip())


def html_size(site: Path, path: str) -> int:
    return (site / path / "index.html").stat().st_size


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="no Lighthouse")
    parser.add_argument("--large", action="store_true", help="also build a 1,000-guide synthetic site")
    parser.add_argument("--large-only", action="store_true", help="only the 1,000-guide synthetic site")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="ctg-benchmark-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        large(work) if args.large_only else run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> None:
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    print(f"Care Tech Guide benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
          f"load average {load:.1f} at the start. Timings: median of {RUNS} (lowest-highest).\n")
    configs = {
        "ours": ROOT / "mkdocs.yml",
        "matched plain": make_plain_project(work / "matched", ROOT / "docs", ROOT / "pathways", matched=True),
        "default plain": make_plain_project(work / "default", ROOT / "docs", ROOT / "pathways", matched=False),
    }
    jobs = {name: (config, work / f"site-{name.replace(' ', '-')}", "off") for name, config in configs.items()}
    # Our build makes the downloads and icons afresh without its cache ("ours"); with it, it reuses them.
    jobs[OURS_CACHED] = (configs["ours"], work / "site-ours-cached", str(work / "build-cache"))
    builds = build_sites(jobs)
    servers = {name: Server(built.site) for name, built in builds.items()}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        visits = {(name, label): first_visit(browser, servers[name], path) for name in SITES for label, path in PAGES.items()}
        searches = {}
        for name in SITES:
            runs = [first_search(browser, servers[name], GUIDE) for _ in range(RUNS)]
            searches[name] = (Spread([seconds for seconds, _ in runs]), Spread([size for _, size in runs]))
        browser.close()

    print("Build (mkdocs build; our build is strict, with our checks, print packs and review page)")
    rows = []
    for name in ("ours", OURS_CACHED, "matched plain", "default plain"):
        b = builds[name]
        rows.append([name, str(b.pages), b.seconds.show(), b.cpu_seconds.show(), b.peak_mb.show(0, " MB"),
                     f"{b.disk_mb:.1f} MB", kb(html_size(b.site, GUIDE))])
    table(["site", "HTML pages", "wall seconds", "CPU seconds", "peak memory", "built folder", "guide HTML"], rows)
    cpu_ratio = builds["ours"].cpu_seconds.median / builds["matched plain"].cpu_seconds.median
    cached_ratio = builds[OURS_CACHED].cpu_seconds.median / builds["matched plain"].cpu_seconds.median
    print(f"  our CPU time is {cpu_ratio:.2f}x matched plain Material's without our build cache, "
          f"{cached_ratio:.2f}x with it (median of {RUNS} each)\n")

    print("First visit, empty cache (mobile Chromium, local gzip server): gzip bytes, requests, stylesheets / scripts")
    rows = []
    for label, path in PAGES.items():
        for name in SITES:
            v = visits[name, label]
            own_css, own_js = v.own
            rows.append([f"{label} /{path}" if name == "ours" else "", name, kb(v.bytes),
                         f"{v.requests} ({v.offsite} blocked)",
                         f"{len(v.stylesheets)} / {len(v.scripts)}", f"{own_css} / {own_js}"])
    table(["page", "site", "bytes", "requests", "CSS / JS", "not Material's"], rows)
    print("  (default plain's stylesheet that is not Material's is Google Fonts', blocked here)")
    guide_ratio = visits["ours", "guide"].bytes / visits["default plain", "guide"].bytes
    print(f"  a guide's first visit is {guide_ratio:.2f}x default plain Material's bytes\n")

    print(f"First search on a guide, slow 4G and CPU slowed {CPU_SLOWDOWN}x: from the first keystroke to results")
    table(["site", "seconds", "bytes fetched"],
          [[name, searches[name][0].show(), kb(searches[name][1].median)] for name in SITES])
    print("  (ours fetches the search index and worker when the search box is first used; the plain sites"
          " fetch them with the page)\n")

    lighthouse_results = {}
    if not args.quick:
        print(f"Lighthouse {_lighthouse_version()} (mobile, simulated slow 4G), median of {RUNS} (lowest-highest)")
        if not LIGHTHOUSE.exists():
            print("  skipped: Lighthouse is not installed. Run: npm ci --prefix scripts/benchmark\n")
        else:
            rows = []
            for label, path in PAGES.items():
                for name in SITES:
                    result = lighthouse_runs(servers[name].url + path)
                    lighthouse_results[name, label] = result
                    if not result:
                        rows.append([label if name == "ours" else "", name] + ["failed"] * 7)
                        continue
                    rows.append([label if name == "ours" else "", name,
                                 result["performance"].show(0), result["accessibility"].show(0),
                                 result["fcp"].show(2, " s"), result["lcp"].show(2, " s"),
                                 result["tbt"].show(0, " ms"), f"{result['requests'].median:.0f}",
                                 f"{result['kb'].median:,.0f} KB"])
            table(["page", "site", "performance", "accessibility", "first contentful paint",
                   "largest contentful paint", "total blocking time", "requests", "bytes"], rows)
            failed = {f"{name}, {label}": r["failed"] for (name, label), r in lighthouse_results.items()
                      if r and r["failed"] and name == "ours"}
            for where, audits in failed.items():
                print(f"  ours, {where}: failed audits: {', '.join(audits)}")
            print()

    for server in servers.values():
        server.close()

    print("Targets (issue 16), on medians")
    own_css, own_js = visits["ours", "guide"].own
    print(f"  at most one own stylesheet and one own script on a guide: {own_css} / {own_js}: {verdict(own_css <= 1 and own_js <= 1)}")
    print(f"  first-visit bytes of a guide at most 0.5x default plain: {guide_ratio:.2f}x: {verdict(guide_ratio <= 0.5)}")
    print(f"  build CPU at most 1.1x matched plain: {cpu_ratio:.2f}x: {verdict(cpu_ratio <= 1.1)}")
    print(f"  build CPU at most 1.1x matched plain, with our build cache: {cached_ratio:.2f}x: {verdict(cached_ratio <= 1.1)}")
    if lighthouse_results:
        for label in ("guide", "home"):
            ours = lighthouse_results.get(("ours", label))
            for plain in ("matched plain", "default plain"):
                theirs = lighthouse_results.get((plain, label))
                if ours and theirs:
                    a, b = ours["fcp"].median, theirs["fcp"].median
                    print(f"  first contentful paint, {label}, no later than {plain}: {a:.3f} s vs {b:.3f} s: {verdict(a <= b)}")
        for label in PAGES:
            ours = lighthouse_results.get(("ours", label))
            if ours:
                p, a = ours["performance"].median, ours["accessibility"].median
                print(f"  Lighthouse performance and accessibility 100, {label}: {p:.0f} / {a:.0f}: {verdict(p >= 100 and a >= 100)}")
    print()

    if args.large:
        large(work)


def _lighthouse_version() -> str:
    try:
        return json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text())["version"]
    except OSError:
        return "(not installed)"


def large(work: Path) -> None:
    """A 1,000-guide synthetic site: build cost, and one page's HTML, which should not grow with the site."""
    docs, pathways, nav = make_large_docs(work / "large-source", LARGE_GUIDES, LARGE_PATHWAYS)
    builds = build_sites({
        "ours": (make_large_ours(work / "large-ours", docs, pathways, nav), work / "site-large-ours", "off"),
        "matched plain": (make_plain_project(work / "large-plain", docs, pathways, matched=True, nav=nav),
                          work / "site-large-plain", "off"),
    }, runs=1)
    ours, plain = builds["ours"], builds["matched plain"]
    print(f"Synthetic site: {LARGE_GUIDES:,} guides in 8 sections, {LARGE_PATHWAYS} pathways, one build each")
    table(["site", "HTML pages", "wall seconds", "CPU seconds", "peak memory", "built folder", "guide HTML"],
          [[name, str(b.pages), f"{b.seconds.median:.1f}", f"{b.cpu_seconds.median:.1f}", f"{b.peak_mb.median:.0f} MB",
            f"{b.disk_mb:.1f} MB", kb(html_size(b.site, GUIDE))] for name, b in (("ours", ours), ("matched plain", plain))])
    print()
    # The search index grows with the site: its size, and a first search on a slow phone (median of RUNS).
    from playwright.sync_api import sync_playwright

    servers = {name: Server(b.site) for name, b in builds.items()}
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, b in builds.items():
            runs = [first_search(browser, servers[name], GUIDE) for _ in range(RUNS)]
            seconds = statistics.median(r[0] for r in runs)
            index = b.site / "search" / "search_index.json"
            rows.append([name, kb(index.stat().st_size), f"{seconds:.2f}", kb(statistics.median(r[1] for r in runs))])
        browser.close()
    for server in servers.values():
        server.close()
    table(["site", "search index", "first search, slow 4G (s)", "fetched for it"], rows)
    print()


if __name__ == "__main__":
    main()
