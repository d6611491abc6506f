"""When each action is done: the fixed set of "when" groups, their headings, and the rule
that an urgent pathway says when for every action.

The groups and headings live in pathways/schema.json (`$defs.actions.properties`), beside
the field descriptions contributors read, so the schema is the one place that names them.
Their order there is the order results show them in: containment first.
"""

from __future__ import annotations

from caretech.nations import NATIONS
from caretech.problems import Problem
from caretech.readers.yaml_source import YamlDocument

UNTIMED = "today"  # a plain list of actions is done today


def when_headings(schema: dict) -> dict[str, str]:
    """Each "when" group -> its heading, in the order results show them."""
    groups = schema["$defs"]["actions"]["properties"]
    return {when: group["title"] for when, group in groups.items()}




def timed(actions) -> list[tuple[str, str, str | None]]:
    """(when, text, nation) for each action, from a plain list (done today) or lists grouped by
    when. A line given for each nation becomes one action per nation, "In Wales: …", in the
    order of caretech.nations.NATIONS."""
    groups = actions.items() if isinstance(actions, dict) else [(UNTIMED, actions or ())]
    found = []
    for when, items in groups:
        for item in items:
            if isinstance(item, dict):
                found += [(when, for_nation(nation, item[nation].strip()), nation) for nation in NATIONS]
            else:
                found.append((when, item.strip(), None))
    return found


def for_nation(nation: str, step: str) -> str:
    """'Tell CQC …' for Wales -> 'In Wales: tell CQC …' (an abbreviation keeps its capitals)."""
    first = step.split(" ", 1)[0]
    return f"In {NATIONS[nation]}: {step if first.isupper() else step[:1].lower() + step[1:]}"


def without_nation(action: str, nation: str | None) -> str:
    """The step as written, from `for_nation`'s words: 'In Wales: tell …' -> 'Tell …'."""
    if nation is None:
        return action
    step = action.removeprefix(f"In {NATIONS[nation]}: ")
    return step[:1].upper() + step[1:]


def check_urgent_timing(document: YamlDocument, filename: str, headings: dict[str, str]) -> list[Problem]:
    """In an urgent pathway every action list says when: a plain list could hide a step that
    must come first among ones that can wait."""
    data = document.data
    if data.get("urgent") is not True:
        return []
    groups = ", ".join(f"`{when}:`" for when in headings)
    problems = []
    lists: list[tuple[tuple, str]] = []
    for kind, key, noun in (("outcomes", "actions", "actions"), ("questions", "answers", None)):
        for index, step in enumerate(data.get(kind) or []):
            if not isinstance(step, dict):
                continue
            if noun:
                lists.append(((kind, index, key), f"The actions of outcome `{step.get('id')}`"))
                continue
            for a_index, answer in enumerate(step.get("answers") or []):
                if isinstance(answer, dict):
                    lists.append(((kind, index, "answers", a_index, "add_actions"),
                                  f"The `add_actions` of answer {a_index + 1} of question `{step.get('id')}`"))
    for path, name in lists:
        value = _at(data, path)
        if isinstance(value, list):
            problems.append(Problem(
                filename, document.line_of(path),
                f"{name} do not say when to do them. This pathway is urgent (`urgent: true`), so every action must.",
                f"Put each action under one of {groups}, indented below `{path[-1]}:`. "
                "See \"Pathway files\" in README.md."))
    return problems


def _at(data, path: tuple):
    for key in path:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data
