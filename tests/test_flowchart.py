"""The pathway flowcharts: drawn from the model, so every question, answer and outcome is on
the chart, the arrows are the answers' `next` links, every answer that adds steps says so,
no line goes through a box, and a YAML edit changes the chart. Also the chart's outline and
the all-routes page grouped by result."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

import pytest

from caretech.pathways import compile_pathway, load_schema
from caretech.pathways.flowchart import ANY_ANSWER, Chart, added_steps_note, question_numbers, render_flowchart
from caretech.pathways.model import Action, Pathway
from caretech.pathways.render import render_routes_page
from caretech.text.markdown_text import escape_markdown
from helpers import ROOT, known_pages, pathway_ids, shipped_facts

IDS = pathway_ids()
SVG = "{http://www.w3.org/2000/svg}"


def words(text: str) -> str:
    return " ".join(text.split())


def parse(pathway: Pathway) -> ET.Element:
    return ET.fromstring(render_flowchart(pathway).svg)


def group_text(group: ET.Element) -> list[str]:
    """Each <text> of a group as one string (its wrapped lines joined)."""
    return [words(" ".join(t.text or "" for t in text.iter(f"{SVG}tspan"))) for text in group.iter(f"{SVG}text")]


def answer_text(question, answers) -> list[str]:
    """What the chart should write on an arrow: each answer, then the steps it adds."""
    if len(answers) == len(question.answers) and not any(a.add_actions for a in answers):
        return [ANY_ANSWER]
    return [words(" ".join([a.label, *added_steps_note(a.add_actions)])) for a in answers]


def compiled(text: str, name: str) -> Pathway:
    pathway, problems = compile_pathway(text, f"pathways/{name}.yml", load_schema(ROOT / "pathways" / "schema.json"),
                                        known_pages(), shipped_facts())
    assert not problems, problems
    return pathway


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


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_every_question_answer_and_outcome_is_on_the_chart_and_the_arrows_are_the_routes(pathway):
    svg = parse(pathway)
    steps = {g.get("data-step"): g for g in svg.iter(f"{SVG}g") if g.get("data-step")}
    assert set(steps) == {s.id for s in (*pathway.questions, *pathway.outcomes)}
    numbers = question_numbers(pathway)
    assert numbers[pathway.start] == 1 and sorted(numbers.values()) == list(range(1, len(pathway.questions) + 1))
    for question in pathway.questions:
        assert group_text(steps[question.id]) == [words(f"{numbers[question.id]}. {question.question}")]
        assert "ctg-chart-question" in steps[question.id].get("class")
    for outcome in pathway.outcomes:
        assert group_text(steps[outcome.id]) == [words(f"Result: {outcome.title}")]
        assert "ctg-chart-outcome" in steps[outcome.id].get("class")

    arrows = chart_arrows(svg)
    assert set(arrows) == model_edges(pathway)
    for question in pathway.questions:
        for target in {a.next for a in question.answers}:
            answers = [a for a in question.answers if a.next == target]
            assert group_text(arrows[(question.id, target)]) == answer_text(question, answers)
    # Each arrow is drawn: a line into the answers, and a line with an arrowhead to the next step.
    for arrow in arrows.values():
        classes = [p.get("class") for p in arrow.iter(f"{SVG}path")]
        assert classes.count("ctg-chart-line") == 2 and classes.count("ctg-chart-head") == 1


def test_the_chart_has_an_accessible_name_that_points_to_the_route_list(compiled_pathways):
    pathway = compiled_pathways[0]
    svg = parse(pathway)
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and pathway.title in title.text
    assert svg.get("aria-describedby") == desc.get("id") and "every route are written out on this page" in desc.text
    page = render_routes_page(pathway)
    assert page.index('id="chart"') < page.index("### Route 1:")
    assert "style" not in render_flowchart(pathway).svg and "<script" not in page


def test_the_same_pathway_draws_the_same_chart(compiled_pathways):
    assert render_flowchart(compiled_pathways[0]).svg == render_flowchart(compiled_pathways[0]).svg


def test_an_edit_to_the_routes_in_the_yaml_changes_the_chart():
    source = (ROOT / "pathways" / "sharing-care-email.yml").read_text(encoding="utf-8")
    # "No" to "Do staff ever use personal email or chat apps?" now goes to another result.
    old = '      - label: "No"\n        next: work-systems\n'
    assert source.count(old) == 1
    edited = source.replace(old, '      - label: "No"\n        next: share-with-family\n')

    before, after = compiled(source, "sharing-care-email"), compiled(edited, "sharing-care-email")
    arrows_before, arrows_after = set(chart_arrows(parse(before))), set(chart_arrows(parse(after)))
    assert ("chat-apps", "share-with-family") in arrows_after - arrows_before
    assert arrows_after == model_edges(after)
    assert group_text(chart_arrows(parse(after))[("chat-apps", "share-with-family")]) == ["No"]


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_every_answer_that_adds_steps_is_marked_on_its_arrow(pathway):
    arrows = chart_arrows(parse(pathway))
    marked = 0
    for question in pathway.questions:
        for answer in question.answers:
            arrow = arrows[(question.id, answer.next)]
            marks = [t for t in arrow.iter(f"{SVG}tspan")
                     if "ctg-chart-adds" in t.get("class", "") and t.get("data-answer") == str(answer.index)]
            text = words(" ".join(inner.text or "" for mark in marks for inner in mark.iter(f"{SVG}tspan")))
            if not answer.add_actions:
                assert not marks, (question.id, answer.label)
                continue
            marked += 1
            assert text.startswith("+ "), (question.id, answer.label, text)
            # A step given for each nation counts once, in England's words without "In England: ".
            steps = [a.split(": ", 1)[1] if a.nation else a for a in answer.add_actions if a.nation in (None, "england")]
            first_word = steps[0].split()[0]
            assert text[2:].lower().startswith(first_word.lower()), (text, steps[0])
            if len(steps) > 1:
                assert text.endswith(f"and {len(steps) - 1} more step" + ("s" if len(steps) > 2 else ""))
    assert marked == sum(1 for q in pathway.questions for a in q.answers if a.add_actions)


def test_a_short_note_names_the_first_added_step_with_short_names_for_long_ones():
    assert added_steps_note(("Tell the Care Quality Commission (CQC) as soon as you can. Use its form.",)) == [
        "+ Tell the CQC as soon as you can"]
    assert added_steps_note(("Stop sharing logins. Give each person their own account.", "Two", "Three")) == [
        "+ Stop sharing logins", "and 2 more steps"]
    by_nation = [Action(f"In {name}: tell {name}'s regulator.", nation=key)
                 for key, name in (("england", "England"), ("wales", "Wales"))]
    assert added_steps_note((*by_nation, "Call a manager.")) == ["+ Tell England's regulator", "and 1 more step"]
    assert added_steps_note(("Ask each supplier for their hourly rate, their call-out charge and more.",)) == [
        "+ Ask each supplier for their hourly rate, their…"]
    assert added_steps_note(()) == []


def test_a_question_whose_answers_all_lead_the_same_way_and_add_nothing_says_any_answer():
    source = (ROOT / "pathways" / "sharing-care-email.yml").read_text(encoding="utf-8")
    adds = ("        add_actions:\n          - Stop sharing logins. Give each person their own account, "
            "and open the shared mailbox through it.\n")
    assert source.count(adds) == 1
    pathway = compiled(source.replace(adds, ""), "sharing-care-email")
    arrows = chart_arrows(parse(pathway))
    assert group_text(arrows[("own-logins", "use-nhsmail")]) == [ANY_ANSWER]
    assert group_text(arrows[("recipient", "nhsmail")]) != [ANY_ANSWER]  # other answers go elsewhere
    outline = render_routes_page(pathway)
    item = outline[outline.index('id="chart-own-logins"'):]
    assert item[:item.index("</li></ul></li>")].count("<li>") == 1 and ANY_ANSWER in item[:400]


# ---------- The drawing's geometry: no line through a box, few crossings ----------

Point = tuple[float, float]


def _hits_box(a: Point, b: Point, box: tuple[float, float, float, float], inset: float = 1.0) -> bool:
    """Does the straight piece a-b pass inside the box (shrunk by `inset`, so touching the edge is allowed)?"""
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    return any(left < a[0] + (b[0] - a[0]) * s / 20 < right and top < a[1] + (b[1] - a[1]) * s / 20 < bottom
               for s in range(21))


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def lines_through_boxes(chart: Chart) -> list[tuple]:
    return [(link, box) for link, points in chart.lines.items() for box, rect in chart.boxes.items()
            if box not in link and any(_hits_box(p, q, rect) for p, q in zip(points, points[1:]))]


def crossings(chart: Chart) -> int:
    links = list(chart.lines)
    return sum(
        1 for i, one in enumerate(links) for other in links[i + 1:]
        if not set(one) & set(other) and any(
            _cross(p, q, r, s) for p, q in zip(chart.lines[one], chart.lines[one][1:])
            for r, s in zip(chart.lines[other], chart.lines[other][1:]))
    )


def test_the_geometry_check_finds_a_line_through_a_box():
    chart = Chart("", 100, 100, {"a": (0, 0, 10, 10), "b": (40, 40, 60, 60), "c": (0, 90, 10, 100)},
                  {("a", "c"): [(5, 10), (50, 50), (5, 90)], ("x", "y"): [(60, 0), (20, 100)]})
    assert lines_through_boxes(chart) == [(("a", "c"), "b"), (("x", "y"), "b")]
    assert crossings(chart) == 1


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_no_line_goes_through_a_box_or_an_answer_and_lines_rarely_cross(pathway):
    chart = render_flowchart(pathway)
    assert lines_through_boxes(chart) == []
    boxes = list(chart.boxes.items())
    for i, (name, (l1, t1, r1, b1)) in enumerate(boxes):  # boxes never overlap
        for other, (l2, t2, r2, b2) in boxes[i + 1:]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, (name, other)
    assert crossings(chart) <= 1  # grandalf's ordering; today no chart has more than one
    for box in chart.boxes.values():  # everything is inside the drawing
        assert 0 <= box[0] and box[2] <= chart.width and 0 <= box[1] and box[3] <= chart.height


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_answers_read_left_to_right_in_their_order(pathway):
    chart = render_flowchart(pathway)
    for question in pathway.questions:
        targets = list(dict.fromkeys(a.next for a in question.answers))
        lefts = [chart.boxes[f"{question.id}->{t}"][0] for t in targets]
        assert lefts == sorted(lefts), question.id


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_the_description_gives_the_shape_and_every_result(pathway):
    desc = parse(pathway).find(f"{SVG}desc").text
    assert f"{len(pathway.questions)} questions" in desc
    assert f"lead to {len(pathway.outcomes)} results" in desc
    for outcome in pathway.outcomes:
        assert f"“{outcome.title}”" in desc


# ---------- The outline and the all-routes page ----------

@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_the_outline_numbers_every_question_as_the_chart_does_and_says_where_each_answer_leads(pathway):
    page = render_routes_page(pathway, "https://example.org/pathways/x/all-routes/")
    numbers = question_numbers(pathway)
    outline = page[page.index('<ol class="ctg-outline">'):page.index("</ol>", page.index('<ol class="ctg-outline">'))]
    positions = [outline.index(f'id="chart-{q.id}" value="{numbers[q.id]}"') for q in pathway.questions]
    assert sorted(positions) == [positions[i] for i in sorted(range(len(positions)), key=lambda i: numbers[pathway.questions[i].id])]
    for question in pathway.questions:
        for answer in question.answers:
            assert escape(answer.label) in outline
            target = pathway.step(answer.next)
            link = f'href="#chart-{target.id}">go to {numbers[target.id]}</a>' if target.id in numbers else \
                f'href="#result-{target.id}">Result: {escape(target.title)}</a>'
            assert link in outline
    # The sheet header printed on every page: title, date and address.
    assert f"{escape(pathway.title)} · chart · Version {pathway.version}, last reviewed" in page
    assert "https://example.org/pathways/x/all-routes/</span></td></tr></thead>" in page
    assert "style=" not in page and "<script" not in page


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_the_all_routes_page_groups_every_route_under_its_result(pathway):
    from caretech.pathways import enumerate_routes

    page = render_routes_page(pathway)
    routes = enumerate_routes(pathway)
    assert page.count("### Route ") == len(routes)
    for outcome in pathway.outcomes:
        start = page.index(f'<section class="ctg-route-group" id="result-{outcome.id}"')
        group = page[start:page.index("</section>", start)]
        expected = sum(1 for r in routes if r.outcome.id == outcome.id)
        assert group.count("### Route ") == expected
        assert group.count(f"**Result:** [{escape_markdown(outcome.title)}]") == expected
        assert f'href="#result-{outcome.id}">Print only this group</a>' in group
        assert f"[Result: {escape_markdown(outcome.title)}](#result-{outcome.id})" in page
