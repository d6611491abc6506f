"""Check the front matter of Markdown pages: guides need dates and sources.

Guides are the pages inside a section folder (docs/<section>/<guide>.md). Index
pages and the pages at the top of docs/ (home, about, glossary) need only a
title and a description. Templates (docs/templates/<name>.md) are guides with a few
more fields: the caller passes their schema (caretech/stages/front_matter.py), so the
content rules need not know the templates package.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from caretech.problems import Problem
from caretech.readers.review_dates import check_review_dates
from caretech.readers.front_matter import as_json_values, read_front_matter
from caretech.readers.schema_check import check_against_schema, markup_characters, markup_problem

PAGE_FIELDS = ("title", "description")


def is_guide(src_path: str) -> bool:
    """`section/guide.md` is a guide; `index.md` pages and top-level pages are not."""
    parts = src_path.split("/")
    return len(parts) == 2 and parts[1] != "index.md" and parts[1].endswith(".md")


def _describe(path: tuple, data) -> str:
    if not path:
        return "The front matter"
    if path[0] == "sources" and len(path) >= 2:
        rest = f"`{path[2]}` of " if len(path) >= 3 else ""
        return f"{rest}source {path[1] + 1}".capitalize()
    if len(path) >= 2:
        return f"Item {path[1] + 1} of `{path[0]}`"
    return f"`{path[0]}`"


def check_front_matter(text: str, filename: str, src_path: str, schema: dict,
                       describe: Callable[[tuple, object], str] | None = None) -> tuple[dict, list[Problem]]:
    """Return the front matter (as the page gets it) and every problem with it. Guides are
    checked against `schema`; `describe` names a field in messages (a guide's way by default)."""
    front = read_front_matter(text, filename)
    if not front.found:
        unclosed = text.lstrip("\ufeff").startswith("---")
        return {}, [Problem(filename, 1,
                            "The front matter has no closing --- line (or nothing after it)." if unclosed else
                            "The page has no front matter (the fields between --- lines at the top).",
                            "Put a line with just --- after the last field, then a blank line and the page's text."
                            if unclosed else
                            "Start the file with ---, then title: and description: lines "
                            "(guides also need audience, last_reviewed, next_review and sources), then ---.")]
    problems = list(front.problems)
    if not front.readable:
        return {}, problems
    # The schema speaks JSON, which has no dates: check bare dates as the YYYY-MM-DD text they came from.
    document = dataclasses.replace(front.document, data=as_json_values(front.document.data))
    if is_guide(src_path):
        problems += check_against_schema(document, schema, filename, describe or _describe)
    else:
        for field in PAGE_FIELDS:
            value = document.data.get(field)
            if isinstance(value, (bool, int, float)):
                written = document.raw.get((field,), str(value))
                problems.append(Problem(filename, document.line_of((field,)),
                                        f"`{field}` must be text in quotes: YAML reads `{written}` on its own "
                                        f"as {'true or false' if isinstance(value, bool) else 'a number'}, not as words.",
                                        f'Put the value in quotes, like {field}: "{written}".'))
            elif not isinstance(value, str) or not value.strip():
                problems.append(Problem(filename, 2, f"The front matter is missing `{field}`.",
                                        f"Add a `{field}:` line with plain text."))
            elif markup_characters(value):
                problems.append(markup_problem(filename, document.line_of((field,)), f"`{field}`", value))
    problems += check_review_dates(document, filename)  # optional on other pages, but must be right
    return front.data, list(dict.fromkeys(problems))  # a bad date is reported once, not twice


def load_front_matter_schema() -> dict:
    from importlib.resources import files

    from caretech.readers.schema_check import load_schema

    return load_schema(files("caretech.content") / "front_matter.schema.json")
