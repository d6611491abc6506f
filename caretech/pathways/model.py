"""The pathway as typed objects, built only from data that passed every check."""

from __future__ import annotations

from dataclasses import dataclass

from caretech.pathways.timing import UNTIMED, timed


class Action(str):
    """One thing to do. It is its text (so it prints, compares and de-duplicates as text) and
    knows when it is done: one of the "when" groups in pathways/schema.json."""

    when: str
    order: int  # the group's place among the "when" groups: results sort by it, containment first
    nation: str | None  # for a line that differs by UK nation: the nation it is for

    def __new__(cls, text: str, when: str = UNTIMED, order: int = 0, nation: str | None = None) -> "Action":
        action = super().__new__(cls, text)
        action.when, action.order, action.nation = when, order, nation
        return action


def _actions(value, headings: dict[str, str]) -> tuple[Action, ...]:
    order = {when: n for n, when in enumerate(headings)}
    return tuple(Action(text, when, order.get(when, 0), nation) for when, text, nation in timed(value))


@dataclass(frozen=True)
class Answer:
    index: int  # position in the question, used in markup and URLs
    label: str
    next: str
    add_actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[Answer, ...]
    hint: str = ""


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    body: str
    actions: tuple[Action, ...]
    guides: tuple[str, ...]
    templates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _PathwayFile:
    """What every file in pathways/ has, a pathway or an index."""

    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    last_reviewed: str
    next_review: str


@dataclass(frozen=True)
class Pathway(_PathwayFile):
    version: int
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    source: str  # the file it came from, relative to the project
    urgent: bool = False
    # The "when" groups results show, in order, with their headings; empty when no action
    # in the pathway says when (then a result is one plain list).
    action_headings: tuple[tuple[str, str], ...] = ()

    def step(self, step_id: str) -> Question | Outcome:
        for step in (*self.questions, *self.outcomes):
            if step.id == step_id:
                return step
        raise KeyError(step_id)


@dataclass(frozen=True)
class PathwayIndex(_PathwayFile):
    """One question whose answers send people into other pathways: the first question of each
    pathway in `choose_from`, in that order, so the index never repeats their words."""

    question: str
    hint: str
    choose_from: tuple[Pathway, ...]
    source: str


def build_index(data: dict, source: str, pathways: dict[str, Pathway]) -> PathwayIndex:
    return PathwayIndex(
        id=data["id"], title=data["title"].strip(), summary=" ".join(data["summary"].split()),
        audience=tuple(data["audience"]), last_reviewed=data["last_reviewed"], next_review=data["next_review"],
        question=data["question"].strip(), hint=data.get("hint", "").strip(),
        choose_from=tuple(pathways[p] for p in data["choose_from"]), source=source,
    )


def build_pathway(data: dict, source: str, headings: dict[str, str]) -> Pathway:
    """`headings`: the "when" groups and their headings, in order (caretech/pathways/timing.py)."""
    questions = tuple(
        Question(
            id=q["id"],
            question=q["question"].strip(),
            hint=q.get("hint", "").strip(),
            answers=tuple(
                Answer(i, a["label"].strip(), a["next"], _actions(a.get("add_actions"), headings))
                for i, a in enumerate(q["answers"])
            ),
        )
        for q in data["questions"]
    )
    outcomes = tuple(
        Outcome(o["id"], o["title"].strip(), o["body"].strip(), _actions(o["actions"], headings), tuple(o["guides"]),
                tuple(o.get("templates", ())))
        for o in data["outcomes"]
    )
    return Pathway(
        id=data["id"],
        title=data["title"].strip(),
        summary=" ".join(data["summary"].split()),
        audience=tuple(data["audience"]),
        last_reviewed=data["last_reviewed"],
        next_review=data["next_review"],
        version=data["version"],
        start=data["start"],
        questions=questions,
        outcomes=outcomes,
        source=source,
        urgent=data.get("urgent") is True,
        action_headings=_headings_used(data.get("urgent") is True, questions, outcomes, headings),
    )


def _headings_used(urgent: bool, questions, outcomes, headings: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Every "when" group, if the pathway is urgent or any action is not for today; otherwise
    none, and each result is one plain list as before."""
    actions = [a for o in outcomes for a in o.actions] + [a for q in questions for x in q.answers for a in x.add_actions]
    return tuple(headings.items()) if urgent or any(a.when != UNTIMED for a in actions) else ()
