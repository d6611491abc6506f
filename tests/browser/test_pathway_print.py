"""Printing a pathway in Chromium (print media, PDF, poppler's pdftotext): the result on its own with
JavaScript on, the whole tree with it off, and never the site's menus, buttons or search."""

from __future__ import annotations

import datetime
import re

import pytest

from caretech.readers.dates import format_date as long_date
from pathway_helpers import (
    IDS, SAMPLE_IDS, SITE_ADDRESS, guide_address, longest_route, no_spaces, page_url, pdf_text, routes,
    state_url, words,
)

pytestmark = pytest.mark.browser

# Lines that only the screen shows: the site's furniture, and the pathway's own controls.
SCREEN_ONLY = ["Skip to content", "Search", "Back to top", "Back", "Continue", "Change", "Start again",
               "Print your result", "Answer the questions", "Guided pathways", "Glossary", "About this site"]


def route_with_most_to_print(pathway):
    return max(routes(pathway), key=lambda r: (len(r.actions) + len(r.choices), len(r.outcome.guides)))


def lines(text: str) -> set[str]:
    """Each printed line, and each column of a line (pdftotext -layout keeps columns apart)."""
    found = set()
    for line in text.splitlines():
        found.update(part.strip() for part in re.split(r"\s{3,}", line) if part.strip())
    return found


def assert_nothing_from_the_screen(page, text: str) -> None:
    printed = lines(text)
    assert not printed & set(SCREEN_ONLY), printed & set(SCREEN_ONLY)
    assert "Change your answer" not in text
    # A search box prints no text, so check the page as laid out for print (still print media).
    shown = page.evaluate("""() => [...document.querySelectorAll(
        '.md-header, .md-search, .md-sidebar, .md-footer, .md-top, .md-content__button, button, input:not([type=radio]), .ctg-back')]
      .filter((el) => el.getClientRects().length).map((el) => el.outerHTML.slice(0, 80))""")
    assert shown == [], shown


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_the_printed_result_has_the_date_answers_outcome_actions_and_addresses(page, site_url, pathway, tmp_path):
    route = route_with_most_to_print(pathway)
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print your result").click()
    assert page.evaluate("window.printed") == 1, "the button opens the browser's print dialog"

    text = pdf_text(page, tmp_path)  # the same page Ctrl+P prints
    flowing, joined = words(text), no_spaces(text)
    assert pathway.title in flowing
    assert f"Printed on {long_date(datetime.date.today().isoformat())}" in flowing
    assert f"Pathway version {pathway.version}, last reviewed {long_date(pathway.last_reviewed)}" in flowing
    assert words(f"Result: {route.outcome.title}") in flowing
    for choice in route.choices:
        assert words(choice.question.question) in flowing and words(choice.answer.label) in flowing
    for action in route.actions:
        assert words(action) in flowing, action
    for guide in route.outcome.guides:
        assert no_spaces(guide_address(guide)) in joined, guide
    # The address to see this result again: the site's own, with the answers after the #.
    address = no_spaces(state_url(SITE_ADDRESS, pathway, route.choices, route.outcome.id))
    assert address in joined
    assert "127.0.0.1" not in text
    # Other results and their actions are not printed.
    for other in pathway.outcomes:
        if other.id != route.outcome.id:
            assert words(f"Result: {other.title}") not in flowing
    assert_nothing_from_the_screen(page, text)


@pytest.mark.parametrize("pathway", IDS[:1], indirect=True)
def test_printing_mid_way_prints_the_question_without_the_controls(page, site_url, pathway, tmp_path):
    route = longest_route(pathway)
    page.goto(state_url(site_url, pathway, route.choices, route.choices[-1].question.id))
    text = pdf_text(page, tmp_path)
    assert words(route.choices[-1].question.question) in words(text)
    assert "Printed on" not in text  # that heading belongs to a result
    assert_nothing_from_the_screen(page, text)


@pytest.mark.parametrize("pathway", SAMPLE_IDS, indirect=True)
def test_with_javascript_off_the_whole_tree_prints_with_step_numbers(page_without_script, site_url, pathway, tmp_path):
    page = page_without_script
    page.goto(page_url(site_url, pathway))
    text = pdf_text(page, tmp_path)
    assert_nothing_from_the_screen(page, text)
    flowing = words(text)
    steps = [*pathway.questions, *pathway.outcomes]
    for number, step in enumerate(steps, 1):
        heading = step.question if hasattr(step, "question") else f"Result: {step.title}"
        assert f"Step {number} {words(heading)}" in flowing, heading
    for question in pathway.questions:
        for answer in question.answers:
            target = next(n for n, s in enumerate(steps, 1) if s.id == answer.next)
            assert f"{words(answer.label)} (go to step {target})" in flowing


def test_an_urgent_result_lists_do_this_now_first_on_screen_and_in_print(page, site_url, tmp_path, compiled_pathways):
    # issue 22: "Ask the person who got it to delete or return it" came 7th, after "learn from it".
    pathway = next(p for p in compiled_pathways if p.id == "breach-or-scam")
    route = next(r for r in routes(pathway) if [c.answer.label for c in r.choices][:3] == [
        "An email or letter went to the wrong person", "Yes, including health or care details", "Yes, or we are not sure"])
    page.goto(state_url(site_url, pathway, route.choices, route.outcome.id))
    shown = page.evaluate("""(id) => [...document.getElementById(id).querySelectorAll('.ctg-when-title, .ctg-action')]
        .filter((el) => el.getClientRects().length).map((el) => el.innerText.trim())""", route.outcome.id)
    headings = [heading for heading, _ in route.action_groups(pathway)]
    assert [line for line in shown if line in headings] == headings and shown[0] == "Do this now"
    assert shown[1].startswith("Ask the person who got it to delete or return it")
    assert shown[2].startswith("Keep working to contain it. This comes first.")
    assert [words(line) for line in shown if line not in headings] == [words(a) for a in route.actions]

    flowing = words(pdf_text(page, tmp_path))
    order = [flowing.index(text) for text in ("Do this now", "Ask the person who got it", "Keep working to contain it",
                                              "Today", "Within 72 hours", "Afterwards: learn from it",
                                              "Once it is over, agree one change")]
    assert order == sorted(order), "printed in the order to do them"
