"""Keep this guide on this phone: the service worker in Chromium, on a local web server.

A first visit registers the worker and fetches nothing more; after "Keep this guide on this
phone", with the browser offline, pages never opened, a pathway, print and search all work, and
an address never saved shows the offline page; a new version served at the same address shows
its change once online and keeps it offline, with the old cache gone; the kill switch removes
the worker and its caches; axe finds nothing on the control during and after saving.

Each test has its own browser context (its own workers and caches), with service workers
allowed (other tests block them). guard() records the whole context's requests, the worker's
own included (Playwright reports service worker network events in Chromium), so it still
proves that nothing leaves the site.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from caretech.site.offline_cache import MANIFEST_NAME, write_offline_files
from conftest import COLOUR_RULES, DARK, LIGHT, axe_violations, describe_violations, guarded_page
from pathway_helpers import answer_by_mouse, longest_route, pdf_text, snapshot, words

pytestmark = pytest.mark.browser

USE_OFFLINE = "use-offline/"
CHANGED_GUIDE = "devices-and-wifi/wifi/"
URGENT_PATHWAY = "pathways/something-gone-wrong/"
DONE = "Done. The whole guide is saved on this phone."


def worker_ready(page) -> str:
    """Wait until a service worker is active for the page; return its script address."""
    return page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.ready;
        const worker = registration.active;
        if (worker.state !== 'activated') {
            await new Promise((done) => worker.addEventListener('statechange',
                () => worker.state === 'activated' && done()));
        }
        return worker.scriptURL;
    }""")


def wait_until(page, script: str, arg=None, seconds: float = 15) -> None:
    """Poll an async check (wait_for_function does not wait for promises)."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    while True:
        try:
            if page.evaluate(script, arg):
                return
        except Error as error:  # the retiring worker reloads open pages
            if "context was destroyed" not in str(error):
                raise
        assert time.monotonic() < deadline, f"timed out waiting for: {script}"
        page.wait_for_timeout(100)


def our_caches(page) -> list[str]:
    return page.evaluate("async () => (await caches.keys()).filter((name) => name.startsWith('ctg:'))")


def save_whole_guide(page, site_url: str) -> float:
    """Open the "Use it offline" page, press the button, wait for Done; return the seconds it took."""
    page.goto(site_url + USE_OFFLINE)
    worker_ready(page)
    started = time.monotonic()
    page.get_by_role("button", name="Keep this guide on this phone").click()
    page.wait_for_function("(done) => document.querySelector('[data-ctg-keep-status]').textContent.startsWith(done)",
                           arg=DONE, timeout=60000)
    return time.monotonic() - started


def html_pages(site: Path) -> list[str]:
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    return [path for path, _, _ in manifest["files"] if path.endswith("index.html")]


def heading(site: Path, page: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", (site / page).read_text(encoding="utf-8"), re.S)
    return words(re.sub(r"<[^>]+>", "", found.group(1)))


# --- A server whose folder can be swapped for a new version, at the same address -----------

class VersionedSite:
    """`hang()` makes the server accept connections and never answer: Wi-Fi connected but
    not working. `answer()` lets the held requests go on. `go_down()` closes every connection
    unanswered, as when the signal has gone, until `come_back()`: with the browser set offline
    too, so that no request can reach the site even if the browser's offline setting reaches a
    service worker late (it is applied to each worker as Playwright attaches to it)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.answering = threading.Event()
        self.answering.set()
        self.down = threading.Event()
        handler = functools.partial(_Handler, site=self)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hang(self) -> None:
        self.answering.clear()

    def answer(self) -> None:
        self.answering.set()

    def go_down(self) -> None:
        self.down.set()

    def come_back(self) -> None:
        self.down.clear()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, site: VersionedSite, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.folder), **kwargs)

    def handle(self) -> None:
        if not self.site.down.is_set():
            super().handle()

    def send_head(self):
        self.site.answering.wait(60)
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends: browsers may reuse a file for 10 minutes
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def versioned_site(built_site, tmp_path):
    site = VersionedSite(tmp_path / "v1")
    shutil.copytree(built_site, site.folder)
    yield site
    site.answer()
    site.server.shutdown()


def publish_new_version(site: VersionedSite, tmp_path: Path, edit, enabled: bool = True) -> None:
    """Copy the site, let `edit` change it, write its file list and worker again as the build
    does, then serve the copy at the same address."""
    new = tmp_path / f"v{len(list(tmp_path.glob('v*'))) + 1}"
    shutil.copytree(site.folder, new)
    edit(new)
    write_offline_files(new, enabled=enabled)
    site.folder = new


# --- Tests ----------------------------------------------------------------------------------

def test_first_visit_registers_the_worker_and_fetches_no_other_page(browser, site_url):
    with guarded_page(browser, service_workers="allow") as page:
        fetched: list[str] = []
        page.context.on("request", lambda request: fetched.append(request.url))
        page.goto(site_url + CHANGED_GUIDE)
        assert worker_ready(page) == site_url + "sw.js"
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        pages = [url for url in fetched if url.endswith("/") or url.endswith(".html")]
        assert pages == [site_url + CHANGED_GUIDE]
        assert site_url + "sw.js" in fetched
        for never in (MANIFEST_NAME, "search_index.json", "offline/"):
            assert not [url for url in fetched if url.endswith(never)], never
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope") == site_url


def test_after_saving_the_whole_guide_works_offline(browser, site_url, built_site, tmp_path, compiled_pathways):
    with guarded_page(browser, service_workers="allow") as page:
        seconds = save_whole_guide(page, site_url)
        manifest = json.loads((built_site / MANIFEST_NAME).read_text(encoding="utf-8"))
        print(f"\nsaved {manifest['bytes'] / 1e6:.1f} MB ({len(manifest['files'])} files) in {seconds:.1f} s")
        page.context.set_offline(True)

        never_opened = [p for p in html_pages(built_site) if p not in (USE_OFFLINE + "index.html", "offline/index.html")]
        for name in never_opened[:: max(1, len(never_opened) // 10)][:10]:
            page.goto(site_url + name.removesuffix("index.html"))
            assert words(page.locator("h1").first.inner_text()) == heading(built_site, name), name

        pathway = compiled_pathways[0]
        route = longest_route(pathway)
        page.goto(f"{site_url}pathways/{pathway.id}/")
        for choice in route.choices:
            answer_by_mouse(page, choice)
        assert snapshot(page)["visible"] == [route.outcome.id]
        assert words(route.outcome.title) in words(pdf_text(page, tmp_path))
        page.emulate_media(media="screen")

        page.keyboard.press("/")
        page.keyboard.type("backup")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item").count() > 0

        # An address the guide does not have: "page not found", with search and the sections.
        page.goto(site_url + "no-such-page/")
        assert words(page.locator("h1").inner_text()) == "Page not found"
        content = page.locator(".md-content")
        assert "not saved" not in content.inner_text() and "signal" in content.inner_text()
        links = content.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
        for section in ("devices-and-wifi/", "keeping-information-safe/", "templates/", "pathways/"):
            assert site_url + section in links, section
        assert len(links) < 20 and not [link for link in links if "maintainers" in link]
        for link in content.locator(".ctg-link-list a").all():
            assert link.bounding_box()["height"] >= 44, link.inner_text()
        page.keyboard.press("/")
        page.keyboard.type("breach")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.keyboard.press("Escape")
        content.get_by_role("link", name="Devices, Wi-Fi and phones").click()
        assert words(page.locator("h1").first.inner_text()) == heading(built_site, "devices-and-wifi/index.html")

        # An address without its final slash.
        page.goto(site_url + CHANGED_GUIDE.rstrip("/"))
        assert page.url == site_url + CHANGED_GUIDE
        assert words(page.locator("h1").first.inner_text()) == heading(built_site, CHANGED_GUIDE + "index.html")

        # Every template's download is saved.
        templates = [path for path, _, _ in manifest["files"] if path.startswith("downloads/templates/")]
        assert len(templates) == len(list((built_site / "downloads/templates").iterdir())) > 0
        page.goto(site_url + "templates/data-breach-log/")
        with page.expect_download() as download:
            page.locator("a[download]").first.click()
        assert Path(download.value.path()).read_bytes() == (built_site / "downloads/templates/data-breach-log.xlsx").read_bytes()
        assert page.locator(".ctg-download-problem").count() == 0


def test_offline_a_page_never_opened_gets_no_signal_and_the_pages_kept_by_title(browser, versioned_site, built_site):
    site_url = versioned_site.url
    with guarded_page(browser, service_workers="allow") as page:
        page.goto(site_url)
        worker_ready(page)
        opened = [CHANGED_GUIDE, "keeping-information-safe/backups/", "maintainers/phone-offline/", "glossary/"]
        for name in opened:
            page.goto(site_url + name)
        page.context.set_offline(True)
        versioned_site.go_down()
        page.goto(site_url + "staff-skills/")
        assert words(page.locator("h1").inner_text()) == "No signal"
        saved = page.locator("[data-ctg-saved] a")
        saved.first.wait_for()
        titles = saved.all_inner_texts()
        assert titles == sorted(titles), "by title, not by address"
        assert not [title for title in titles if "switch it off" in title], "no maintainers' pages"
        assert len(titles) == len(opened) - 1, titles  # every page opened since the first, but the maintainers' one
        saved.filter(has_text="Wi-Fi").first.click()
        assert words(page.locator("h1").first.inner_text()) == heading(built_site, CHANGED_GUIDE + "index.html")


def test_a_download_that_cannot_be_fetched_says_so_on_the_page(browser, versioned_site):
    site_url = versioned_site.url
    with guarded_page(browser, service_workers="allow") as page:
        page.goto(site_url + "templates/system-down-plan/")
        worker_ready(page)
        page.reload()  # controlled by the worker now, but the guide is not saved
        page.wait_for_load_state("networkidle")  # the icon too: fetched late, it would fail offline
        page.context.set_offline(True)
        versioned_site.go_down()
        downloads = []
        page.on("download", lambda download: downloads.append(download))
        page.locator("a[download]").first.click()
        problem = page.locator(".ctg-download-problem")
        problem.wait_for()
        assert problem.get_attribute("role") == "alert"
        assert "not saved on this phone" in problem.inner_text()
        assert problem.get_by_role("link").get_attribute("href") == site_url + USE_OFFLINE
        assert downloads == []
        page.context.set_offline(False)
        versioned_site.come_back()
        with page.expect_download():
            page.locator("a[download]").first.click()
        problem.wait_for(state="detached")


def test_a_new_version_replaces_the_saved_one(browser, versioned_site, tmp_path):
    site = versioned_site
    changed = site.folder / CHANGED_GUIDE / "index.html"
    old_heading = heading(site.folder, CHANGED_GUIDE + "index.html")
    new_heading = old_heading + " (updated)"
    with guarded_page(browser, service_workers="allow") as page:
        save_whole_guide(page, site.url)
        old_caches = our_caches(page)

        def change_one_guide(folder: Path) -> None:
            page_file = folder / CHANGED_GUIDE / "index.html"
            text = page_file.read_text(encoding="utf-8")
            page_file.write_text(text.replace(f">{old_heading}</h1>", f">{new_heading}</h1>", 1), encoding="utf-8")

        publish_new_version(site, tmp_path, change_one_guide)
        assert heading(site.folder, CHANGED_GUIDE + "index.html") == new_heading
        page.goto(site.url + CHANGED_GUIDE)
        assert words(page.locator("h1").first.inner_text()) == new_heading, "the first view after an update is new"
        new_version = json.loads((site.folder / MANIFEST_NAME).read_text())["version"]
        wait_until(page, "async () => (await caches.keys()).filter((n) => n.startsWith('ctg:')).length === 1"
                         " && (await caches.keys()).some((name) => name.endsWith(" + json.dumps(new_version) + "))")
        assert our_caches(page) != old_caches and our_caches(page)[0].endswith(new_version)

        page.context.set_offline(True)
        page.goto(site.url + CHANGED_GUIDE)
        assert words(page.locator("h1").first.inner_text()) == new_heading
        page.goto(site.url + "keeping-information-safe/backups/")  # unchanged: carried over
        assert page.locator("h1").first.inner_text().strip()
    assert changed.exists()


def test_a_page_shown_from_the_saved_copy_offers_the_newer_version(browser, versioned_site, tmp_path):
    site = versioned_site
    old_heading = heading(site.folder, CHANGED_GUIDE + "index.html")
    with guarded_page(browser, service_workers="allow") as page:
        save_whole_guide(page, site.url)
        publish_new_version(site, tmp_path, lambda folder: _retitle(folder, old_heading, "Newer"))
        site.hang()  # slow Wi-Fi: the saved (old) copy shows first
        page.goto(site.url + CHANGED_GUIDE)
        assert words(page.locator("h1").first.inner_text()) == old_heading
        assert page.locator(".ctg-newer").count() == 0
        site.answer()
        newer = page.get_by_role("button", name="Show the newer version")
        newer.wait_for(timeout=15000)
        assert page.locator(".ctg-newer").get_attribute("role") == "status"
        found = axe_violations(page, context=".ctg-newer")
        assert not found, describe_violations(found)
        newer.click()
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('Newer')")


def _retitle(folder: Path, old_heading: str, new_heading: str) -> None:
    page_file = folder / CHANGED_GUIDE / "index.html"
    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(text.replace(f">{old_heading}</h1>", f">{new_heading}</h1>", 1), encoding="utf-8")


def test_remove_is_apart_from_keep_asks_first_and_removes_everything(browser, site_url):
    phone = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
    with guarded_page(browser, service_workers="allow", **phone) as page:
        page.goto(site_url + USE_OFFLINE)
        worker_ready(page)
        keep = page.get_by_role("button", name="Keep this guide on this phone")
        keep.click()
        page.wait_for_function("(done) => document.querySelector('[data-ctg-keep-status]').textContent.startsWith(done)",
                               arg=DONE, timeout=60000)
        remove = page.get_by_role("button", name="Remove the saved copy")
        keep_box, remove_box = keep.bounding_box(), remove.bounding_box()
        assert remove_box["y"] > keep_box["y"] + keep_box["height"] + 44, "Remove is not where Keep was"
        saved = our_caches(page)

        # A hurried second tap on Remove does not remove: it asks first.
        centre = (remove_box["x"] + remove_box["width"] / 2, remove_box["y"] + remove_box["height"] / 2)
        page.touchscreen.tap(*centre)
        page.touchscreen.tap(*centre)
        page.wait_for_timeout(300)
        assert our_caches(page) == saved
        assert page.locator("#ctg-keep-confirm-question").is_visible()
        buttons = [keep, page.get_by_role("button", name="No, keep it"), page.get_by_role("button", name="Yes, remove it")]
        boxes = [button.bounding_box() for button in buttons] + [keep_box, remove_box]
        assert all(box["width"] >= 44 and box["height"] >= 44 for box in boxes), boxes
        no, yes = boxes[1], boxes[2]
        assert yes["y"] > no["y"] + no["height"] or yes["x"] > no["x"] + no["width"], "space between them"
        page.get_by_role("button", name="No, keep it").click()
        assert our_caches(page) == saved and remove.is_visible()

        remove.click()
        page.get_by_role("button", name="Yes, remove it").click()
        page.wait_for_function("() => document.querySelector('[data-ctg-keep-status]').textContent.includes('removed')")
        assert our_caches(page) == []
        # Nothing comes back: no worker, no copies, whatever the reader opens next.
        for name in (USE_OFFLINE, "", CHANGED_GUIDE, "keeping-information-safe/backups/"):
            page.goto(site_url + name)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
        assert our_caches(page) == []

        # Until the reader saves again.
        page.goto(site_url + USE_OFFLINE)
        keep.click()
        page.wait_for_function("(done) => document.querySelector('[data-ctg-keep-status]').textContent.startsWith(done)",
                               arg=DONE, timeout=60000)
        assert len(our_caches(page)) == 1
        page.context.set_offline(True)
        page.goto(site_url + "staff-skills/")
        assert words(page.locator("h1").first.inner_text()) != "No signal"


def test_the_kill_switch_removes_the_worker_and_its_copies(browser, versioned_site, tmp_path):
    site = versioned_site
    with guarded_page(browser, service_workers="allow") as page:
        page.goto(site.url)
        worker_ready(page)
        page.goto(site.url + CHANGED_GUIDE)  # a page kept
        assert our_caches(page)

        def retire(folder: Path) -> None:
            # What `extra: keep_on_phone: false` changes in the build: data-ctg-retire on the
            # pages, and the retiring sw.js instead of the worker (written just after).
            for html in folder.rglob("*.html"):
                text = html.read_text(encoding="utf-8")
                html.write_text(re.sub(r'( data-ctg-worker="[^"]*")', r"\1 data-ctg-retire", text), encoding="utf-8")

        publish_new_version(site, tmp_path, retire, enabled=False)
        assert "unregister" in (site.folder / "sw.js").read_text()
        page.goto(site.url)
        wait_until(page, "async () => (await navigator.serviceWorker.getRegistrations()).length === 0")
        wait_until(page, "async () => (await caches.keys()).filter((n) => n.startsWith('ctg:')).length === 0")
        page.goto(site.url + CHANGED_GUIDE)
        page.wait_for_timeout(500)
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
        assert page.evaluate("() => navigator.serviceWorker.controller") is None
        assert our_caches(page) == []


def in_both_schemes(page, context=None) -> str:
    """axe's findings: every rule in the light scheme, then the colour rules with the page switched to
    the dark scheme in place (as the palette toggle does), which it is then switched back from."""
    light = axe_violations(page, context=context)
    page.evaluate(DARK)
    dark = axe_violations(page, context=context, rules=COLOUR_RULES)
    page.evaluate(LIGHT)
    return "\n".join(f"{scheme}:\n{describe_violations(found)}" for scheme, found in (("light", light), ("dark", dark)) if found)


def test_axe_finds_nothing_on_the_control_during_and_after_saving(browser, site_url):
    with guarded_page(browser, color_scheme="light", service_workers="allow") as page:
        held = []
        page.context.route("**/search/search_index.json", lambda route: held.append(route))
        page.goto(site_url + USE_OFFLINE)
        worker_ready(page)
        box = "[data-ctg-keep]"
        assert not (found := in_both_schemes(page)), f"before:\n{found}"
        page.get_by_role("button", name="Keep this guide on this phone").click()
        deadline = time.monotonic() + 30
        while not held:  # the search index is saved too; it waits here, mid-way
            assert time.monotonic() < deadline, "the search index was never asked for"
            page.wait_for_timeout(100)
        assert page.locator("#ctg-keep-bar").is_visible()
        assert 0 < page.evaluate("() => document.querySelector('#ctg-keep-bar').value") < 100
        assert page.locator("[data-ctg-keep-status]").get_attribute("role") == "status"
        assert page.locator("[data-ctg-keep-status]").inner_text().startswith("Saving")
        assert not (found := in_both_schemes(page, context=box)), f"saving:\n{found}"
        for route in held:
            route.continue_()
        page.wait_for_function("(done) => document.querySelector('[data-ctg-keep-status]').textContent.startsWith(done)",
                               arg=DONE, timeout=60000)
        page.locator("[data-ctg-keep-progress]").wait_for(state="hidden")
        # once Material's colour transitions have settled (axe_violations waits until nothing moves)
        assert not (found := in_both_schemes(page)), f"saved:\n{found}"
        assert page.get_by_role("button", name="Remove the saved copy").is_visible()
        page.get_by_role("button", name="Remove the saved copy").click()
        assert not (found := in_both_schemes(page, context=box)), f"asking before removing:\n{found}"
        page.get_by_role("button", name="Yes, remove it").click()
        page.wait_for_function("() => document.querySelector('[data-ctg-keep-status]').textContent.includes('removed')")
        assert our_caches(page) == []
        assert page.get_by_role("button", name="Keep this guide on this phone").is_visible()


def test_the_offline_copy_has_no_worker_and_never_registers_one(browser, offline_copy):
    folder = offline_copy.folder
    assert not (folder / "sw.js").exists() and not (folder / MANIFEST_NAME).exists()
    assert 'rel="manifest"' not in (folder / "index.html").read_text(encoding="utf-8")
    with guarded_page(browser, allowed_hosts=set(), service_workers="allow") as page:
        page.goto((folder / "use-offline.html").as_uri())
        assert page.locator("[data-ctg-keep]").count() == 0, "no save button inside the download"
        assert page.evaluate("() => location.protocol") == "file:"


def test_a_saved_page_shows_within_2_seconds_when_the_network_hangs(browser, versioned_site):
    site = versioned_site
    with guarded_page(browser, service_workers="allow") as page:
        save_whole_guide(page, site.url)
        site.hang()
        times = []
        for name in ("keeping-information-safe/backups/", "templates/system-down-plan/", URGENT_PATHWAY):
            # The better of two tries: on a busy 2-core machine one try can stall for reasons that
            # are not the worker's. The old worker took over 4 s every time, so this still fails it.
            tries = []
            for _ in range(2):
                started = time.monotonic()
                page.goto(site.url + name, wait_until="domcontentloaded")
                page.locator("h1").first.wait_for()
                tries.append(time.monotonic() - started)
                if tries[-1] < 2:
                    break
            times.append(min(tries))
        print(f"\nsaved pages shown with a network that does not answer: {', '.join(f'{t:.2f} s' for t in times)}")
        assert max(times) < 2, times
        site.answer()
