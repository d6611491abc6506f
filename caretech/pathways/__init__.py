"""The pathway compiler: load -> validate (schema, then graph) -> model -> routes -> render.

Nothing here knows about MkDocs; `hooks/pathways.py` adapts it to the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from caretech.pathways.graph import check_graph
from caretech.pathways.model import Pathway, build_pathway
from caretech.pathways.routes import Route, enumerate_routes, route_table
from caretech.problems import ContentError, Problem
from caretech.content.review_dates import check_review_dates
from caretech.facts import Register, expand_data, reference_problems
from caretech.readers.schema_check import check_against_schema, load_schema
from caretech.readers.yaml_source import YamlDocument, load_yaml

__all__ = [
    "Pathway", "Route", "compile_pathway", "compile_pathways", "enumerate_routes",
    "load_schema", "route_table", "SCHEMA_FILE",
]

SCHEMA_FILE = "schema.json"  # kept beside the pathway files, where editors find it
_RAW_HTML = re.compile(r"<[A-Za-z!/?]")


def describe(path: tuple, data) -> str:
    """Name a place in a pathway file in words a contributor recognises."""
    def step_name(kind: str, index: int) -> str:
        items = data.get(kind) if isinstance(data, dict) else None
        item = items[index] if isinstance(items, list) and index < len(items) else None
        step_id = item.get("id") if isinstance(item, dict) else None
        noun = "question" if kind == "questions" else "outcome"
        return f"{noun} `{step_id}`" if isinstance(step_id, str) else f"{noun} number {index + 1}"

    if not path:
        return "The pathway"
    if path[0] in ("questions", "outcomes") and len(path) >= 2 and isinstance(path[1], int):
        name = step_name(path[0], path[1])
        rest = path[2:]
        if rest[:1] == ("answers",) and len(rest) >= 2:
            name = f"answer {rest[1] + 1} of {name}"
            rest = rest[2:]
        if not rest:
            return name[0].upper() + name[1:]
        if len(rest) >= 2 and isinstance(rest[1], int):
            return f"Item {rest[1] + 1} of `{rest[0]}` in {name}"
        return f"`{rest[0]}` in {name}"
    if len(path) >= 2 and isinstance(path[1], int):
        return f"Item {path[1] + 1} of `{path[0]}`"
    return f"`{path[0]}`"


def _check_text(document: YamlDocument, filename: str) -> list[Problem]:
    """Outcome bodies are Markdown: no raw HTML, so contributed content cannot run code."""
    problems = []
    outcomes = document.data.get("outcomes") if isinstance(document.data, dict) else None
    for index, outcome in enumerate(outcomes if isinstance(outcomes, list) else []):
        body = outcome.get("body") if isinstance(outcome, dict) else None
        if isinstance(body, str) and _RAW_HTML.search(body):
            problems.append(Problem(filename, document.line_of(("outcomes", index, "body")),
                                    f"The body of {describe(('outcomes', index), document.data).lower()} contains HTML.",
                                    "Use Markdown only: **bold**, lists and [links](../path/to/guide.md)."))
    return problems


def compile_pathway(
    text: str, filename: str, schema: dict, known_pages: Iterable[str] | None = None,
    register: Register | None = None,
) -> tuple[Pathway | None, list[Problem]]:
    """Check one pathway file and build its model. Returns every problem found.
    Facts (`{{ name }}`) are put in from `register` once the YAML is read."""
    document, problems = load_yaml(text, filename)
    if document is None:
        return None, problems
    register = register or Register()
    problems += reference_problems(text, filename, register)
    document.data = expand_data(document.data, register)
    if not isinstance(document.data, dict):
        return None, problems + [Problem(
            filename, 1, "The file should be a set of fields (`id:`, `title:` and so on), but it is not.",
            "Start from the pathway template in CONTRIBUTING.md.")]

    problems += check_against_schema(document, schema, filename, describe)
    problems += check_review_dates(document, filename)
    problems += check_graph(document, filename, known_pages)
    problems += _check_text(document, filename)

    expected_id = Path(filename).stem
    if isinstance(document.data.get("id"), str) and document.data["id"] != expected_id:
        problems.append(Problem(filename, document.line_of(("id",)),
                                f"The id `{document.data['id']}` differs from the file name `{expected_id}`.",
                                f"Make them the same: set `id: {expected_id}` or rename the file."))
    if problems:
        return None, problems
    return build_pathway(document.data, filename), []


def compile_pathways(
    directory: str | Path, known_pages: Iterable[str] | None = None, display_root: str | Path | None = None,
    register: Register | None = None,
) -> list[Pathway]:
    """Compile every `*.yml`/`*.yaml` file in `directory`, or raise ContentError listing every problem."""
    directory = Path(directory)
    root = Path(display_root) if display_root else directory.parent
    schema = load_schema(directory / SCHEMA_FILE)
    known = set(known_pages) if known_pages is not None else None
    pathways: list[Pathway] = []
    problems: list[Problem] = []
    first_file_for_id: dict[str, str] = {}
    files = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    for path in files:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        pathway, found = compile_pathway(path.read_text(encoding="utf-8"), name, schema, known, register)
        problems += found
        if pathway is None:
            continue
        if pathway.id in first_file_for_id:
            problems.append(Problem(name, 1, f"Another pathway, {first_file_for_id[pathway.id]}, has the id `{pathway.id}`.",
                                    "Give every pathway its own id."))
            continue
        first_file_for_id[pathway.id] = name
        pathways.append(pathway)
    if problems:
        raise ContentError(problems)
    return pathways
