"""Fixtures: one real `mkdocs build --strict` per run, a local web server, and Debian's Chromium.

Browser tests use Playwright for Python driving /usr/bin/chromium (set CHROMIUM_PATH to use
another). Without Chromium they are skipped, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
They get a page from `page` or `page_without_script`, shared by the tests of one process and put
back as new between them (handed_on()), or from guarded_page() when they need a context of their own.
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

from caretech.problems import ContentError
from helpers import BUILD_TODAY, ROOT, SITE_ADDRESS, run_mkdocs_build, shipped_pathways

# Code the tests call in this process (templates, pathways and their facts) reads "today" from
# here, never from the clock, as the test builds do.
os.environ["CARETECH_TODAY"] = BUILD_TODAY.isoformat()

# Every test build makes every file itself (caretech/build_cache.py): a cached download would
# hide a writer that no longer gives the same bytes twice. (The shared build of the site starts
# with an empty cache of its own, which test_build_cache.py then builds from.)
os.environ["CARETECH_CACHE"] = "off"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags for a closed network: without the background-networking ones Chromium keeps
# trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # No name but the test server's resolves, so no request can reach another host. Each attempt
    # is still seen (guard() records it and fails the test). Blocking by name rather than by
    # intercepting every request (page.route) keeps the browser's cache working within a test.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# The published site's path: the 404 page's links start with it.
PUBLISHED_PATH = urlparse(SITE_ADDRESS).path
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The dark scheme changes colours only: the same pages, the same markup. So a page audited with
# every rule in the light scheme is audited in the dark one with the rules whose result depends
# on colour, after switching it in place as Material's palette toggle does (Material's styles and
# ours key on data-md-color-scheme on <body>). A full dark pass found nothing more when this was
# written, and takes twice as long.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DARK = "() => { document.body.dataset.mdColorScheme = 'slate'; }"
LIGHT = "() => { document.body.dataset.mdColorScheme = 'default'; }"


def built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder made by `build(folder)` once per test run. With pytest-xdist (make test runs three
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
    # With a new, empty build cache beside it: the build still makes every file itself, and
    # leaves the cache that test_build_cache.py builds from (see filled_build_cache).
    result = run_mkdocs_build(ROOT / "mkdocs.yml", site, cache=site.with_name("site-cache"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per run with the shipped mkdocs.yml."""
    return built_once(tmp_path_factory, "site", _build_site)


@pytest.fixture(scope="session")
def filled_build_cache(built_site: Path) -> Path:
    """The build cache that the build of built_site filled (it started empty). Read it, never write to it."""
    return built_site.with_name("site-cache")


@pytest.fixture(scope="session")
def compiled_pathways():
    """Every shipped pathway, compiled. A mistake in one fails the tests that use them, with the
    compiler's message (file, line, fix), rather than stopping the run while tests are collected."""
    try:
        return shipped_pathways()
    except ContentError as error:
        pytest.fail(f"The shipped pathways do not compile:\n{error}", pytrace=False)


@pytest.fixture
def pathway(request, compiled_pathways):
    """The pathway whose id the test is parametrized with (indirect=True; ids from
    helpers.pathway_ids(), which reads only file names)."""
    found = {p.id: p for p in compiled_pathways}.get(request.param)
    if found is None:
        pytest.fail(f"No pathway has the id {request.param!r}: pathways/{request.param}.yml should hold one")
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host. The 404 page links to its files by absolute path under the published
    address (/care-tech-guide/...), so that it works at any depth; the test server is at /, so
    it serves that prefix from / too (as the published host serves the site under it)."""

    def translate_path(self, path: str) -> str:
        if path.startswith(PUBLISHED_PATH):
            path = "/" + path[len(PUBLISHED_PATH):]
        return super().translate_path(path)

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


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
# What Chromium logs when a test context blocks service workers (see guarded_page).
_WORKER_BLOCKED = "Service Worker registration blocked by Playwright"


@contextlib.contextmanager
def guard(page, allowed_hosts=LOCAL_HOSTS):
    """Record every request `page` (and anything else in its context) makes to another host, and every error it logs; afterwards
    fail the test if there was any. `allowed_hosts=set()` allows only file:// (the offline copy).

    The browser cannot reach other hosts at all (CHROMIUM_ARGS), so a request is recorded rather
    than stopped here."""
    blocked = OffSiteRequests()
    errors: list[str] = []

    def record(request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob", "file") and parsed.hostname not in allowed_hosts:
            blocked.append(request.url)

    def console(message) -> None:
        if message.type == "error" and message.text != _WORKER_BLOCKED:
            errors.append(message.text)

    def page_error(error) -> None:
        errors.append(str(error))

    listeners = [(page.context, "request", record), (page, "console", console), (page, "pageerror", page_error)]
    for target, event, listener in listeners:  # the context's requests include workers' requests
        target.on(event, listener)
    page.blocked_requests = blocked
    page.console_errors = errors
    try:
        yield page
    finally:
        for target, event, listener in listeners:
            target.remove_listener(event, listener)
    assert not blocked, f"requests to other hosts: {blocked}"
    assert not errors, f"console errors: {errors}"


PAGE_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "service_workers": "block"}


@contextlib.contextmanager
def guarded_page(browser, allowed_hosts=LOCAL_HOSTS, **context_options):
    """A page in a new browser context, guarded (see guard()).

    Service workers are blocked unless a test asks for them (service_workers="allow"): only the
    "Keep this guide on this phone" tests are about the worker, and installing it in every test
    costs time without testing anything more."""
    context = browser.new_context(**{**PAGE_OPTIONS, **context_options})
    try:
        with guard(context.new_page(), allowed_hosts) as page:
            yield page
    finally:
        context.close()


# Events a test may listen to on a shared page; one left listening after a test passes means
# the page is not handed on (see handed_on()).
_TEST_EVENTS = ("request", "response", "console", "pageerror", "download", "dialog", "popup")


def _as_new(page, site_url: str, viewport: dict) -> None:
    """Put a used page back as a new one is: online, nothing routed, no site data (storage, caches,
    cookies), its size and the default media, the mouse at the corner, on a blank page."""
    page.context.set_offline(False)
    page.unroute_all(behavior="ignoreErrors")
    page.context.unroute_all(behavior="ignoreErrors")
    page.goto(site_url + "assets/images/favicon.png")  # the site's own origin, where its data lives
    page.evaluate("""async () => {
        localStorage.clear();
        sessionStorage.clear();
        await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
    }""")
    page.context.clear_cookies()
    page.goto("about:blank")
    page.set_viewport_size(viewport)
    page.emulate_media(media="null", color_scheme="light", reduced_motion="no-preference", forced_colors="none")
    page.mouse.move(0, 0)


@pytest.fixture(scope="session")
def _reusable(browser):
    """The pages that tests in this process pass on to each other, one for each set of options
    (see handed_on())."""
    held: dict[str, object] = {}
    yield held
    for page in held.values():
        page.context.close()


def handed_on(request, site_url: str, options: dict):
    """For a fixture: a guarded page (see guarded_page()) with these context options, as a new one
    is. Every test in a test process that asks for a page with the same options gets the same
    browser page, put back as new in between (_as_new): a new page costs a new renderer process
    and a cold first load, about 0.7 s of processor time each, a tenth of the whole suite's. A test
    that fails, closes the page or leaves a listener on it passes on a new page instead. A test
    that needs init scripts or bindings uses guarded_page() for a context of its own."""
    held, key = request.getfixturevalue("_reusable"), repr(sorted(options.items()))
    reused = held.pop(key, None)
    if reused is not None and not reused.is_closed():
        try:
            _as_new(reused, site_url, options["viewport"])
        except Exception:  # a page that cannot be put back (it crashed, say) is not handed on
            reused.context.close()
            reused = None
    if reused is None or reused.is_closed():
        reused = request.getfixturevalue("browser").new_context(**options).new_page()
    failed_before, passed = request.session.testsfailed, False
    try:
        with guard(reused) as guarded:
            yield guarded
        passed = request.session.testsfailed == failed_before
    finally:
        if passed and not reused.is_closed() and not any(
                reused._impl_obj.listeners(event) for event in _TEST_EVENTS):  # Playwright's own event emitter
            held[key] = reused
        else:
            reused.context.close()


@pytest.fixture
def page(request, site_url):
    """A guarded page, shared with the other tests in this process (see handed_on())."""
    yield from handed_on(request, site_url, PAGE_OPTIONS)


@pytest.fixture
def page_without_script(request, site_url):
    """`page` with JavaScript off, as for a reader who has turned it off."""
    yield from handed_on(request, site_url, {**PAGE_OPTIONS, "java_script_enabled": False})


# Material fades and slides things (the search panel, the header's title, the menu). axe-core
# measures colours as they are at that moment, so half-faded text fails contrast: wait until
# nothing is moving (two frames, for changes that start on the next one; endless animations
# such as spinners do not count).
_STILL = """() => !document.getAnimations().some((a) => a.playState === 'running'
    && Number.isFinite(a.effect?.getComputedTiming().endTime))"""


def wait_until_still(page) -> None:
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function(_STILL, polling="raf", timeout=5000)


def axe_violations(page, context=None, rules: list[str] | None = None, preload: bool = True,
                   skip: list[str] = ()) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now, once nothing is moving
    (only `rules`, when given; all but `skip` otherwise). axe-core goes into each document once: a
    second audit of the same page (the other colour scheme, a later state) reuses it. `preload=False`
    skips axe's reading of the stylesheets, which only css-orientation-lock needs (it is then left
    incomplete, not passed)."""
    from axe_playwright_python.base import AXE_SCRIPT

    wait_until_still(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    options = {"runOnly": only, "resultTypes": ["violations"], "preload": preload,
               "rules": {rule: {"enabled": False} for rule in skip}}
    return page.evaluate("([context, options]) => axe.run(context || document, options).then((r) => r.violations)",
                         [context, options])


def colour_violations_in_both_schemes(page, context=None) -> dict[str, list[dict]]:
    """The colour rules' violations in the light scheme, then with the page switched to the dark
    scheme in place (as the palette toggle does), by scheme; the page is left in the light one."""
    found = {}
    for scheme, switch in (("light", LIGHT), ("dark", DARK)):
        page.evaluate(switch)
        if violations := axe_violations(page, context=context, rules=COLOUR_RULES):
            found[scheme] = violations
    page.evaluate(LIGHT)
    return found


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
