"""Every route through a pathway, from the first question to an outcome.

Trees are small, so listing every route is cheap; tests walk all of them and the
"All routes" page prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from caretech.pathways.model import Answer, Outcome, Pathway, Question


@dataclass(frozen=True)
class Choice:
    question: Question
    answer: Answer


@dataclass(frozen=True)
class Route:
    choices: tuple[Choice, ...]
    outcome: Outcome

    @property
    def actions(self) -> tuple[str, ...]:
        """The outcome's actions, then those the chosen answers add, without repeats."""
        items = [*self.outcome.actions]
        for choice in self.choices:
            items.extend(a for a in choice.answer.add_actions if a not in items)
        return tuple(items)


def enumerate_routes(pathway: Pathway) -> list[Route]:
    """All routes, depth first in answer order. Assumes the graph checks passed (no loops)."""
    routes: list[Route] = []

    def walk(step_id: str, taken: tuple[Choice, ...]) -> None:
        step = pathway.step(step_id)
        if isinstance(step, Outcome):
            routes.append(Route(taken, step))
            return
        for answer in step.answers:
            walk(answer.next, taken + (Choice(step, answer),))

    walk(pathway.start, ())
    return routes


def route_table(pathway: Pathway) -> str:
    """A readable text table of every route, kept in the repo so routing changes show in review."""
    lines = [f"# {pathway.title} ({pathway.id}, version {pathway.version})", ""]
    for number, route in enumerate(enumerate_routes(pathway), 1):
        path = " / ".join(f"{c.question.id}={c.answer.label}" for c in route.choices)
        lines.append(f"{number}. {path}")
        lines.append(f"   -> {route.outcome.id}: {route.outcome.title}")
        lines.extend(f"   * {action}" for action in route.actions)
    return "\n".join(lines) + "\n"
