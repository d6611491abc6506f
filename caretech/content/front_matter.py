"""Check the front matter of Markdown pages: guides need dates and sources.

Guides are the pages inside a section folder (docs/<section>/<guide>.md). Index
pages and the pages at the top of docs/ (home, about, glossary) need only a
title and a description. Templates (docs/templates/<name>.md) are guides with a few
more fields, checked against caretech/templates/template.schema.json as well.
"""

from __future__ import annotations

import re

from caretech.problems import Problem
from caretech.content.review_dates import check_review_dates
from caretech.readers.schema_check import check_against_schema
from caretech.readers.yaml_source import load_yaml
from caretech.templates.source import describe as describe_template, is_template, template_schema

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.S)
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


def check_front_matter(text: str, filename: str, src_path: str, schema: dict) -> tuple[dict, list[Problem]]:
    """Return the front matter (as text values) and every problem with it."""
    match = _FENCE.match(text)
    if not match:
        return {}, [Problem(filename, 1, "The page has no front matter (the fields between --- lines at the top).",
                            "Start the file with ---, then title: and description: lines "
                            "(guides also need audience, last_reviewed, next_review and sources), then ---.")]
    document, problems = load_yaml(match.group(1) or "", filename, first_line=2)
    if document is None:
        return {}, problems
    if not isinstance(document.data, dict):
        return {}, problems + [Problem(filename, 2, "The front matter should be a list of `name: value` lines.",
                                       "See the guide template in CONTRIBUTING.md.")]
    if is_template(src_path):
        problems += check_against_schema(document, template_schema(schema), filename, describe_template)
        problems += check_review_dates(document, filename)
    elif is_guide(src_path):
        problems += check_against_schema(document, schema, filename, _describe)
        problems += check_review_dates(document, filename)
    else:
        for field in PAGE_FIELDS:
            if not isinstance(document.data.get(field), str) or not document.data[field].strip():
                problems.append(Problem(filename, 2, f"The front matter is missing `{field}`.",
                                        f"Add a `{field}:` line with plain text."))
        problems += check_review_dates(document, filename)  # optional on these pages, but must be right
    return document.data, problems


def load_front_matter_schema() -> dict:
    from importlib.resources import files

    from caretech.readers.schema_check import load_schema

    return load_schema(files("caretech.content") / "front_matter.schema.json")
