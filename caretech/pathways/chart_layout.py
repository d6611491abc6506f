"""Layered (Sugiyama) layout of boxes and arrows, top to bottom, with grandalf.

grandalf is pure Python, so the build needs no Graphviz binary. It puts each box on a
layer below every box that points to it, orders each layer to avoid crossing arrows,
and routes an arrow that skips layers through bend points on the layers between.

Each layer is a band as tall as its tallest box. An arrow only bends in the gaps between
bands; inside a band it runs straight down, beside the boxes (grandalf keeps a bend point
apart from them), so no arrow can cross a box.
"""

from __future__ import annotations

from dataclasses import dataclass

from grandalf.graphs import Edge, Graph, Vertex
from grandalf.layouts import SugiyamaLayout

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    id: str
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    centres: dict[str, Point]  # box id -> centre of the box
    bends: dict[tuple[str, str], list[float]]  # (from, to) -> x of the arrow on each band it passes
    bands: dict[str, tuple[float, float]]  # box id -> top and bottom of the band (layer) it sits in
    band_list: list[tuple[float, float]]  # every band, top to bottom
    width: float
    height: float


class _View:
    """What grandalf reads (w, h) and writes (xy, the path of an edge)."""

    def __init__(self, w: float = 0, h: float = 0) -> None:
        self.w, self.h, self.xy = w, h, (0.0, 0.0)
        self.path: list[Point] = []

    def setpath(self, points: list[Point]) -> None:
        self.path = list(points)


def _keep_order(sugiyama: SugiyamaLayout, vertices: dict[str, Vertex], in_order: list[list[str]]) -> None:
    """Within each layer, put the boxes of each group left to right in the group's order,
    in the places grandalf chose for them (so a question's answers read in their order)."""
    for layer in sugiyama.layers:
        for group in in_order:
            members = [vertices[name] for name in group if vertices[name] in layer]
            slots = sorted(layer.index(v) for v in members)
            for slot, vertex in zip(slots, members):
                layer[slot] = vertex
        for position, vertex in enumerate(layer):
            sugiyama.grx[vertex].pos = position


def layered_layout(boxes: list[Box], links: list[tuple[str, str]], first: str, in_order: list[list[str]] = (),
                   gap_x: float = 24, gap_y: float = 40, margin: float = 4) -> Layout:
    """Place `boxes` (joined by `links`, from -> to, no loops) in layers below `first`.
    Each list in `in_order` names boxes to keep left to right in that order."""
    vertices = {box.id: Vertex(box.id) for box in boxes}
    for box in boxes:
        vertices[box.id].view = _View(box.width, box.height)
    edges = {}
    for link in links:
        edge = Edge(vertices[link[0]], vertices[link[1]])
        edge.view = _View()
        edges[link] = edge
    graph = Graph(list(vertices.values()), list(edges.values()))
    sugiyama = SugiyamaLayout(graph.C[0])
    sugiyama.xspace, sugiyama.yspace = gap_x, gap_y
    sugiyama.init_all(roots=[vertices[first]])
    for _ in range(2):  # two rounds of grandalf's crossing reduction, as draw() does
        for _step in sugiyama.ordering_step():
            pass
    _keep_order(sugiyama, vertices, list(in_order))
    sugiyama.setxy()
    sugiyama.draw_edges()

    left = min(v.view.xy[0] - v.view.w / 2 for layer in sugiyama.layers for v in layer)
    top = min(v.view.xy[1] - v.view.h / 2 for v in vertices.values())

    def moved(point: Point) -> Point:
        return (round(point[0] - left + margin, 1), round(point[1] - top + margin, 1))

    band_list = []
    for layer in sugiyama.layers:
        half = max(v.view.h for v in layer) / 2
        centre = moved(layer[0].view.xy)[1]
        band_list.append((round(centre - half, 1), round(centre + half, 1)))
    bands = {name: band_list[sugiyama.grx[v].rank] for name, v in vertices.items()}
    centres = {name: moved(v.view.xy) for name, v in vertices.items()}
    bends = {link: [moved(p)[0] for p in edge.view.path[1:-1]] for link, edge in edges.items()}
    width = max(x + v.view.w / 2 for (x, _), v in zip(centres.values(), vertices.values())) + margin
    height = max(y + v.view.h / 2 for (_, y), v in zip(centres.values(), vertices.values())) + margin
    return Layout(centres, bends, bands, band_list, round(width, 1), round(height, 1))
