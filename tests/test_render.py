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
