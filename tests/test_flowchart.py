"""The pathway flowcharts: drawn from the model, so every question, answer and outcome is on
the chart, the arrows are the answers' `next` links, and a YAML edit changes the chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from caretech.pathways import compile_pathway, load_schema
from caretech.pathways.flowchart import render_flowchart
from caretech.pathways.model import Pathway
from caretech.pathways.render import render_routes_page
from helpers import ROOT, known_pages, shipped_pathways

PATHWAYS = shipped_pathways()
SVG = "{http://www.w3.org/2000/svg}"


def words(text: str) -> str:
    return " ".join(text.split())


def parse(pathway: Pathway) -> ET.Element:
    return ET.fromstring(render_flowchart(pathway).svg)


def group_text(group: ET.Element) -> list[str]:
    """Each <text> of a group as one string (its wrapped lines joined)."""
    return [words(" ".join(t.text or "" for t in text.iter(f"{SVG}tspan"))) for text in group.iter(f"{SVG}text")]


def model_edges(pathway: Pathway) -> set[tuple[str, str]]:
    return {(q.id, a.next) for q in pathway.questions for a in q.answers}


def chart_arrows(svg: ET.Element) -> dict[tuple[str, str], ET.Element]:
    arrows = {}
    for group in svg.iter(f"{SVG}g"):
        if "ctg-chart-arrow" in group.get("class", "").split():
            key = (group.get("data-from"), group.get("data-to"))
            assert key not in arrows, f"two arrows for {key}"
            arrows[key] = group
    return arrows


@pytest.mark.parametrize("pathway", PATHWAYS, ids=[p.id for p in PATHWAYS])
def test_every_question_answer_and_outcome_is_on_the_chart_and_the_arrows_are_the_routes(pathway):
    svg = parse(pathway)
    steps = {g.get("data-step"): g for g in svg.iter(f"{SVG}g") if g.get("data-step")}
    assert set(steps) == {s.id for s in (*pathway.questions, *pathway.outcomes)}
    for question in pathway.questions:
        assert group_text(steps[question.id]) == [words(question.question)]
        assert "ctg-chart-question" in steps[question.id].get("class")
    for outcome in pathway.outcomes:
        assert group_text(steps[outcome.id]) == [words(f"Result: {outcome.title}")]
        assert "ctg-chart-outcome" in steps[outcome.id].get("class")

    arrows = chart_arrows(svg)
    assert set(arrows) == model_edges(pathway)
    for question in pathway.questions:
        for target in {a.next for a in question.answers}:
            labels = [words(a.label) for a in question.answers if a.next == target]
            assert group_text(arrows[(question.id, target)]) == labels
    # Each arrow is drawn: a line into the answers, and a line with an arrowhead to the next step.
    for arrow in arrows.values():
        classes = [p.get("class") for p in arrow.iter(f"{SVG}path")]
        assert classes.count("ctg-chart-line") == 2 and classes.count("ctg-chart-head") == 1


def test_the_chart_has_an_accessible_name_that_points_to_the_route_list():
    pathway = PATHWAYS[0]
    svg = parse(pathway)
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and pathway.title in title.text
    assert svg.get("aria-describedby") == desc.get("id") and "written out in words below" in desc.text
    page = render_routes_page(pathway)
    assert page.index('id="chart"') < page.index("## Route 1:")
    assert "style" not in render_flowchart(pathway).svg and "<script" not in page


def test_the_same_pathway_draws_the_same_chart():
    assert render_flowchart(PATHWAYS[0]).svg == render_flowchart(PATHWAYS[0]).svg


def test_an_edit_to_the_routes_in_the_yaml_changes_the_chart():
    source = (ROOT / "pathways" / "breach-or-scam.yml").read_text(encoding="utf-8")
    # "No" to "Was information about people involved?" now goes to the harm question.
    old = '      - label: "No"\n        next: record-and-learn\n'
    assert source.count(old) == 1
    edited = source.replace(old, '      - label: "No"\n        next: harm\n')

    def compiled(text: str) -> Pathway:
        pathway, problems = compile_pathway(text, "pathways/breach-or-scam.yml", load_schema(ROOT / "pathways" / "schema.json"), known_pages())
        assert not problems, problems
        return pathway

    before, after = compiled(source), compiled(edited)
    arrows_before, arrows_after = set(chart_arrows(parse(before))), set(chart_arrows(parse(after)))
    assert ("personal-information", "record-and-learn") in arrows_before - arrows_after
    assert ("personal-information", "harm") in arrows_after - arrows_before
    assert arrows_after == model_edges(after)
    assert group_text(chart_arrows(parse(after))[("personal-information", "harm")]) == ["No"]
