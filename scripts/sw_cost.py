#!/usr/bin/env python3
"""What "Keep this guide on this phone" costs a first visit, and what saving the whole guide costs.

    python scripts/sw_cost.py                      # builds the site into a temporary folder
    python scripts/sw_cost.py --site site/         # an already built site
    python scripts/sw_cost.py --before other-site/ # also a first visit to another build, to compare

It serves the site from 127.0.0.1 with gzip (as scripts/benchmark.py does), opens a guide in
Chromium with an empty cache and the service worker allowed, and prints the gzip bytes of the
first visit, the part that the worker and its registration add (the target is 3 KB at most),
then presses "Keep this guide on this phone" and prints the saved size and how long it took.
A measurement, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import CHROMIUM, CHROMIUM_ARGS, GUIDE, ROOT, Server, build, kb  # noqa: E402

REGISTRATION = ROOT / "overrides" / "assets" / "javascripts" / "keep-on-phone.js"
TARGET_BYTES = 3 * 1024


def gzip_bytes(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))  # level 6, like a typical web host


def worker_gzip_bytes(site: Path) -> dict[str, int]:
    """gzip bytes of the worker and of its registration script. The registration travels inside
    the page's one script (caretech/site/bundle.py), so it is measured minified the same way, on
    its own: an upper bound on what it adds to that file."""
    from caretech.site.bundle import Source, bundle_scripts

    registration = bundle_scripts([Source(REGISTRATION.name, REGISTRATION.read_text(encoding="utf-8"))])
    return {"sw.js": gzip_bytes((site / "sw.js").read_bytes()),
            "keep-on-phone.js (minified, in the page's script)": gzip_bytes(registration.content.encode())}


def first_visit(browser, server: Server, path: str) -> list[tuple[str, int]]:
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    page = context.new_page()
    server.take()
    page.goto(server.url + path, wait_until="networkidle")
    if page.evaluate("() => Boolean(document.querySelector('link[data-ctg-worker]'))"):  # not in older builds
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(1000)
    sent = server.take()
    context.close()
    return sent


def save_whole_guide(browser, server: Server) -> tuple[float, int]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "use-offline/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    server.take()
    started = time.monotonic()
    page.get_by_role("button", name="Keep this guide on this phone").click()
    page.wait_for_function("() => document.querySelector('[data-ctg-keep-status]').textContent.startsWith('Done')",
                           timeout=120000)
    seconds = time.monotonic() - started
    sent = sum(size for _, size in server.take())
    context.close()
    return seconds, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--before", type=Path, help="another built site, to compare its first visit")
    args = parser.parse_args()
    site = args.site or build(ROOT / "mkdocs.yml", Path(tempfile.mkdtemp(prefix="ctg-sw-")) / "site", runs=1).site

    from playwright.sync_api import sync_playwright

    costs = worker_gzip_bytes(site)
    total = sum(costs.values())
    print("Keep this guide on this phone: what it adds to a first visit (gzip, level 6)")
    for name, size in costs.items():
        print(f"  {name:<44}{size:>8,} bytes")
    print(f"  {'together':<44}{total:>8,} bytes  (target <= {TARGET_BYTES:,}: {'met' if total <= TARGET_BYTES else 'NOT met'})")

    servers = {"this build": Server(site)}
    if args.before:
        servers["before"] = Server(args.before)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        print(f"\nFirst visit to /{GUIDE}, empty cache (mobile Chromium, local gzip server)")
        for label, server in servers.items():
            sent = first_visit(browser, server, GUIDE)
            pages = [path for path, _ in sent if path.endswith("/") or path.endswith(".html")]
            print(f"  {label:<44}{kb(sum(size for _, size in sent)):>12}  {len(sent)} requests, pages: {pages}")
        manifest = json.loads((site / "offline-manifest.json").read_text(encoding="utf-8"))
        seconds, sent = save_whole_guide(browser, servers["this build"])
        print(f"\nSaving the whole guide: {manifest['bytes'] / 1e6:.1f} MB on the phone "
              f"({len(manifest['files'])} files), {kb(sent)} fetched (gzip), {seconds:.1f} s on this machine")
        browser.close()
    for server in servers.values():
        server.close()


if __name__ == "__main__":
    main()
