"""Accessibility in real Chromium: axe-core (WCAG 2.2 A and AA) on every built page, with the
colour rules in both schemes on every kind of text the site styles; and the site used with the
keyboard alone on a phone-sized screen (375 px) and at 400% zoom (320 px), where Tab must never
land on anything hidden, off-screen or covered.

Each page is loaded once, in one browser page per part of the walk, with axe-core already in it
(an init script), in the light scheme. A text's colours come from CSS, which picks it by its tag,
classes and attributes and those around it, so text styled the same way has the same contrast on
every page. So axe runs every rule but the colour rules (COLOUR_RULES) on every page; the colour
rules, which take most of axe's time, run on the pages that between them hold every style context
of text, and there on one element of each context the page shows (style_contexts.py), in the light
scheme and then, switched in place as Material's palette toggle does (our dark styles and
Material's key on `data-md-color-scheme`), in the dark one. The same walk checks that no page asks
for anything from another host or logs an error (the page is a guarded_page: every request to
another host is blocked and recorded), so the site is not loaded again for that."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from conftest import COLOUR_RULES, axe_violations, colour_violations_in_both_schemes, guarded_page
from helpers import SITE_NAME
from material_search import MaterialSearch
from site_addresses import SHOWN_PAGES, address, built_pages
from style_contexts import (
    SAMPLED, STYLE_CONTEXTS_IN_THE_BROWSER, one_of_each_style_context, pages_covering_every_style_context, style_contexts,
)

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
# The search state: a fixed query whose results show every part of a result (titles, text,
# highlighted words, "Missing:" words and "more on this page"), checked against the index.
SEARCH = "backup phone"
SEARCH_RESULTS_SHOWN = 10  # Material lists the first 10 pages, then more as the list scrolls


# A pathway's "All routes" page writes out every route in the same markup, one block after
# another (caretech/pathways/render.py, words escaped), up to 229 of them (12,000 elements). axe-core
# takes about a second per thousand elements in the document, whatever part it audits, so the walk
# takes the blocks after the first ROUTES_AUDITED out of the page, once it has loaded, and audits
# the rest; every route's words are checked in Python (tests/test_render.py, test_routes.py).
ROUTES_AUDITED = 20
_ALL_ROUTES = re.compile(r"pathways/[^/]+/all-routes/index\.html")
_LATER_ROUTES = f"#route-{ROUTES_AUDITED + 1}"
# Routes are grouped by result (one <section> each): the later groups go too.
_REMOVE_LATER_ROUTES = f"""() => document.querySelectorAll(
    '.ctg-route-group:has({_LATER_ROUTES}) ~ *, {_LATER_ROUTES} ~ *, {_LATER_ROUTES}').forEach((el) => el.remove())"""


def open_for_audit(page, site_url: str, name: str) -> None:
    """Load the page, in the light scheme; on an All routes page, then keep only the audited routes."""
    page.goto(address(site_url, name))
    check_scheme(page, "light")
    if _ALL_ROUTES.fullmatch(name):
        page.evaluate(_REMOVE_LATER_ROUTES)
        assert page.locator("[id^='route-']").count() <= ROUTES_AUDITED


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            node = v["nodes"][0]
            detail = " ".join((node.get("failureSummary") or "").split())[:300]
            targets = "; ".join(str(n["target"][-1]) for n in v["nodes"][:4])
            lines.append(f"{where}\n    {v['id']} ({v['impact']}): {v['help']}\n"
                         f"    {len(v['nodes'])} element(s), e.g. {targets}\n    {detail}")
    return "\n".join(lines)


# --- axe-core on every page ---------------------------------------------------------------------

def check_scheme(page, scheme: str) -> None:
    page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme], timeout=5000)


def show_search_results(page, site_url: str, built_site) -> None:
    """Open search with the keyboard, type the fixed query, and wait for its final results (those
    the index gives for the whole query, not a partial one typed so far)."""
    expected = MaterialSearch.from_file(built_site / "search" / "search_index.json").pages(SEARCH)
    expected = expected[:SEARCH_RESULTS_SHOWN]
    page.keyboard.press("/")
    page.keyboard.type(SEARCH)
    try:
        page.wait_for_function(f"(expected) => ({SHOWN_PAGES})().join() === expected.join()",
                               arg=[site_url + name for name in expected], timeout=15000)
    except Exception:
        shown = [href.removeprefix(site_url) for href in page.evaluate(SHOWN_PAGES)]
        pytest.fail(f"search for {SEARCH!r} shows {shown}, expected {expected}")
    assert page.locator(".md-search-result mark").count() and page.locator(".md-search-result__terms").count()
    assert page.locator(".md-search-result__more").count()


# The walk is cut into parts, so the test processes share it out between them; together the parts
# visit every page. axe-core's time follows the number of elements in the document, so each page
# goes to the part with the fewest elements so far, the biggest pages first (and a page in the
# colour sample counts twice: two more, shorter runs): then no part waits long on the others.
PARTS = 12


def parts_of_the_walk(site: Path) -> list[list[str]]:
    colour_sample = pages_covering_every_style_context(site)

    def weight(name: str) -> int:
        elements = (site / name).read_text(encoding="utf-8").count("<")
        if _ALL_ROUTES.fullmatch(name):
            elements = min(elements, 3000)  # only the first routes stay (open_for_audit)
        return elements * (2 if name in colour_sample else 1)

    parts: list[list[str]] = [[] for _ in range(PARTS)]
    totals = [0] * PARTS
    for name in sorted(built_pages(site), key=lambda name: (-weight(name), name)):
        lightest = totals.index(min(totals))
        parts[lightest].append(name)
        totals[lightest] += weight(name)
    return parts


@pytest.mark.parametrize("part", range(PARTS), ids=[f"part{n + 1}of{PARTS}" for n in range(PARTS)])
def test_every_page_has_no_wcag_violations_in_either_scheme_and_asks_no_other_host(browser, site_url, built_site, part):
    """One browser page walks its part of the site. Each page loads once, in the light scheme, and
    gets every WCAG 2.2 A/AA rule but the colour rules; on a page in the colour sample
    (style_contexts.py) the colour rules then check one element of each style context, then the
    page is switched to the dark scheme in place (as the palette toggle does) and they check them
    again. The last part then opens search (with results) and the menu at phone width, which only
    exist after a click, and audits both with every rule in both schemes."""
    from axe_playwright_python.base import AXE_SCRIPT

    with guarded_page(browser) as page:  # a context of its own: axe goes into its every document
        page.context.add_init_script(AXE_SCRIPT)  # in every document from the start: no injection per page
        page.emulate_media(color_scheme="light")
        pages = sorted(parts_of_the_walk(built_site)[part])
        colour_sample = pages_covering_every_style_context(built_site)
        found: dict[str, list[dict]] = {}
        requests: dict[str, list[str]] = {}  # page -> requests to other hosts, and console errors
        # Every page has the same two stylesheets (test_bundle.py), so the one rule that reads them
        # (css-orientation-lock, which needs axe's "preload" of the CSS) runs on each part's first page.

        def visit(where: str, action, colours: str | None = None, preload: bool = False) -> None:
            """colours: "all" runs the colour rules on the whole page, "sample" on one element of each
            style context, None not at all."""
            before = (len(page.blocked_requests), len(page.console_errors))
            action()
            if violations := axe_violations(page, preload=preload, skip=COLOUR_RULES):
                found[where] = violations
            if colours:
                context = one_of_each_style_context(page) if colours == "sample" else None
                for scheme, violations in colour_violations_in_both_schemes(page, context).items():
                    found[f"{where} ({scheme})"] = violations
            if new := page.blocked_requests[before[0]:] + page.console_errors[before[1]:]:
                requests[where] = new

        started = time.monotonic()
        for name in pages:
            visit(name, lambda: open_for_audit(page, site_url, name),
                  colours="sample" if name in colour_sample else None, preload=name == pages[0])

        def search() -> None:
            page.goto(site_url)
            show_search_results(page, site_url, built_site)
            page.wait_for_load_state("networkidle")  # the search worker and index have loaded

        if part == PARTS - 1:  # the first part holds the biggest page
            visit(f"search for {SEARCH!r} (home page)", search, colours="all")

        def open_menu() -> None:
            page.set_viewport_size({"width": 375, "height": 740})
            page.goto(address(site_url, "devices-and-wifi/wifi/index.html"))
            page.locator(".md-header [for='__drawer']").click()
            assert page.evaluate("() => document.getElementById('__drawer').checked")

        if part == PARTS - 1:
            visit("menu open at 375 px (devices-and-wifi/wifi/)", open_menu, colours="all")

        count = sum(len(v) for v in found.values())
        print(f"\naxe-core, part {part + 1} of {PARTS}: {len(pages)} pages audited (all WCAG 2.2 A/AA rules; "
              f"colour rules, in both schemes, on one element of each style context on {len(colour_sample.intersection(pages))}) in {time.monotonic() - started:.0f} s, {count} violation(s), "
              f"{len(page.blocked_requests)} blocked requests")
        assert not requests, "requests to other hosts or console errors:\n" + "\n".join(
            f"{where}\n    " + "\n    ".join(new) for where, new in requests.items())
        assert not found, f"{count} WCAG violation(s):\n" + report(found)
        assert page.context.cookies() == []
        assert page.evaluate("() => Object.keys(localStorage)") == []
        assert page.evaluate("() => Object.keys(sessionStorage)"), "(settings do live in sessionStorage)"


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_with_reduce_motion_on_nothing_fades_or_slides(page, site_url, motion):
    """Material animates whatever the reader's setting; site.css turns that off when asked."""
    page.emulate_media(reduced_motion=motion)
    page.goto(site_url)
    fade = page.evaluate("getComputedStyle(document.querySelector('.md-search__output')).transitionDuration")
    assert (fade == "0s") == (motion == "reduce"), fade  # Material's own: 0.4 s
    if motion == "reduce":
        page.keyboard.press("/")  # opens search: at once, with nothing left to move
        # Once Material has opened it (its key handler may start a moment after the page loads).
        page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
        opacity, moving = page.evaluate("""() => [getComputedStyle(document.querySelector('.md-search__output')).opacity,
            document.getAnimations().filter((a) => a.playState === 'running').length]""")
        assert (opacity, moving) == ("1", 0)


def test_every_page_has_a_language_and_a_meaningful_title(built_site):
    titles: dict[str, str] = {}
    for name in built_pages(built_site):
        text = (built_site / name).read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in text, name
        title = html.unescape(re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip())
        assert title, name
        titles[name] = title
    assert titles["index.html"] == SITE_NAME
    assert titles["404.html"] == f"Page not found - {SITE_NAME}"
    others = {name: t for name, t in titles.items() if name not in ("index.html", "404.html")}
    assert all(t.endswith(f" - {SITE_NAME}") and t != f" - {SITE_NAME}" for t in others.values()), others


# --- Keyboard alone -----------------------------------------------------------------------------

# What is wrong with where focus is now (None when all is well): a visitor must be able to see
# the focused control, so it must be rendered, inside the viewport, and not under anything.
_FOCUS_PROBLEM = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // The colour switch is a zero-size radio button shown through the label after it.
  const shown = el.matches('.md-option') ? el.nextElementSibling : el;
  const name = (el.getAttribute('aria-label') || el.innerText || el.outerHTML).trim().slice(0, 60);
  if (!shown || !shown.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    return `focus is on something hidden: ${name}`;
  const boxes = [...shown.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  const inView = boxes.filter((r) => r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight);
  if (!inView.length) return `focus is off-screen: ${name}`;
  const onTop = inView.some((r) => {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    return hit && (shown.contains(hit) || hit.contains(shown));
  });
  return onTop ? null : `focus is covered by something else: ${name}`;
}"""

_FOCUSED = """() => {
  const el = document.activeElement || document.body;
  return {
    name: (el.getAttribute('aria-label') || el.innerText || '').trim(),
    href: el.href || '',
    tag: el.tagName,
  };
}"""


def press(page, key: str, then_focus: str | None = None) -> dict:
    """Press a key, wait for focus to settle somewhere a person can see it (on an element
    matching `then_focus`, if given), and say where it is."""
    page.keyboard.press(key)
    if then_focus:
        page.wait_for_function("(s) => document.activeElement && document.activeElement.matches(s)", arg=then_focus)
    try:
        page.wait_for_function(f"() => ({_FOCUS_PROBLEM})() === null", timeout=1500)
    except Exception:
        pytest.fail(f"after {key}: {page.evaluate(_FOCUS_PROBLEM)} (at {page.url})")
    return page.evaluate(_FOCUSED)


def follow(page, address_pattern: str) -> None:
    """Press Enter on the focused link and wait for the new page."""
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(address_pattern))
    page.wait_for_load_state()


def tab_until(page, matches, limit: int = 80, key: str = "Tab") -> dict:
    for _ in range(limit):
        focused = press(page, key)
        if matches(focused):
            return focused
    pytest.fail(f"{limit} presses of {key} never reached the control (at {page.url})")


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    return page


def test_menu_guide_and_search_with_keys_alone_at_375px(phone, site_url):
    page = phone
    page.goto(site_url)

    # Open the menu: focus moves into it.
    tab_until(page, lambda f: f["name"] == "Menu", limit=5)
    press(page, "Enter", then_focus=".md-sidebar--primary *")
    assert page.evaluate("() => document.getElementById('__drawer').checked")

    # Follow a section's link; on its page the menu opens at that section's panel.
    section = tab_until(page, lambda f: f["name"] == "Devices, Wi-Fi and phones")
    assert section["href"].endswith("devices-and-wifi/")
    follow(page, r"/devices-and-wifi/$")
    tab_until(page, lambda f: f["name"] == "Menu", limit=5)
    back = press(page, "Enter", then_focus=".md-nav__title")
    assert back["name"].startswith("Devices, Wi-Fi and phones"), "focus on the panel's back button"

    # Back to the main list and into the panel again, then follow the first guide in it.
    opener = press(page, "Enter", then_focus=".md-nav__link[for]")
    assert opener["name"] == "Pages in Devices, Wi-Fi and phones"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"
    press(page, "Enter", then_focus=".md-nav__title")
    guide = press(page, "Tab")
    assert "devices-and-wifi/" in guide["href"], guide
    follow(page, r"/devices-and-wifi/[^/]+/$")
    assert page.locator(".ctg-reviewed").count() > 0, "a guide page, with its review date"

    # Search: open it, type, hear the count, reach a result with Tab, open it.
    tab_until(page, lambda f: f["name"] == "Search", limit=6)
    press(page, "Enter", then_focus=".md-search__input")
    assert page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.type("backup")
    status = page.locator(".md-search-result__meta")
    page.wait_for_function("() => /\\d+ matching document/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert status.get_attribute("role") == "status"
    assert page.get_attribute(".md-search", "aria-label")
    result = tab_until(page, lambda f: bool(f["href"]) and "backups" in f["href"], limit=4)
    follow(page, r"/keeping-information-safe/backups/")
    assert "backups" in result["href"]


def test_escape_closes_the_menu_and_gives_focus_back(phone, site_url):
    page = phone
    page.goto(address(site_url, "devices-and-wifi/wifi/index.html"))
    tab_until(page, lambda f: f["name"] == "Menu", limit=5)
    press(page, "Enter", then_focus=".md-sidebar--primary *")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.get_attribute(".md-header [for='__drawer']", "aria-expanded") == "true"
    focused = press(page, "Escape")
    assert focused["name"] == "Menu"
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.get_attribute(".md-header [for='__drawer']", "aria-expanded") == "false"


def test_the_skip_link_jumps_past_the_menu(page, site_url):
    page.goto(address(site_url, "devices-and-wifi/wifi/index.html"))
    skip = press(page, "Tab")
    assert skip["href"].endswith("#main-content")
    press(page, "Enter")
    after = press(page, "Tab")
    assert page.evaluate("() => document.getElementById('main-content').contains(document.activeElement)"), after


WALKS = [
    pytest.param(375, 740, "index.html", id="home-375px"),
    pytest.param(375, 740, "devices-and-wifi/wifi/index.html", id="guide-375px"),
    pytest.param(375, 740, "pathways/staff-own-phones/index.html", id="pathway-375px"),
    pytest.param(320, 256, "devices-and-wifi/wifi/index.html", id="guide-400%-zoom"),
]


@pytest.mark.parametrize(("width", "height", "name"), WALKS)
def test_tab_never_lands_on_hidden_or_covered_controls(page, site_url, width, height, name):
    """Tab through the whole page, then through the open menu; every stop must be visible."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(address(site_url, name))
    stops = walk_once_round(page)
    assert stops > 5
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator(".ctg-skip").focus()
    tab_until(page, lambda f: f["name"] == "Menu", limit=5)
    press(page, "Enter", then_focus=".md-sidebar--primary *")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    while page.evaluate("() => document.querySelector('.md-sidebar--primary').contains(document.activeElement)"):
        press(page, "Tab")
    assert not page.evaluate("() => document.getElementById('__drawer').checked"), "leaving the menu closes it"


def walk_once_round(page, limit: int = 400) -> int:
    """Press Tab until focus comes back round to a control already visited."""
    for stop in range(limit):
        press(page, "Tab")
        if page.evaluate("""() => {
              const el = document.activeElement;
              if (el === document.body || el.dataset.ctgVisited) return true;
              el.dataset.ctgVisited = '1';
              return false;
            }"""):
            return stop
    pytest.fail(f"focus never came back round after {limit} presses of Tab")


def test_the_walk_visits_every_page_once(built_site):
    visited = [name for part in parts_of_the_walk(built_site) for name in part]
    assert sorted(visited) == built_pages(built_site)


def test_the_colour_sample_holds_every_style_context_once_enough(tmp_path):
    """The pages the colour rules audit (style_contexts.py): a page whose every piece of text
    is styled as on another page adds nothing; text in a new class, or among new classes or
    tags, does."""
    pages = {
        "a.html": '<p class="x">one <a href="#">link</a></p>',
        "b.html": '<p class="x">two, the same styles <a href="#">other link</a></p>',
        "c.html": '<div class="box"><p class="x">the same paragraph, in a box</p></div>',
        "d.html": '<p class="x">three</p><p class="y">new class</p>',
        "e.html": '<blockquote><p class="x">the same paragraph, quoted</p></blockquote>',
    }
    for name, body in pages.items():
        (tmp_path / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert pages_covering_every_style_context(tmp_path) == {"a.html", "c.html", "d.html", "e.html"}


def test_the_browser_and_python_find_the_same_style_contexts_on_the_colour_sample(page, built_site):
    """Python chooses the pages from the built files; the browser marks the elements on them. If
    the two meant different things by a style context, a context could go unchecked."""
    for name in sorted(pages_covering_every_style_context(built_site)):
        source = (built_site / name).read_text(encoding="utf-8")
        in_browser = page.evaluate(STYLE_CONTEXTS_IN_THE_BROWSER, [source, None])
        assert sorted(in_browser) == sorted(style_contexts(source)), name


def test_the_colour_check_on_one_element_of_each_style_context_finds_faint_text(page, site_url):
    """Text made too faint wherever it has one style (every item in a guide's lists) is found,
    although only one of those items is checked."""
    page.goto(address(site_url, "keeping-information-safe/backups/index.html"))
    context = one_of_each_style_context(page)
    assert not axe_violations(page, context=context, rules=COLOUR_RULES)
    items = page.evaluate("""(sampled) => {
        const items = [...document.querySelectorAll('article ul > li')];
        items.forEach((li) => { li.style.color = '#d8d8d8'; });
        return [items.length, items.filter((li) => li.hasAttribute(sampled)).length];
    }""", SAMPLED)
    assert items[0] > items[1] >= 1, items
    violations = axe_violations(page, context=context, rules=COLOUR_RULES)
    assert [v["id"] for v in violations] == ["color-contrast"]
    assert len(violations[0]["nodes"]) < items[0]
