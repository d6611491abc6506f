"""Draw a pathway as an SVG flowchart: every question, every answer on its arrow, every outcome.

Drawn from the compiled model at every build, so the chart can never disagree with the YAML.
Answers that lead from one question to the same next step share one arrow, with each
answer written on it, in the question's order. An answer that adds steps says so under
its words ("+ Tell the CQC as soon as you can"); when every answer of a question leads
the same way and adds nothing, the arrow says "Any answer". Questions are numbered in the
order a reader meets them, the same numbers as the chart's outline (`chart_outline`).

Colours come from classes styled in overrides/assets/stylesheets/diagrams.css (Material's
colour variables), so the chart follows the light and dark schemes; no `style`, no script.

Markup the tests rely on: `.ctg-chart-step` groups (`data-step`) for questions and
outcomes, and `.ctg-chart-arrow` groups (`data-from`, `data-to`) holding the answers' text,
with `.ctg-chart-adds` lines (`data-answer`) for the steps an answer adds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from caretech.pathways.chart_layout import Box, Layout, Point, layered_layout
from caretech.pathways.model import Answer, Pathway, Question
from caretech.pathways.svg_text import text_width, wrap
from caretech.pathways.timing import without_nation

FONT = 16  # user units; shown at natural size on screen, so the same as body text
LINE = 20
PAD = 10
STEP_TEXT_WIDTH = 210
ANSWER_TEXT_WIDTH = 180
ANSWER_GAP = 12  # between two answers that share an arrow, with a rule between them
HEAD = 9  # arrowhead length
NOTE_WORDS = 8  # the most words of an added step the chart shows
ANY_ANSWER = "Any answer"

Rect = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Chart:
    svg: str  # one line of inline SVG (no blank lines, so Markdown leaves it alone)
    width: float
    height: float
    boxes: dict[str, Rect]  # every box (steps and answers), for tests of the drawing
    lines: dict[tuple[str, str], list[Point]]  # every arrow as points along it, for the same tests


@dataclass(frozen=True)
class _Line:
    text: str
    adds: int | None = None  # the answer index, on a line that names steps an answer adds


@dataclass(frozen=True)
class _Node:
    id: str
    kind: str  # "question", "outcome" or "answers"
    blocks: tuple[tuple[_Line, ...], ...]  # lines of text; answers have one block per answer
    bold: bool = False

    @property
    def width(self) -> float:
        widest = max(text_width(line.text, FONT, self.bold) for block in self.blocks for line in block)
        return round(widest + 2 * PAD + 2, 1)

    @property
    def height(self) -> float:
        lines = sum(len(block) for block in self.blocks)
        return lines * LINE + (len(self.blocks) - 1) * ANSWER_GAP + 2 * PAD - 4


_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
_SMALL_WORDS = {"and", "of", "the", "for"}


def _fold_abbreviations(text: str) -> str:
    """"the Care Quality Commission (CQC)" -> "the CQC": the short name is enough on a chart."""
    def fold(match: re.Match) -> str:
        before = text[:match.start()].rstrip().split(" ")
        letters, taken = match.group(1).lower(), 0
        initials = ""
        while before[:len(before) - taken] and len(initials) < len(letters):
            word = before[len(before) - taken - 1]
            taken += 1
            if word.lower() not in _SMALL_WORDS:
                initials = word[:1].lower() + initials
        return match.group(0) if initials != letters else "\0" + str(taken) + match.group(1)

    while match := _ABBREVIATION.search(text):
        folded = fold(match)
        if not folded.startswith("\0"):
            return text
        words = text[:match.start()].rstrip().split(" ")
        taken = int(folded[1:-len(match.group(1))])
        text = " ".join(words[:len(words) - taken] + [match.group(1)]) + text[match.end():]
    return text


def added_steps_note(actions: tuple[str, ...]) -> list[str]:
    """What an answer adds, in a few words: the start of its first added step, then how many more.
    CONTRIBUTING.md asks contributors to start each added step with the thing to do."""
    # A step given for each nation is one step: count it once, in its words without "In England: ".
    nations = [getattr(a, "nation", None) for a in actions]
    steps = [without_nation(a, nation) for a, nation in zip(actions, nations) if nation in (None, "england")]
    if not steps:
        return []
    actions = tuple(steps)
    first = _fold_abbreviations(re.split(r"(?<=[.!?])\s", actions[0].strip())[0]).rstrip(".")
    words = first.split()
    short = " ".join(words[:NOTE_WORDS]) + ("…" if len(words) > NOTE_WORDS else "")
    note = [f"+ {short}"]
    if len(actions) > 1:
        more = len(actions) - 1
        note.append(f"and {more} more step{'s' if more > 1 else ''}")
    return note


def question_numbers(pathway: Pathway) -> dict[str, int]:
    """Questions numbered in the order a reader meets them: the first, then what its answers lead to."""
    order: list[str] = [pathway.start]
    for step_id in order:
        step = pathway.step(step_id)
        for answer in getattr(step, "answers", ()):
            if answer.next not in order and isinstance(pathway.step(answer.next), Question):
                order.append(answer.next)
    return {step_id: number for number, step_id in enumerate(order, 1)}


def answer_groups(question: Question) -> list[tuple[str, list[Answer]]]:
    """The question's answers grouped by where they lead, in the order of the first answer to each."""
    targets = list(dict.fromkeys(a.next for a in question.answers))
    return [(target, [a for a in question.answers if a.next == target]) for target in targets]


def _answer_node_id(source: str, target: str) -> str:
    return f"{source}->{target}"  # "->" cannot appear in a step id


def _answer_blocks(question: Question, answers: list[Answer]) -> tuple[tuple[_Line, ...], ...]:
    if len(answers) == len(question.answers) and not any(a.add_actions for a in answers):
        return ((_Line(ANY_ANSWER),),)
    return tuple(
        tuple(_Line(line) for line in wrap(a.label, ANSWER_TEXT_WIDTH, FONT))
        + tuple(_Line(line, a.index) for note in added_steps_note(a.add_actions)
                for line in wrap(note, ANSWER_TEXT_WIDTH, FONT))
        for a in answers
    )


def chart_nodes(pathway: Pathway) -> tuple[list[_Node], list[tuple[str, str]]]:
    """Boxes for steps and for the answers between them, and the links that join them."""
    numbers = question_numbers(pathway)
    nodes = [
        _Node(q.id, "question", (tuple(_Line(t) for t in wrap(f"{numbers[q.id]}. {q.question}", STEP_TEXT_WIDTH, FONT)),))
        for q in pathway.questions
    ]
    nodes += [
        _Node(o.id, "outcome", (tuple(_Line(t) for t in wrap(f"Result: {o.title}", STEP_TEXT_WIDTH, FONT, bold=True)),),
              bold=True)
        for o in pathway.outcomes
    ]
    links: list[tuple[str, str]] = []
    for question in pathway.questions:
        for target, answers in answer_groups(question):
            middle = _answer_node_id(question.id, target)
            nodes.append(_Node(middle, "answers", _answer_blocks(question, answers)))
            links += [(question.id, middle), (middle, target)]
    return nodes, links


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _text(lines: tuple[_Line, ...], x: float, top: float) -> str:
    parts = []
    for i, line in enumerate(lines):
        span = f'<tspan x="{x:g}" y="{top + PAD + 13 + i * LINE:g}">{_h(line.text)}</tspan>'
        if line.adds is not None:
            span = f'<tspan class="ctg-chart-adds" data-answer="{line.adds}">{span}</tspan>'
        parts.append(span)
    return f'<text text-anchor="middle">{"".join(parts)}</text>'


def _rect(node: _Node, centre: Point) -> Rect:
    x, y = centre
    left, top = round(x - node.width / 2, 1), round(y - node.height / 2, 1)
    return (left, top, round(left + node.width, 1), round(top + node.height, 1))


def _box(node: _Node, centre: Point) -> str:
    left, top, _, _ = _rect(node, centre)
    radius = {"question": 3, "outcome": 12, "answers": 8}[node.kind]
    parts = [f'<rect x="{left:g}" y="{top:g}" width="{node.width:g}" height="{node.height:g}" rx="{radius}"/>']
    for i, block in enumerate(node.blocks):
        if i:
            rule_y = round(top + 4, 1)  # midway between the two answers' text
            parts.append(f'<path class="ctg-chart-rule" d="M{left + 8:g} {rule_y:g}h{node.width - 16:g}"/>')
        parts.append(_text(block, centre[0], top))
        top += len(block) * LINE + ANSWER_GAP
    return "".join(parts)


def _ports(layout: Layout, nodes: dict[str, _Node], links: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[Point, Point]]:
    """Where each link leaves its box (bottom) and enters the next (top), spread along the edge
    in the order of where they come from or go to, so merging arrows do not overlap."""
    def neighbour_x(link: tuple[str, str], end: int) -> float:
        bends = layout.bends[link]
        if bends:
            return bends[0] if end == 0 else bends[-1]
        return layout.centres[link[1 - end]][0]

    ports: dict[tuple[str, str], list[Point]] = {link: [(0, 0), (0, 0)] for link in links}
    for box_id, node in nodes.items():
        x, y = layout.centres[box_id]
        for end, edge_y in ((0, y + node.height / 2), (1, y - node.height / 2)):
            mine = sorted((l for l in links if l[end] == box_id), key=lambda l: neighbour_x(l, end))
            spread = min(node.width * 0.6, 28 * (len(mine) - 1))
            for i, link in enumerate(mine):
                offset = spread * (i / (len(mine) - 1) - 0.5) if len(mine) > 1 else 0
                ports[link][end] = (round(x + offset, 1), round(edge_y, 1))
    return {link: (a, b) for link, (a, b) in ports.items()}


def _route(layout: Layout, link: tuple[str, str], start: Point, end: Point) -> list[Point]:
    """The arrow's corners: straight down through each band, a curve across each gap.
    Points come in pairs: (top, bottom) of a straight part; a curve joins one pair to the next."""
    first_band = layout.band_list.index(layout.bands[link[0]])
    points = [start, (start[0], layout.bands[link[0]][1])]
    for i, x in enumerate(layout.bends[link]):
        top, bottom = layout.band_list[first_band + 1 + i]
        points += [(x, top), (x, bottom)]
    band_top = layout.bands[link[1]][0]
    return points + [(end[0], min(band_top, end[1])), end]


def _path(points: list[Point]) -> str:
    (x, y), *rest = points
    d = f"M{x:g} {y:g}"
    for i, (nx, ny) in enumerate(rest):
        if i % 2 == 0:  # straight, down through a band
            d += f"V{ny:g}" if ny != y else ""
        else:  # a curve across a gap, leaving and arriving vertically
            mid = round((y + ny) / 2, 1)
            d += f"C{x:g} {mid:g} {nx:g} {mid:g} {nx:g} {ny:g}"
        x, y = nx, ny
    return d


def _sampled(points: list[Point], steps: int = 12) -> list[Point]:
    """Points along the drawn line (curves sampled), for the tests that check where lines go."""
    out = [points[0]]
    for i in range(1, len(points)):
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        if i % 2 == 1:
            out.append((x1, y1))
            continue
        mid = (y0 + y1) / 2
        for s in range(1, steps + 1):
            t = s / steps
            # Bezier with control points (x0, mid) and (x1, mid).
            x = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x0 + 3 * (1 - t) * t ** 2 * x1 + t ** 3 * x1
            y = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * mid + 3 * (1 - t) * t ** 2 * mid + t ** 3 * y1
            out.append((round(x, 1), round(y, 1)))
    return out


def _line(points: list[Point], arrow: bool) -> str:
    if arrow:
        x, y = points[-1]
        points = points[:-1] + [(x, round(y - HEAD, 1))]
        if points[-2][1] > points[-1][1]:  # the box is at the top of its band: end the curve above the head
            points = points[:-2] + [points[-1], points[-1]]
    path = f'<path class="ctg-chart-line" d="{_path(points)}"/>'
    if arrow:
        path += f'<path class="ctg-chart-head" d="M{x - 6:g} {y - HEAD - 1:g}H{x + 6:g}L{x:g} {y:g}Z"/>'
    return path


def chart_description(pathway: Pathway) -> str:
    """The chart's shape in a sentence or two, for its text alternative and its caption."""
    results = [o.title for o in pathway.outcomes]
    count = len(pathway.questions)
    listed = "; ".join(f"“{title}”" for title in results)
    return (f"{count} question{'s' if count != 1 else ''}, starting with “{pathway.step(pathway.start).question}”, "
            f"lead to {len(results)} result{'s' if len(results) != 1 else ''}: {listed}.")


def render_flowchart(pathway: Pathway, title_id: str = "ctg-chart-title", desc_id: str = "ctg-chart-desc") -> Chart:
    nodes, links = chart_nodes(pathway)
    by_id = {node.id: node for node in nodes}
    in_order = [[_answer_node_id(q.id, target) for target, _ in answer_groups(q)] for q in pathway.questions]
    layout = layered_layout([Box(n.id, n.width, n.height) for n in nodes], links, pathway.start, in_order)
    ports = _ports(layout, by_id, links)
    routes = {link: _route(layout, link, *ports[link]) for link in links}

    arrows = []
    for question in pathway.questions:
        for target, _ in answer_groups(question):
            middle = _answer_node_id(question.id, target)
            into, out_of = (question.id, middle), (middle, target)
            arrows.append(
                f'<g class="ctg-chart-arrow" data-from="{_h(question.id)}" data-to="{_h(target)}">'
                + _line(routes[into], arrow=False) + _line(routes[out_of], arrow=True)
                + f'<g class="ctg-chart-answers">{_box(by_id[middle], layout.centres[middle])}</g></g>'
            )
    steps = [
        f'<g class="ctg-chart-step ctg-chart-{kind}" data-step="{_h(step.id)}">{_box(by_id[step.id], layout.centres[step.id])}</g>'
        for kind, group in (("question", pathway.questions), ("outcome", pathway.outcomes))
        for step in group
    ]
    width, height = layout.width, layout.height
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ctg-chart-svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" font-size="{FONT}" role="img" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}">'
        f'<title id="{title_id}">Flowchart of the pathway “{_h(pathway.title)}”</title>'
        f'<desc id="{desc_id}">{_h(chart_description(pathway))} '
        f"The chart in words and every route are written out on this page.</desc>"
        + "".join(arrows) + "".join(steps) + "</svg>"
    )
    boxes = {node.id: _rect(node, layout.centres[node.id]) for node in nodes}
    lines = {link: _sampled(route) for link, route in routes.items()}
    return Chart(svg, width, height, boxes, lines)
