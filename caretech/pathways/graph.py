"""Checks on how steps connect: ids, `next` targets, reachability, loops, dead ends, guide links.

These run on the raw data even when the schema found mistakes, skipping anything
malformed, so one build reports as many problems as it can.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from caretech.problems import Problem
from caretech.readers.yaml_source import YamlDocument


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _answers(question: dict) -> list[tuple[int, dict]]:
    return _items(question, "answers")


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def check_graph(document: YamlDocument, filename: str, known_pages: Iterable[str] | None) -> list[Problem]:
    data = document.data
    problems: list[Problem] = []

    def add(path: tuple, message: str, fix: str) -> None:
        problems.append(Problem(filename, document.line_of(path), message, fix))

    questions = _items(data, "questions")
    outcomes = _items(data, "outcomes")

    # Step ids must be unique across questions and outcomes.
    steps: dict[str, tuple] = {}
    for kind, items in (("questions", questions), ("outcomes", outcomes)):
        for index, step in items:
            step_id = _text(step.get("id"))
            if step_id is None:
                continue
            if step_id in steps:
                first_line = document.line_of(steps[step_id] + ("id",))
                add((kind, index, "id"), f"Two steps have the id `{step_id}` (the other is on line {first_line}).",
                    "Give each question and outcome its own id.")
            else:
                steps[step_id] = (kind, index)
    question_ids = {_text(q.get("id")): (i, q) for i, q in questions if _text(q.get("id"))}
    step_ids = sorted(steps)

    def unknown_step(path: tuple, target: str, what: str) -> None:
        close = difflib.get_close_matches(target, step_ids, n=1, cutoff=0.6)
        hint = f"Did you mean `{close[0]}`? " if close else ""
        add(path, f"{what} `{target}`, but there is no question or outcome with that id.",
            f"{hint}Use the id of a step in this file.")

    start = _text(data.get("start"))
    if start and start not in steps:
        unknown_step(("start",), start, "`start` names")
    elif start and start not in question_ids:
        add(("start",), f"The pathway starts at `{start}`, which is an outcome, so nobody is asked anything.",
            "Set `start:` to the id of the first question.")

    # Answers: `next` must name a step; labels must differ within a question.
    edges: dict[str, list[tuple[str, tuple]]] = {}
    for q_index, question in questions:
        q_id = _text(question.get("id")) or f"number {q_index + 1}"
        seen: dict[str, int] = {}
        for a_index, answer in _answers(question):
            path = ("questions", q_index, "answers", a_index)
            label = _text(answer.get("label"))
            if label is not None:
                key = " ".join(label.lower().split())
                if key in seen:
                    add(path + ("label",), f"Question `{q_id}` has two answers labelled \"{label}\".",
                        "Give every answer in a question a different label.")
                seen[key] = a_index
            target = _text(answer.get("next"))
            if target is None:
                continue
            if target not in steps:
                unknown_step(path + ("next",), target, f"Answer \"{label}\" of question `{q_id}` leads to")
            else:
                edges.setdefault(q_id, []).append((target, path + ("next",)))

    # Outcomes: every guide and template must be a page of the site.
    if known_pages is not None:
        pages = set(known_pages)
        for o_index, outcome in outcomes:
            for key, noun, example in (("guides", "guide", "devices-and-wifi/wifi.md"),
                                       ("templates", "template", "templates/wifi-survey.md")):
                items = outcome.get(key)
                for g_index, page in enumerate(items if isinstance(items, list) else []):
                    if isinstance(page, str) and page not in pages:
                        close = difflib.get_close_matches(page, sorted(pages), n=1, cutoff=0.6)
                        hint = f"Did you mean `{close[0]}`? " if close else ""
                        add(("outcomes", o_index, key, g_index), f"The {noun} `{page}` does not exist.",
                            f"{hint}Write the path of a page inside docs/, e.g. {example}.")

    if not start or start not in question_ids:
        return problems
    problems.extend(_check_routes(document, filename, start, steps, edges, outcomes))
    return problems


def _check_routes(document, filename, start, steps, edges, outcomes) -> list[Problem]:
    """Unreachable steps, loops and routes that never reach an outcome."""
    problems: list[Problem] = []
    outcome_ids = {o.get("id") for _, o in outcomes}

    # Loops: a depth-first walk that meets a step already on the current route.
    reported_loops: set[tuple] = set()
    reached: set[str] = set()
    on_route: list[str] = []

    def walk(step_id: str) -> None:
        reached.add(step_id)
        on_route.append(step_id)
        for target, path in edges.get(step_id, []):
            if target in on_route:
                loop = on_route[on_route.index(target):] + [target]
                if path not in reported_loops:
                    reported_loops.add(path)
                    problems.append(Problem(
                        filename, document.line_of(path),
                        f"This answer makes a loop: {' -> '.join(loop)}. People could go round for ever.",
                        "Point `next` at a later question or an outcome, never back to an earlier step."))
            elif target not in reached:
                walk(target)
        on_route.pop()

    walk(start)

    for step_id, location in steps.items():
        if step_id not in reached:
            problems.append(Problem(
                filename, document.line_of(location + ("id",)),
                f"Nobody can reach the step `{step_id}`: no answer leads to it.",
                f"Point an answer's `next:` at `{step_id}`, or delete the step."))

    # Dead ends: reachable questions from which no outcome can be reached.
    can_finish = set(outcome_ids)
    changed = True
    while changed:
        changed = False
        for step_id, targets in edges.items():
            if step_id not in can_finish and any(t in can_finish for t, _ in targets):
                can_finish.add(step_id)
                changed = True
    for step_id in sorted(reached - can_finish):
        problems.append(Problem(
            filename, document.line_of(steps[step_id] + ("id",)),
            f"Every route from `{step_id}` goes on for ever and never reaches an outcome.",
            "Make at least one answer lead, in the end, to an outcome."))
    return problems
