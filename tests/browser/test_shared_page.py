"""The `page` fixtures hand one browser page from test to test (handed_on() in conftest.py): each
must get it as a new page is, whatever the test before did with it."""

from __future__ import annotations

import pytest

from conftest import PAGE_OPTIONS, _as_new

pytestmark = pytest.mark.browser

GUIDE = "devices-and-wifi/wifi/"
_AS_SEEN = """() => ({
  stored: [Object.keys(localStorage), Object.keys(sessionStorage)],
  size: [innerWidth, innerHeight],
  media: ['print', '(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)'].filter((q) => matchMedia(q).matches),
  stylesheets: [...document.styleSheets].filter((sheet) => sheet.href).length,
  scripts: typeof window.document$ === 'object',  // Material's bundle ran
  online: navigator.onLine,
})"""


def test_a_page_used_every_way_a_test_can_is_handed_on_as_new(browser, site_url):
    context = browser.new_context(**PAGE_OPTIONS)
    try:
        page = context.new_page()
        page.goto(site_url + GUIDE)
        new = page.evaluate(_AS_SEEN)
        assert new["size"] == [1280, 900] and new["media"] == [] and new["online"]
        assert new["stylesheets"] >= 2 and new["scripts"]

        page.evaluate("() => { localStorage.setItem('a', '1'); sessionStorage.setItem('b', '2'); }")
        page.set_viewport_size({"width": 375, "height": 600})
        page.emulate_media(media="print", color_scheme="dark", reduced_motion="reduce")
        page.route("**/*.css", lambda route: route.abort())
        context.route("**/*.js", lambda route: route.abort())
        context.set_offline(True)

        _as_new(page, site_url, PAGE_OPTIONS["viewport"])
        assert page.url == "about:blank"
        page.goto(site_url + GUIDE)
        assert page.evaluate(_AS_SEEN) == new
    finally:
        context.close()
