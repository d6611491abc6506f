"""Rendering: no-JavaScript anchors, escaping, conditional actions and the all-routes view."""

from __future__ import annotations

from caretech.pathways import compile_pathway, enumerate_routes, load_schema
from caretech.pathways.render import render_pathway_page, render_routes_page
from helpers import FIXTURES, ROOT

SCHEMA = load_schema(ROOT / "pathways" / "schema.json")


def valid_pathway():
    text = (FIXTURES / "pathways" / "valid.yml").read_text(encoding="utf-8")
    pathway, problems = compile_pathway(text, "pathways/valid.yml", SCHEMA, {"guide-a.md", "section/guide-b.md"})
    assert not problems
    return pathway


def test_every_step_has_an_anchor_and_every_answer_links_to_the_next_step():
    page = render_pathway_page(valid_pathway(), {"guide-a.md": "Guide A"})
    for step_id in ("first", "second", "outcome-on", "outcome-no"):
        assert f'id="{step_id}"' in page
    assert 'href="#second" data-answer-index="0" data-next="second">Yes</a>' in page
    assert 'href="#outcome-no"' in page


def test_text_from_yaml_is_escaped():
    page = render_pathway_page(valid_pathway(), {})
    assert "<b>markup</b>" not in page
    assert "&lt;b&gt;markup&lt;/b&gt; and *stars*" in page  # inside markdown="0": shown as typed


def test_guides_are_markdown_links_with_titles_so_the_build_checks_them():
    page = render_pathway_page(valid_pathway(), {"guide-a.md": "Guide A"}, free_help_page="guide-a.md")
    assert "- [Guide A](../../guide-a.md)" in page
    assert "**Get free help:** [Guide A](../../guide-a.md)" in page


def test_outcome_lists_actions_that_answers_on_the_way_may_add():
    page = render_pathway_page(valid_pathway(), {})
    outcome_on = page[page.index('id="outcome-on"'):page.index('id="outcome-no"')]
    outcome_no = page[page.index('id="outcome-no"'):]
    # Yes -> on reaches outcome-on; Yes -> off reaches outcome-no: "Yes" adds to both.
    assert 'data-from-question="first" data-from-answer="0"' in outcome_on
    assert 'data-from-question="first" data-from-answer="0"' in outcome_no
    # "off" never leads to outcome-on, so its action is not offered there.
    assert 'data-from-question="second" data-from-answer="1"' not in outcome_on
    assert 'data-from-question="second" data-from-answer="1"' in outcome_no
    assert "An action added by answering off." in outcome_no


def test_all_routes_page_lists_every_route():
    pathway = valid_pathway()
    page = render_routes_page(pathway)
    assert page.count("## Route ") == len(enumerate_routes(pathway)) == 3
    assert "**Result:** [It is on](index.md#outcome-on)" in page


def timed_pathway():
    text = (FIXTURES / "pathways" / "timed.yml").read_text(encoding="utf-8")
    pathway, problems = compile_pathway(text, "pathways/timed.yml", SCHEMA, {"guide-a.md"})
    assert not problems
    return pathway


def test_a_result_groups_its_actions_under_when_headings_in_order():
    page = render_pathway_page(timed_pathway(), {})
    headings = [page.index(f'<h4 class="ctg-when-title">{h}</h4>') for h in ("Do this now", "Today", "Afterwards: learn from it")]
    assert headings == sorted(headings), "containment first, learning last"
    assert "Within 72 hours" not in page, "a group with no actions has no heading"
    now = page[headings[0]:headings[1]]
    assert now.index("Unplug the cable.") < now.index("Stop it getting worse.")  # the outcome's own, then the answer's
    # The answer asks for the insurer now; the outcome has it for today: both are there, the
    # script shows the earlier one to someone who gave that answer.
    assert 'data-order="0" data-from-question="first" data-from-answer="0"' in now and "Tell the insurer." in now


def test_a_pathway_whose_actions_do_not_say_when_keeps_one_plain_list():
    page = render_pathway_page(valid_pathway(), {})
    assert "ctg-when-title" not in page and page.count('<ul class="ctg-actions" markdown="0">') == 2


def test_all_routes_page_lists_each_routes_actions_under_when_headings():
    pathway = timed_pathway()
    page = render_routes_page(pathway)
    first = page[page.index("## Route 1:"):page.index("## Route 2:")]
    assert first.index("**Do this now**") < first.index("**Today**") < first.index("**Afterwards: learn from it**")
    now = first[first.index("**Do this now**"):first.index("**Today**")]
    assert "Tell the insurer" in now and first.count("Tell the insurer") == 1
    assert "What to do:" in render_routes_page(valid_pathway())


def test_an_index_page_lists_each_pathways_first_answers_as_links_into_that_pathway(tmp_path):
    from caretech.pathways.model import PathwayIndex
    from caretech.pathways.render import render_pathway_index_page
    index = PathwayIndex("start-here", "Where do I start?", "Summary.", ("everyone",), "2026-11-26", "2027-11-26",
                         "What has happened?", "Pick the first that fits.", (timed_pathway(), valid_pathway()), "x.yml")
    page = render_pathway_index_page(index)
    assert "## What has happened?" in page
    assert page.index("[Yes](../timed/index.md#first--0)") < page.index("[No](../timed/index.md#first--1)") \
        < page.index("[Yes](../valid/index.md#first--0)")
    assert "[An urgent pathway whose actions say when](../timed/all-routes.md)" in page
    assert 'id="first--1"' in render_pathway_page(timed_pathway(), {}), "the answer links have the ids the index points to"
