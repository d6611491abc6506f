"""The pathway compiler: load -> validate (schema, then graph) -> model -> routes -> render.

Nothing here knows about MkDocs; `caretech/stages/generate.py` adapts it to the build.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Iterable

from caretech.pathways.graph import check_graph
from caretech.pathways.model import Pathway, PathwayIndex, build_index, build_pathway
from caretech.pathways.routes import Route, enumerate_routes, route_table
from caretech.pathways.timing import check_urgent_timing, when_headings
from caretech.problems import ContentError, Problem
from caretech.readers.review_dates import check_review_dates
from caretech.facts import Register, expand_data, reference_problems, register_for
from caretech.readers.dates import build_today
from caretech.readers.schema_check import check_against_schema, load_schema
from caretech.readers.yaml_source import YamlDocument, load_yaml

__all__ = [
    "Pathway", "PathwayIndex", "Route", "compile_folder", "compile_pathway", "compile_pathways", "enumerate_routes",
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


def _is_index(data) -> bool:
    return isinstance(data, dict) and "choose_from" in data


def _check_file(
    text: str, filename: str, schema: dict, known_pages: Iterable[str] | None, register: Register | None = None
) -> tuple[YamlDocument | None, list[Problem]]:
    """Load one pathway or index file and run every check that needs only this file.
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
    if not _is_index(document.data):
        problems += check_graph(document, filename, known_pages)
        problems += _check_text(document, filename)
        problems += check_urgent_timing(document, filename, when_headings(schema))

    expected_id = Path(filename).stem
    if isinstance(document.data.get("id"), str) and document.data["id"] != expected_id:
        problems.append(Problem(filename, document.line_of(("id",)),
                                f"The id `{document.data['id']}` differs from the file name `{expected_id}`.",
                                f"Make them the same: set `id: {expected_id}` or rename the file."))
    return document, problems


def compile_pathway(
    text: str, filename: str, schema: dict, known_pages: Iterable[str] | None = None,
    register: Register | None = None,
) -> tuple[Pathway | None, list[Problem]]:
    """Check one pathway file and build its model. Returns every problem found.

    An index file is checked on its own and gives no pathway: it needs the other files to be
    built (compile_folder does that, and checks the pathways it names)."""
    document, problems = _check_file(text, filename, schema, known_pages, register)
    if problems or _is_index(document.data):
        return None, problems
    return build_pathway(document.data, filename, when_headings(schema)), []


def compile_pathways(
    directory: str | Path, known_pages: Iterable[str] | None = None, display_root: str | Path | None = None,
    register: Register | None = None,
) -> list[Pathway]:
    """Every pathway in `directory` (indexes left out), or raise ContentError listing every problem."""
    return compile_folder(directory, known_pages, display_root, register)[0]


def compile_folder(
    directory: str | Path, known_pages: Iterable[str] | None = None, display_root: str | Path | None = None,
    register: Register | None = None,
) -> tuple[list[Pathway], list[PathwayIndex]]:
    """Compile every `*.yml`/`*.yaml` file in `directory`: the pathways, then the indexes that
    send people into them. Raises ContentError listing every problem."""
    directory = Path(directory)
    root = Path(display_root) if display_root else directory.parent
    if register is None:  # the facts of the project the folder is in, as on the build's day
        register, problems = register_for(directory.parent, build_today())
        if problems:
            raise ContentError(problems)
    schema = load_schema(directory / SCHEMA_FILE)
    headings = when_headings(schema)
    known = set(known_pages) if known_pages is not None else None
    pathways: list[Pathway] = []
    index_files: list[tuple[YamlDocument, str]] = []
    problems: list[Problem] = []
    first_file_for_id: dict[str, str] = {}
    files = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    for path in files:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        document, found = _check_file(path.read_text(encoding="utf-8"), name, schema, known, register)
        problems += found
        if document is None or found:
            continue
        file_id = document.data["id"]
        if file_id in first_file_for_id:
            problems.append(Problem(name, 1, f"Another pathway, {first_file_for_id[file_id]}, has the id `{file_id}`.",
                                    "Give every pathway its own id."))
            continue
        first_file_for_id[file_id] = name
        if _is_index(document.data):
            index_files.append((document, name))
        else:
            pathways.append(build_pathway(document.data, name, headings))

    by_id = {p.id: p for p in pathways}
    indexes: list[PathwayIndex] = []
    for document, name in index_files:
        found = _check_index_targets(document, name, by_id)
        problems += found
        if not found:
            indexes.append(build_index(document.data, name, by_id))
    if problems:
        raise ContentError(problems)
    return pathways, indexes


def _check_index_targets(document: YamlDocument, filename: str, pathways: dict[str, Pathway]) -> list[Problem]:
    """Each id in an index's `choose_from` must be a pathway (not another index) in the folder."""
    problems = []
    for number, pathway_id in enumerate(document.data["choose_from"]):
        if pathway_id not in pathways:
            close = difflib.get_close_matches(pathway_id, sorted(pathways), n=1, cutoff=0.6)
            hint = f"Did you mean `{close[0]}`? " if close else ""
            problems.append(Problem(
                filename, document.line_of(("choose_from", number)),
                f"`choose_from` names `{pathway_id}`, but there is no pathway with that id.",
                f"{hint}Use the `id` of a pathway file in this folder (not another index)."))
    return problems
