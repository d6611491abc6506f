"""Every route through a pathway, from the first question to an outcome.

Trees are small, so listing every route is cheap; tests walk all of them and the
"All routes" page prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from caretech.pathways.model import Action, Answer, Outcome, Pathway, Question


@dataclass(frozen=True)
class Choice:
    question: Question
    answer: Answer


@dataclass(frozen=True)
class Route:
    choices: tuple[Choice, ...]
    outcome: Outcome

    @property
    def actions(self) -> tuple[Action, ...]:
        """What to do, in the order to do it: by "when" group (containment first), and within a
        group the outcome's actions, then those the chosen answers add, without repeats."""
        return earliest_first([*self.outcome.actions, *(a for c in self.choices for a in c.answer.add_actions)])

    def action_groups(self, pathway: Pathway) -> list[tuple[str, tuple[Action, ...]]]:
        """(heading, actions) for each "when" group this route has, in order; one group with no
        heading when the pathway's actions do not say when."""
        if not pathway.action_headings:
            return [("", self.actions)]
        return [(heading, group) for when, heading in pathway.action_headings
                if (group := tuple(a for a in self.actions if a.when == when))]


def earliest_first(candidates: list[Action]) -> tuple[Action, ...]:
    """Each action once, in its earliest "when" group (an answer may ask for something sooner
    than the outcome does), sorted by group; within a group, in the order given."""
    best: dict[str, tuple[int, Action]] = {}
    for position, action in enumerate(candidates):
        if action not in best or action.order < best[action][1].order:
            best[action] = (position, action)
    return tuple(a for _, a in sorted(best.values(), key=lambda pair: (pair[1].order, pair[0])))


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
        lines.extend(f"   * {_when(pathway, action)}{action}" for action in route.actions)
    return "\n".join(lines) + "\n"


def _when(pathway: Pathway, action: Action) -> str:
    return f"[{action.when}] " if pathway.action_headings else ""
