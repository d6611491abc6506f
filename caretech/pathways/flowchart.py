"""Draw a pathway as an SVG flowchart: every question, every answer on its arrow, every outcome.

Drawn from the compiled model at every build, so the chart can never disagree with the YAML.
Answers that lead from one question to the same next step share one arrow, with each
answer written on it. Colours come from classes styled in
overrides/assets/stylesheets/diagrams.css (Material's colour variables), so the chart
follows the light and dark schemes and prints black on white; no `style` and no script.

Markup the tests rely on: `.ctg-chart-step` groups (`data-step`) for questions and
outcomes, and `.ctg-chart-arrow` groups (`data-from`, `data-to`) holding the answers' text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from caretech.pathways.chart_layout import Box, Layout, Point, layered_layout
from caretech.pathways.model import Pathway
from caretech.pathways.svg_text import text_width, wrap

FONT = 16  # user units; shown at natural size on screen, so the same as body text
LINE = 20
PAD = 10
STEP_TEXT_WIDTH = 210
ANSWER_TEXT_WIDTH = 180
ANSWER_GAP = 12  # between two answers that share an arrow, with a rule between them
HEAD = 9  # arrowhead length


@dataclass(frozen=True)
class Chart:
    svg: str  # one line of inline SVG (no blank lines, so Markdown leaves it alone)
    width: float
    height: float


@dataclass(frozen=True)
class _Node:
    id: str
    kind: str  # "question", "outcome" or "answers"
    blocks: tuple[tuple[str, ...], ...]  # lines of text; answers have one block per answer
    bold: bool = False

    @property
    def width(self) -> float:
        widest = max(text_width(line, FONT, self.bold) for block in self.blocks for line in block)
        return round(widest + 2 * PAD + 2, 1)

    @property
    def height(self) -> float:
        lines = sum(len(block) for block in self.blocks)
        return lines * LINE + (len(self.blocks) - 1) * ANSWER_GAP + 2 * PAD - 4


def _answer_node_id(source: str, target: str) -> str:
    return f"{source}->{target}"  # "->" cannot appear in a step id


def chart_nodes(pathway: Pathway) -> tuple[list[_Node], list[tuple[str, str]]]:
    """Boxes for steps and for the answers between them, and the links that join them."""
    nodes = [
        _Node(q.id, "question", (tuple(wrap(q.question, STEP_TEXT_WIDTH, FONT)),)) for q in pathway.questions
    ]
    nodes += [
        _Node(o.id, "outcome", (tuple(wrap(f"Result: {o.title}", STEP_TEXT_WIDTH, FONT, bold=True)),), bold=True)
        for o in pathway.outcomes
    ]
    links: list[tuple[str, str]] = []
    for question in pathway.questions:
        targets = list(dict.fromkeys(a.next for a in question.answers))  # answer order, once each
        for target in targets:
            labels = [a.label for a in question.answers if a.next == target]
            middle = _answer_node_id(question.id, target)
            nodes.append(_Node(middle, "answers", tuple(tuple(wrap(label, ANSWER_TEXT_WIDTH, FONT)) for label in labels)))
            links += [(question.id, middle), (middle, target)]
    return nodes, links


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _text(lines: tuple[str, ...], x: float, top: float) -> str:
    spans = "".join(
        f'<tspan x="{x:g}" y="{top + PAD + 13 + i * LINE:g}">{_h(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text text-anchor="middle">{spans}</text>'


def _box(node: _Node, centre: Point) -> str:
    x, y = centre
    left, top = round(x - node.width / 2, 1), round(y - node.height / 2, 1)
    radius = {"question": 3, "outcome": 12, "answers": 8}[node.kind]
    parts = [f'<rect x="{left:g}" y="{top:g}" width="{node.width:g}" height="{node.height:g}" rx="{radius}"/>']
    for i, block in enumerate(node.blocks):
        if i:
            rule_y = round(top + 4, 1)  # midway between the two answers' text
            parts.append(f'<path class="ctg-chart-rule" d="M{left + 8:g} {rule_y:g}h{node.width - 16:g}"/>')
        parts.append(_text(block, x, top))
        top += len(block) * LINE + ANSWER_GAP
    return "".join(parts)


def _ports(layout: Layout, nodes: dict[str, _Node], links: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[Point, Point]]:
    """Where each link leaves its box (bottom) and enters the next (top), spread along the edge
    in the order of where they come from or go to, so merging arrows do not overlap."""
    def neighbour_x(link: tuple[str, str], end: int) -> float:
        bends = layout.bends[link]
        if bends:
            return bends[0][0] if end == 0 else bends[-1][0]
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


def _curve(points: list[Point]) -> str:
    """A smooth line through the points, leaving and arriving vertically (as dot draws them)."""
    (x, y), *rest = points
    d = f"M{x:g} {y:g}"
    for nx, ny in rest:
        mid = round((y + ny) / 2, 1)
        d += f"C{x:g} {mid:g} {nx:g} {mid:g} {nx:g} {ny:g}"
        x, y = nx, ny
    return d


def _line(start: Point, bends: list[Point], end: Point, arrow: bool) -> str:
    tip = end
    if arrow:
        end = (end[0], round(end[1] - HEAD, 1))
    path = f'<path class="ctg-chart-line" d="{_curve([start, *bends, end])}"/>'
    if arrow:
        x, y = tip
        path += f'<path class="ctg-chart-head" d="M{x - 6:g} {y - HEAD - 1:g}H{x + 6:g}L{x:g} {y:g}Z"/>'
    return path


def render_flowchart(pathway: Pathway, title_id: str = "ctg-chart-title", desc_id: str = "ctg-chart-desc") -> Chart:
    nodes, links = chart_nodes(pathway)
    by_id = {node.id: node for node in nodes}
    layout = layered_layout([Box(n.id, n.width, n.height) for n in nodes], links, pathway.start)
    ports = _ports(layout, by_id, links)

    arrows = []
    for question in pathway.questions:
        for target in dict.fromkeys(a.next for a in question.answers):
            middle = _answer_node_id(question.id, target)
            into, out_of = (question.id, middle), (middle, target)
            arrows.append(
                f'<g class="ctg-chart-arrow" data-from="{_h(question.id)}" data-to="{_h(target)}">'
                + _line(ports[into][0], layout.bends[into], ports[into][1], arrow=False)
                + _line(ports[out_of][0], layout.bends[out_of], ports[out_of][1], arrow=True)
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
        f'<desc id="{desc_id}">Every question, answer and result, from the first question at the top. '
        f"The same routes are written out in words below the chart.</desc>"
        + "".join(arrows) + "".join(steps) + "</svg>"
    )
    return Chart(svg, width, height)

