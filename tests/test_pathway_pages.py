"""Every route of every shipped pathway, followed through the built page's plain links: the page
as it works with JavaScript off. (The browser walks these links on a sample of pathways only,
in tests/browser/test_pathway_browser.py; here every route is checked, quickly, in Python.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from caretech.pathways import enumerate_routes
from helpers import pathway_ids

IDS = pathway_ids()


@dataclass
class Step:
    kind: str
    answers: dict[int, tuple[str, str]] = field(default_factory=dict)   # index -> (href, label)
    actions: list[tuple[tuple[str, int] | None, str]] = field(default_factory=list)  # (added by, text)
    restart: str = ""


class PathwayPage(HTMLParser):
    """The steps of a built pathway page: each question's answer links, each result's actions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.steps: dict[str, Step] = {}
        self._step: Step | None = None
        self._open: list[str] = []        # what is being read: "answer", "action", "condition", "restart"
        self._text: list[str] = []
        self._attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        classes = attrs.get("class", "").split()
        if tag == "section" and "ctg-step" in classes:
            self._step = self.steps.setdefault(attrs["id"], Step(attrs["data-step-kind"]))
        elif tag == "a" and "ctg-answer" in classes:
            self._start("answer", attrs)
        elif tag == "li" and "ctg-action" in classes:
            self._start("action", attrs)
        elif tag == "span" and "ctg-condition" in classes:
            self._open.append("condition")
        elif tag == "a" and self._open[-1:] == ["restart"]:
            self._step.restart = attrs.get("href", "")
        elif tag == "p" and "ctg-restart" in classes:
            self._open.append("restart")

    def _start(self, what: str, attrs: dict[str, str]) -> None:
        self._open.append(what)
        self._text, self._attrs = [], attrs

    def handle_data(self, data):
        if self._open and self._open[-1] in ("answer", "action"):  # not the condition before an action
            self._text.append(data)

    def handle_endtag(self, tag):
        if not self._open:
            if tag == "section":
                self._step = None
            return
        what = self._open[-1]
        text = " ".join("".join(self._text).split())
        if tag == "a" and what == "answer":
            self._step.answers[int(self._attrs["data-answer-index"])] = (self._attrs["href"], text)
        elif tag == "li" and what == "action":
            added_by = None
            if "data-from-question" in self._attrs:
                added_by = (self._attrs["data-from-question"], int(self._attrs["data-from-answer"]))
            self._step.actions.append((added_by, text))
        elif not (tag == "span" and what == "condition") and not (tag == "p" and what == "restart"):
            return
        self._open.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def read_page(site: Path, pathway_id: str) -> dict[str, Step]:
    parser = PathwayPage()
    parser.feed((site / "pathways" / pathway_id / "index.html").read_text(encoding="utf-8"))
    return parser.steps


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("pathway", IDS, indirect=True)
def test_every_route_by_the_pages_plain_links(built_site: Path, pathway):
    steps = read_page(built_site, pathway.id)
    assert set(steps) == {s.id for s in (*pathway.questions, *pathway.outcomes)}
    for route in enumerate_routes(pathway):
        for choice in route.choices:
            href, label = steps[choice.question.id].answers[choice.answer.index]
            assert (href, label) == (f"#{choice.answer.next}", words(choice.answer.label)), (route, choice.question.id)
            assert href[1:] in steps
        outcome = steps[route.outcome.id]
        assert outcome.kind == "outcome" and outcome.restart == f"#{pathway.start}"
        given = {(c.question.id, c.answer.index) for c in route.choices}
        # Every action on the route is on the page, and those an answer adds are marked with that
        # answer, so the script can show exactly this route's list.
        tailored = {text for added_by, text in outcome.actions if added_by is None or added_by in given}
        assert tailored == {words(a) for a in route.actions}, route
