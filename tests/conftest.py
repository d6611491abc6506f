"""Fixtures: one real `mkdocs build --strict` per run, a local web server, and Debian's Chromium.

Browser tests use Playwright for Python driving /usr/bin/chromium (set CHROMIUM_PATH to use
another). Without Chromium they are skipped, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

import pytest

from helpers import ROOT, run_mkdocs_build

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags for a closed network: without the background-networking ones Chromium keeps
# trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder made by `build(folder)` once per test run. With pytest-xdist (make test runs two
    workers) every worker needs it: the first builds it while the others wait on a file lock,
    then all use the same copy, instead of each building its own."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's own folder, above each worker's
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            build(folder)
            done.touch()  # only after a build that passed: a failed one is tried again, and fails again
    return folder


def _build_site(site: Path) -> None:
    result = run_mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per run with the shipped mkdocs.yml."""
    return built_once(tmp_path_factory, "site", _build_site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on 127.0.0.1 (a free port), like any static host."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class OffSiteRequests(list):
    """Every request the page tried to make to another host (they are all blocked)."""


def _block_other_hosts(context, allowed_hosts: set[str], record: OffSiteRequests) -> None:
    def handle(route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "file") or parsed.hostname in allowed_hosts:
            route.continue_()
        else:
            record.append(url)
            route.abort()

    context.route("**/*", handle)


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


@contextlib.contextmanager
def guarded_page(browser, allowed_hosts=LOCAL_HOSTS, **context_options):
    """A page in a new browser context whose requests to other hosts are blocked and recorded.

    Afterwards it fails the test if the page tried to reach another host or logged an
    error. `allowed_hosts=set()` allows only file:// (the offline copy).
    """
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    blocked = OffSiteRequests()
    _block_other_hosts(context, set(allowed_hosts), blocked)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.blocked_requests = blocked
    page.console_errors = errors
    try:
        yield page
    finally:
        context.close()
    assert not blocked, f"requests to other hosts: {blocked}"
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def page(browser, site_url):
    """A fresh guarded page (see guarded_page)."""
    with guarded_page(browser) as guarded:
        yield guarded


# Material fades and slides things (the search panel, the header's title, the menu). axe-core
# measures colours as they are at that moment, so half-faded text fails contrast: wait until
# nothing is moving (two frames, for changes that start on the next one; endless animations
# such as spinners do not count).
_STILL = """() => !document.getAnimations().some((a) => a.playState === 'running'
    && Number.isFinite(a.effect?.getComputedTiming().endTime))"""


def wait_until_still(page) -> None:
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function(_STILL, polling="raf", timeout=5000)


def axe_violations(page, context=None) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, once nothing is moving."""
    from axe_playwright_python.sync_playwright import Axe

    wait_until_still(page)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, context=context, options=options)
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )


class OfflineCopy(NamedTuple):
    folder: Path   # the unzipped copy: open folder / "index.html" as file://
    zip: Path      # the zip a reader downloads


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> OfflineCopy:
    """The offline copy, built once per run as `make offline` builds it, then unzipped as a reader would."""
    import zipfile

    from caretech.site.offline import FOLDER_IN_ZIP, ZIP_NAME, build, make_zip, slim

    def build_offline(work: Path) -> None:
        result = build(work / "site", ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
        slim(work / "site")
        with zipfile.ZipFile(make_zip(work / "site", work / ZIP_NAME)) as opened:
            opened.extractall(work / "unzipped")

    work = built_once(tmp_path_factory, "offline", build_offline)
    return OfflineCopy(work / "unzipped" / FOLDER_IN_ZIP, work / ZIP_NAME)
