"""Pathway pages and accessibility: axe-core (WCAG 2.2 A and AA) in every state, both palettes,
small screens and 400% zoom, target sizes, visible focus and reduced motion."""

from __future__ import annotations

import pytest

from conftest import COLOUR_RULES, axe_violations, colour_violations_in_both_schemes, describe_violations
from pathway_helpers import (
    IDS, SAMPLE_IDS, answer_by_mouse, click, longest_route, page_url, snapshot, state_url,
)
from style_contexts import one_of_each_style_context

pytestmark = pytest.mark.browser


def assert_none_but_colour(page, where: str) -> None:
    """Every rule but the colour rules: a pathway's words change no colour, so those run on the
    sample pathways only (in both schemes), as the walk over every page runs them on a sample
    (test_accessibility.py)."""
    violations = axe_violations(page, skip=COLOUR_RULES)
    assert not violations, f"{where}:\n{describe_violations(violations)}"


def without_script(page) -> None:
    """Serve an empty script bundle (pathway.js is in it): the page as it is with our JavaScript off
    (or if the script fails to load), which shows every question and result at once, so axe checks
    all of the content."""
    page.route("**/assets/javascripts/care-tech-guide.*.js",
               lambda route: route.fulfill(status=200, content_type="text/javascript", body=""))


def assert_none_in_either_scheme(page, where: str) -> None:
    """Every rule but the colour rules; then the colour rules on one shown element of each style
    context (style_contexts.py, as the walk over every page checks them), in the light scheme and
    with the page switched to the dark scheme in place (as the palette toggle does), then back."""
    assert_none_but_colour(page, where)
    found = colour_violations_in_both_schemes(page, one_of_each_style_context(page))
    assert not found, "\n".join(f"{where} ({scheme}):\n{describe_violations(v)}" for scheme, v in found.items())


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_axe_finds_nothing_mid_way_and_at_the_result_in_either_scheme(page, site_url, pathway):
    """The states only the script makes, on the sample pathways: their markup is the same on every
    pathway (caretech/pathways/render.py, pathway.js), and every pathway's words are audited with
    every question and result shown (without the script, below) and as the page loads (the walk over
    every page, test_accessibility.py)."""
    route = longest_route(pathway)
    middle = max(1, len(route.choices) // 2)
    page.goto(page_url(site_url, pathway))
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    for choice in route.choices[:middle]:
        answer_by_mouse(page, choice)
    if middle < len(route.choices):  # an answer selected, not yet sent
        page.locator(f"#{route.choices[middle].question.id} .ctg-choice").first.click()
    assert_none_in_either_scheme(page, f"{pathway.id}, mid-way with an answer selected")
    for choice in route.choices[middle:]:
        answer_by_mouse(page, choice)
    assert snapshot(page)["visible"] == [route.outcome.id]
    assert_none_in_either_scheme(page, f"{pathway.id}, result")


# Without the script every pathway page is the same markup (caretech/pathways/render.py) with its
# own words. So every pathway's whole tree is audited with every rule but the colour rules (the
# others see the words), and the colour rules, which follow the markup, in both schemes on the sample.
@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_axe_finds_nothing_on_the_whole_tree_without_the_script(page, site_url, pathway):
    without_script(page)
    page.goto(page_url(site_url, pathway))
    assert page.locator(".ctg-enhanced").count() == 0
    assert page.locator(".ctg-step:visible").count() == len(pathway.questions) + len(pathway.outcomes)
    if pathway.id in SAMPLE_IDS:
        assert_none_in_either_scheme(page, f"{pathway.id}, no script")
    else:
        assert_none_but_colour(page, f"{pathway.id}, no script")


def test_axe_finds_nothing_in_error_and_note_states(page, site_url, compiled_pathways):
    """These parts are the same on every pathway, so one pathway is enough."""
    pathway = compiled_pathways[0]
    outcome = pathway.outcomes[0]
    page.goto(page_url(site_url, pathway))
    page.locator(f"#{pathway.start} button[type=submit]").click()
    assert page.locator(f"#{pathway.start} .ctg-error").is_visible()
    assert_none_in_either_scheme(page, "an answer missing")
    page.goto("about:blank")  # a fresh visit each time, as when following a link from elsewhere
    page.goto(f"{page_url(site_url, pathway)}#step=x&v=0&a=nonsense:9")
    assert snapshot(page)["note"]
    assert_none_in_either_scheme(page, "a broken link's note")
    page.goto("about:blank")
    page.goto(f"{page_url(site_url, pathway)}#{outcome.id}")
    assert snapshot(page)["visible"] == [outcome.id]
    assert_none_in_either_scheme(page, "a result on its own")


SMALL_SCREENS = {
    "phone, 375 px": {"width": 375, "height": 667},
    "1280 px at 400% zoom": {"width": 320, "height": 225},
}


def overflow(page) -> list[str]:
    """Anything in the pathway wider than the screen (which would mean scrolling sideways)."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('.md-content *')]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 1)
        .map((el) => el.tagName + '.' + el.className);
      if (document.documentElement.scrollWidth > width) wide.push('page: ' + document.documentElement.scrollWidth);
      return wide;
    }""")


@pytest.mark.parametrize("screen", SMALL_SCREENS, ids=list(SMALL_SCREENS))
def test_small_screens_and_400_percent_zoom_need_no_sideways_scrolling(page, site_url, screen, compiled_pathways):
    page.set_viewport_size(SMALL_SCREENS[screen])
    for pathway in compiled_pathways:
        route = longest_route(pathway)
        page.goto(page_url(site_url, pathway))
        assert not overflow(page), pathway.id
        for choice in route.choices:
            answer_by_mouse(page, choice)  # fails if anything covers the answers or Continue
            assert not overflow(page), (pathway.id, choice.question.id)
        assert snapshot(page)["visible"] == [route.outcome.id]
        click(page, f"#{route.outcome.id} .ctg-change a", 0)
        assert snapshot(page)["visible"] == [pathway.start]


def test_touch_targets_are_large(page, site_url, compiled_pathways):
    pathway = compiled_pathways[0]
    route = longest_route(pathway)
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(state_url(site_url, pathway, route.choices, route.choices[-1].question.id))
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.ctg-choice, .ctg-button, .ctg-back, .ctg-restart-link')]
      .filter((el) => el.getClientRects().length)
      .map((el) => [el.className, el.getBoundingClientRect().width, el.getBoundingClientRect().height])""")
    assert len(sizes) >= 4
    for name, width, height in sizes:
        assert width >= 44 and height >= 44, f"{name} is {width:.0f} x {height:.0f} px"
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    changes = page.locator(".ctg-change a")
    for number in range(changes.count()):
        box = changes.nth(number).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 target size (minimum)


def outline(page) -> tuple[str, float]:
    style = page.evaluate("""() => {
      const el = document.activeElement.closest('.ctg-choice') || document.activeElement;
      const s = getComputedStyle(el);
      return [s.outlineStyle, parseFloat(s.outlineWidth)];
    }""")
    return style[0], style[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_clearly_visible(page, site_url, scheme, compiled_pathways):
    pathway = compiled_pathways[0]
    page.emulate_media(color_scheme=scheme)
    page.goto(page_url(site_url, pathway))
    page.locator(f"#{pathway.start}-title").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "radio"
    style, width = outline(page)
    assert style == "solid" and width >= 3, "the focused answer's box has a thick outline"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Continue"
    style, width = outline(page)
    assert style == "solid" and width >= 3


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_off_movement(page, site_url, motion, compiled_pathways):
    page.emulate_media(reduced_motion=motion)
    page.goto(page_url(site_url, compiled_pathways[0]))
    duration = page.evaluate("getComputedStyle(document.querySelector('.ctg-choice')).transitionDuration")
    assert (duration == "0s") == (motion == "reduce")


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_each_question_is_a_named_group_of_radio_buttons(page, site_url, pathway):
    """What a screen reader hears: the question names the group; each answer names its radio button."""
    route = longest_route(pathway)
    page.goto(state_url(site_url, pathway, route.choices, route.choices[-1].question.id))
    question = route.choices[-1].question
    group = page.get_by_role("group", name=question.question)
    assert group.count() == 1 and group.is_visible()
    if question.hint:
        assert page.evaluate(
            "(id) => document.getElementById(document.querySelector(`#${id} fieldset`).getAttribute('aria-describedby')).textContent",
            question.id,
        ).strip() == question.hint
    for answer in question.answers:
        assert group.get_by_role("radio", name=answer.label, exact=True).count() == 1
    heading = page.get_by_role("heading", name=question.question, level=2)
    assert heading.count() == 1
