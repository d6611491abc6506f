"""The pathway as typed objects, built only from data that passed every check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    index: int  # position in the question, used in markup and URLs
    label: str
    next: str
    add_actions: tuple[str, ...] = ()


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
    actions: tuple[str, ...]
    guides: tuple[str, ...]
    templates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pathway:
    id: str
    title: str
    summary: str
    audience: tuple[str, ...]
    last_reviewed: str
    next_review: str
    version: int
    start: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    source: str  # the file it came from, relative to the project

    def step(self, step_id: str) -> Question | Outcome:
        for step in (*self.questions, *self.outcomes):
            if step.id == step_id:
                return step
        raise KeyError(step_id)


def build_pathway(data: dict, source: str) -> Pathway:
    questions = tuple(
        Question(
            id=q["id"],
            question=q["question"].strip(),
            hint=q.get("hint", "").strip(),
            answers=tuple(
                Answer(i, a["label"].strip(), a["next"], tuple(s.strip() for s in a.get("add_actions", ())))
                for i, a in enumerate(q["answers"])
            ),
        )
        for q in data["questions"]
    )
    outcomes = tuple(
        Outcome(o["id"], o["title"].strip(), o["body"].strip(), tuple(s.strip() for s in o["actions"]), tuple(o["guides"]),
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
    )
