"""On a phone, 375 px wide, as a care worker uses it.

- Every control a reader taps is at least 44 by 44 CSS pixels (WCAG 2.5.5), with space between
  neighbours: header buttons, the search panel's buttons, "Print this page", page buttons, the
  footer's "Use it offline" link, and "Change" on a pathway's answers summary.
- The edit link (it opens GitHub, for contributors) is not shown on a phone, and is full size
  where it is shown.
- What a care worker reaches for is found from the top: the save control from the home page in
  one tap, the business case calculator from the top of its page, and the urgent pathway's
  first answers before anything else; its "every route" link sits below the questions.

The keep and remove buttons are measured in test_keep_on_phone.py, where they appear.
"""

from __future__ import annotations

import pytest

from conftest import PAGE_OPTIONS, handed_on
from pathway_helpers import answer_by_mouse, longest_route

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
TARGET = 44  # CSS pixels
PAGES = ["", "devices-and-wifi/wifi/", "templates/data-breach-log/", "use-offline/", "start-here/business-case/"]
URGENT = "pathways/something-gone-wrong/"  # the index: it sends people to one of the urgent pathways
URGENT_PATHWAYS = ("pathways/breach-or-scam/", "pathways/attack-or-system-down/")

# Every visible button, button-styled link, header control and footer link, with its box.
_CONTROLS = """() => [...document.querySelectorAll(
    'button, a.md-button, .md-header label.md-header__button, a.md-content__button, .ctg-footer-offline, .ctg-change a')]
  .filter((element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
  .map((element) => {
    const box = element.getBoundingClientRect();
    const name = (element.getAttribute('aria-label') || element.getAttribute('title') || element.textContent).trim();
    return { name: name.slice(0, 40), x: box.x, y: box.y, width: box.width, height: box.height };
  })
  .filter((box) => box.width > 0 && box.height > 0)"""


def too_small(controls: list[dict]) -> list[str]:
    return [f"{c['name']!r} {c['width']:.0f}x{c['height']:.0f}" for c in controls
            if c["width"] < TARGET or c["height"] < TARGET]


def overlapping(controls: list[dict]) -> list[str]:
    """Pairs of controls whose boxes touch or overlap: neighbours need space between them."""
    found = []
    for i, a in enumerate(controls):
        for b in controls[i + 1:]:
            apart = (a["x"] + a["width"] < b["x"] or b["x"] + b["width"] < a["x"]
                     or a["y"] + a["height"] < b["y"] or b["y"] + b["height"] < a["y"])
            if not apart:
                found.append(f"{a['name']!r} and {b['name']!r}")
    return found


@pytest.fixture
def phone_page(request, site_url):
    """A page on a phone's touch screen, passed from test to test as `page` is (handed_on())."""
    yield from handed_on(request, site_url, {**PAGE_OPTIONS, **PHONE})


def test_every_control_on_a_phone_is_full_size_with_space_between(phone_page, site_url):
    page = phone_page
    for name in PAGES:
        page.goto(site_url + name)
        page.locator(".ctg-footer-offline").scroll_into_view_if_needed()
        controls = page.evaluate(_CONTROLS)
        named = {c["name"] for c in controls}
        for needed in ("Menu", "Search", "Print this page", "Use it offline: keep it on your phone, o"):
            assert needed in named, (name, needed)
        assert not too_small(controls), (name, too_small(controls))
        assert not overlapping(controls), (name, overlapping(controls))
        assert page.locator("a.md-content__button").count() and not page.locator("a.md-content__button").first.is_visible(), (
            "the edit link is not shown on a phone")


def test_the_search_panel_buttons_are_full_size(phone_page, site_url):
    page = phone_page
    page.goto(site_url + "devices-and-wifi/")
    page.get_by_role("button", name="Search", exact=True).click()
    page.keyboard.type("wifi")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)  # the clear button grows in
    controls = [c for c in page.evaluate(_CONTROLS) if c["name"] in ("Close search", "Clear")]
    assert len(controls) == 2, controls
    assert not too_small(controls) and not overlapping(controls)


def test_the_edit_link_is_full_size_where_it_is_shown(page, site_url):
    page.goto(site_url + "devices-and-wifi/wifi/")
    edit = page.locator("a.md-content__button").first
    assert edit.is_visible()
    box = edit.bounding_box()
    assert box["width"] >= TARGET and box["height"] >= TARGET


def test_change_on_the_answers_summary_is_full_size(phone_page, site_url, compiled_pathways):
    pathway = compiled_pathways[0]
    route = longest_route(pathway)
    page = phone_page
    page.goto(f"{site_url}pathways/{pathway.id}/")
    for choice in route.choices:
        answer_by_mouse(page, choice)
    changes = page.locator(".ctg-change a")
    changes.first.wait_for()
    controls = [c for c in page.evaluate(_CONTROLS) if c["name"].startswith("Change")]
    assert len(controls) == len(route.choices)
    assert not too_small(controls) and not overlapping(controls)


def test_the_save_control_is_one_tap_from_the_home_page(phone_page, site_url):
    page = phone_page
    page.goto(site_url)
    link = page.locator(".md-content a[href^='use-offline/']")
    assert link.count() == 1, "a link in the page itself, not only in the footer"
    box = link.bounding_box()
    assert box["height"] >= TARGET and box["y"] < 2 * PHONE["viewport"]["height"], box
    link.click()
    page.get_by_role("button", name="Keep this guide on this phone").wait_for()


def test_the_calculator_is_linked_from_the_top_of_the_business_case(phone_page, site_url):
    page = phone_page
    page.goto(site_url + "start-here/business-case/")
    link = page.locator(".md-content a[href='#work-out-the-figures']").first
    assert link.bounding_box()["y"] < 2 * PHONE["viewport"]["height"]
    calculator = page.locator("#work-out-the-figures ~ *").filter(has=page.locator("input")).first
    assert calculator.bounding_box()["y"] > 5 * PHONE["viewport"]["height"], "the link is worth having"
    link.click()
    page.wait_for_timeout(300)
    assert page.locator("#work-out-the-figures").bounding_box()["y"] < PHONE["viewport"]["height"]


def test_the_urgent_pathway_shows_its_first_answers_first(phone_page, site_url):
    page = phone_page
    # The home page's "Get help now" leads to the index, whose answers come first.
    page.goto(site_url + URGENT)
    box = page.locator(".ctg-index-answers a").first.bounding_box()
    assert box["y"] + TARGET <= PHONE["viewport"]["height"], "the index's first answer is on the first screen"
    for pathway in URGENT_PATHWAYS:
        page.goto(site_url + pathway)
        first_answer = page.locator(".ctg-step:visible .ctg-choice, .ctg-step:visible .ctg-answer").first
        box = first_answer.bounding_box()
        assert box["y"] + TARGET <= PHONE["viewport"]["height"], f"{pathway}: the first answer is on the first screen"
        every_route = page.get_by_role("link", name="See every route on one page")
        assert page.evaluate("""([pathway, link]) => Boolean(pathway.compareDocumentPosition(link)
                                 & Node.DOCUMENT_POSITION_FOLLOWING)""",
                                 [page.locator("#pathway").element_handle(), every_route.element_handle()])
