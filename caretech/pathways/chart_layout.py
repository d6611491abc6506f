"""Layered (Sugiyama) layout of boxes and arrows, top to bottom, with grandalf.

grandalf is pure Python, so the build needs no Graphviz binary. It puts each box on a
layer below every box that points to it, orders each layer to avoid crossing arrows,
and routes an arrow that skips layers through bend points on the layers between.
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
    bends: dict[tuple[str, str], list[Point]]  # (from, to) -> bend points between the two boxes
    width: float
    height: float


class _View:
    """What grandalf reads (w, h) and writes (xy, the path of an edge)."""

    def __init__(self, w: float = 0, h: float = 0) -> None:
        self.w, self.h, self.xy = w, h, (0.0, 0.0)
        self.path: list[Point] = []

    def setpath(self, points: list[Point]) -> None:
        self.path = list(points)


def layered_layout(boxes: list[Box], links: list[tuple[str, str]], first: str,
                   gap_x: float = 24, gap_y: float = 30, margin: float = 4) -> Layout:
    """Place `boxes` (joined by `links`, from -> to, no loops) in layers below `first`."""
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
    sugiyama.draw()

    left = min(v.view.xy[0] - v.view.w / 2 for v in vertices.values())
    top = min(v.view.xy[1] - v.view.h / 2 for v in vertices.values())

    def moved(point: Point) -> Point:
        return (round(point[0] - left + margin, 1), round(point[1] - top + margin, 1))

    centres = {name: moved(v.view.xy) for name, v in vertices.items()}
    bends = {link: [moved(p) for p in edge.view.path[1:-1]] for link, edge in edges.items()}
    width = max(x + v.view.w / 2 for (x, _), v in zip(centres.values(), vertices.values())) + margin
    height = max(y + v.view.h / 2 for (_, y), v in zip(centres.values(), vertices.values())) + margin
    return Layout(centres, bends, round(width, 1), round(height, 1))
