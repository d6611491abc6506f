"""The content check: catch house-style and safety mistakes in guides and pathways, no build needed.

    python -m caretech.stages.check [paths...] [--errors-only] [--today YYYY-MM-DD]

Run it from the project folder (`make check` does). With no paths it checks docs/,
pathways/ and facts/. Each finding is printed as `file:line: error|warning: message` with a fix.
Errors make the command exit with status 1 (and so fail CI); warnings are advice.
`RULES` below lists every rule and how serious it is.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from caretech.content import pictures, rules
from caretech.content.rules import ERROR, WARNING, Finding, finding
from caretech.content.front_matter import is_guide, load_front_matter_schema
from caretech.stages.front_matter import check_page_front_matter
from caretech.text.markdown_text import blocks, body_lines, sentences
from caretech.content.pathway_text import pathway_sentences
from caretech.content.site_markdown import site_markdown
from caretech.facts import FACTS_FOLDER, Register, expand_data, expand_text, load_register, reference_problems, typed_by_hand
from caretech.pathways import SCHEMA_FILE, compile_pathway
from caretech.pathways.render import render_pathway_page, render_routes_page
from caretech.problems import ContentError, Problem
from caretech.readers.abbreviations import read_abbreviations
from caretech.readers.dates import build_today, parse_date
from caretech.readers.review_dates import DUE_SOON_DAYS, days_until, is_due_soon, is_overdue
from caretech.readers.front_matter import read_front_matter, split_front_matter
from caretech.readers.schema_check import load_schema
from caretech.readers.yaml_source import load_yaml
from caretech.templates import is_template
from caretech.templates.checks import template_findings

# rule -> (severity, what it catches). CONTRIBUTING.md explains each one for contributors.
RULES = {
    "front-matter": (ERROR, "front matter missing, unreadable or with a wrong field (guides and pages)"),
    "pathway": (ERROR, "a pathway file the pathway compiler rejects (schema, routes, guide links)"),
    "template": (ERROR, "a template whose fill-in fields or sheets are wrong (docs/templates/)"),
    "review-date": (ERROR, "review dates missing or last_reviewed in the future"),
    "sources": (ERROR, "a guide that lists no sources"),
    "long-sentence": (ERROR, f"a sentence over {rules.MAX_SENTENCE_WORDS} words"),
    "placeholder": (ERROR, "placeholder text such as TODO, TBC or lorem ipsum"),
    "unsafe-html": (ERROR, "markup that could run code, embed or load other sites: <script>, <iframe>, <form>, "
                           "<style>, on...= and style= attributes (also from {: ... }), javascript:/data: links"),
    "http-link": (ERROR, "a link to an http:// (not https://) address"),
    "review-soon": (WARNING, f"a review due within the next {DUE_SOON_DAYS} days"),
    "review-overdue": (WARNING, "a review date that has passed (never an error: the calendar must not fail a pull request)"),
    "word-to-avoid": (WARNING, "a word from includes/words-to-avoid.yml"),
    "abbreviation": (WARNING, "an abbreviation used before it is spelt out on the page"),
    "picture": (ERROR, "a picture in a page with no alt text or no caption"),
    "picture-file": (ERROR, "an SVG picture too big, with a script, style, outside link, tiny or black text"),
    "facts": (ERROR, "a mistake in facts/*.yml, or a {{ fact }} that names no fact in it"),
    "nation": (ERROR, "a `/// nation | …` box that does not name England, Wales, Scotland or Northern Ireland"),
    "typed-fact": (WARNING, "a phone number, amount or deadline from facts/ typed out instead of written as {{ fact }}"),
}
# Dates and sources have their own rules with clearer messages, so the schema
# check leaves out "missing field" for them.
_OWN_RULES = {"last_reviewed", "next_review", "sources"}


@dataclass
class Project:
    """What the rules need to know about the project: lists, schemas, pages and today's date."""

    root: Path
    today: datetime.date
    page_schema: dict
    pathway_schema: dict
    known_pages: set[str]
    avoid: list
    abbreviations: dict[str, str]
    render_markdown: Callable[[str], str] = lambda text: text   # Markdown -> HTML, as the build does
    includes: tuple[tuple[str, str], ...] = ()                   # (file, text) of includes/, for snippets
    facts: Register = field(default_factory=Register)           # facts/*.yml, as on `today`
    fact_problems: tuple[Problem, ...] = ()                     # mistakes in facts/*.yml

    @classmethod
    def load(cls, root: Path, today: datetime.date | None = None) -> Project:
        docs = root / "docs"
        today = today or build_today()
        facts, fact_problems = load_register(root, today)
        return cls(
            root=root,
            today=today,
            page_schema=_without_required(load_front_matter_schema(), _OWN_RULES),
            pathway_schema=_without_required(load_schema(root / "pathways" / SCHEMA_FILE), _OWN_RULES),
            known_pages={p.relative_to(docs).as_posix() for p in docs.rglob("*.md")},
            avoid=rules.load_words_to_avoid(root / "includes" / "words-to-avoid.yml"),
            abbreviations=read_abbreviations(root),
            render_markdown=site_markdown(root / "mkdocs.yml"),
            includes=tuple((p.relative_to(root).as_posix(), p.read_text(encoding="utf-8"))
                           for p in sorted((root / "includes").glob("*.md"))),
            facts=facts,
            fact_problems=tuple(fact_problems),
        )


def _without_required(schema: dict, fields: set[str]) -> dict:
    return {**schema, "required": [f for f in schema.get("required", []) if f not in fields]}


# --- reviews ----------------------------------------------------------------------------

def review_findings(filename: str, dates: dict, line_of: Callable[[str], int], today: datetime.date,
                    kind: str) -> list[Finding]:
    found = []
    fix_missing = "Add `{key}: YYYY-MM-DD`. next_review is at most 12 months after last_reviewed."
    for key in ("last_reviewed", "next_review"):
        if dates.get(key) in (None, ""):
            found.append(finding(ERROR, "review-date", filename, line_of(key),
                                 f"This {kind} has no `{key}` date.", fix_missing.format(key=key)))
    last, due = parse_date(dates.get("last_reviewed") or ""), parse_date(dates.get("next_review") or "")
    if last and last > today:
        found.append(finding(ERROR, "review-date", filename, line_of("last_reviewed"),
                             f"`last_reviewed` is {last}, which is in the future.",
                             "Use the date you checked the facts: today or earlier, written YYYY-MM-DD."))
    if due:
        days = days_until(due, today)
        redo = ("Check every fact against its sources and update what has changed. Then set last_reviewed "
                "to today and next_review up to 12 months later (6 for fast-changing topics).")
        if is_overdue(due, today):
            when = "is due today" if days == 0 else f"was due on {due}, {-days} day{'s' if days != -1 else ''} ago"
            found.append(finding(WARNING, "review-overdue", filename, line_of("next_review"),
                                 f"The review of this {kind} {when}.", redo))
        elif is_due_soon(due, today):
            found.append(finding(WARNING, "review-soon", filename, line_of("next_review"),
                                 f"The review of this {kind} is due in {days} day{'s' if days != 1 else ''}, on {due}.",
                                 redo))
    return found


# --- guides and other pages ----------------------------------------------------------------

def fact_findings(text: str, filename: str, project: Project, first_line: int = 1) -> list[Finding]:
    """Wrong fact references (errors) and registered values typed out (warnings)."""
    return ([Finding(p, ERROR, "facts") for p in reference_problems(text, filename, project.facts, first_line)]
            + [Finding(p, WARNING, "typed-fact") for p in typed_by_hand(text, filename, project.facts, first_line)])


def check_page(text: str, filename: str, src_path: str, project: Project) -> list[Finding]:
    """A Markdown page. `src_path` is its path inside docs/, e.g. devices-and-wifi/wifi.md."""
    meta, problems = check_page_front_matter(text, filename, src_path, project.page_schema)
    found = [Finding(p, ERROR, "front-matter") for p in problems]
    body = split_front_matter(text)[1]
    found += fact_findings(body, filename, project, text.removeprefix("\ufeff")[: len(text) - len(body)].count("\n") + 1)
    text = expand_text(text, project.facts)  # the rest reads the page as readers will
    if is_guide(src_path) and meta:
        found += review_findings(filename, meta, read_front_matter(text).line_of, project.today, "guide")
        if "sources" not in meta:
            found.append(finding(ERROR, "sources", filename, 2, "This guide lists no sources.",
                                 "Add `sources:` to the front matter: at least two pages your facts come from, "
                                 "each with a title and an https:// url from the original publisher."))
    prose = list(sentences(blocks(text)))
    everything = list(body_lines(text, with_front_matter=True))
    if is_template(src_path) and meta:
        template_problems, sheet_text, everything = template_findings(text, filename, everything)
        found += [Finding(p, ERROR, "template") for p in template_problems]
        prose += sheet_text
    found += rules.prose_findings(filename, prose, project.avoid, project.abbreviations)
    found += rules.placeholders(filename, everything)
    found += rules.nation_boxes(filename, list(body_lines(text)))
    body = split_front_matter(text)[1]
    found += rules.unsafe_html(filename, project.render_markdown(body), [(filename, text), *project.includes])
    found += rules.http_links(filename, list(body_lines(text)))  # the front matter's urls: schema
    found += pictures.picture_findings(filename, list(body_lines(text)))
    return found


# --- pathways ------------------------------------------------------------------------------

def check_pathway(text: str, filename: str, project: Project) -> list[Finding]:
    pathway, problems = compile_pathway(text, filename, project.pathway_schema, project.known_pages, project.facts)
    wrong_facts = set(reference_problems(text, filename, project.facts))  # the compiler passes these on too
    found = [Finding(p, ERROR, "facts" if p in wrong_facts else "pathway") for p in problems]
    found += [Finding(p, WARNING, "typed-fact") for p in typed_by_hand(text, filename, project.facts)]
    if pathway is not None:  # its pages, rendered as the build renders them
        for page in (render_pathway_page(pathway, {}), render_routes_page(pathway)):
            html = project.render_markdown(split_front_matter(page)[1])
            found += rules.unsafe_html(filename, html, [(filename, text), *project.includes])
    document, _ = load_yaml(text, filename)
    if document is None or not isinstance(document.data, dict):
        return found  # the pathway rule has already said why
    found += review_findings(filename, document.data, lambda key: document.line_of((key,)),
                             project.today, "pathway")
    document.data = expand_data(document.data, project.facts)  # the words as readers see them
    raw = expand_text(text, project.facts).split("\n")
    prose = pathway_sentences(document, raw)
    found += rules.prose_findings(filename, prose, project.avoid, project.abbreviations)
    not_comments = [(n, line) for n, line in enumerate(raw, 1) if not line.lstrip().startswith("#")]
    found += rules.placeholders(filename, not_comments) + rules.http_links(filename, not_comments)
    found += rules.nation_boxes(filename, not_comments)
    return found


# --- files and the command -------------------------------------------------------------------

def _docs_path(path: Path) -> str:
    """The path inside the nearest docs/ folder; a page anywhere else is checked as a guide."""
    parts = path.resolve().parts
    if "docs" in parts:
        index = len(parts) - 1 - parts[::-1].index("docs")
        return "/".join(parts[index + 1:])
    return f"section/{path.name}"


def content_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.rglob("*") if p.suffix in (".md", ".yml", ".yaml", ".svg")]
        else:
            found.append(path)
    return sorted(set(found))


def check_file(path: Path, project: Project, display: str) -> list[Finding]:
    if path.suffix == ".svg":
        data = path.read_bytes()
        return pictures.svg_findings(display, data) + fact_findings(data.decode("utf-8", "replace"), display, project)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [finding(ERROR, "front-matter", display, 1, "This file is not saved as UTF-8 text, so it cannot be read.",
                        "Save it again as UTF-8: most editors offer this in Save As or in the status bar.")]
    if path.suffix in (".yml", ".yaml") and path.parent.name == FACTS_FOLDER:
        return [Finding(p, ERROR, "facts") for p in project.fact_problems if p.file == display]
    if path.suffix in (".yml", ".yaml"):
        return check_pathway(text, display, project)
    return check_page(text, display, _docs_path(path), project)


def check_paths(paths: list[Path], project: Project) -> tuple[int, list[Finding]]:
    """Check every Markdown and pathway file in `paths`: (files checked, findings, sorted)."""
    files = content_files(paths)
    found: set[Finding] = set()
    for path in files:
        display = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
        found.update(check_file(path, project, display))
    return len(files), sorted(found)


def _find_project(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").exists() and (folder / "pathways" / SCHEMA_FILE).exists():
            return folder
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caretech.stages.check",
                                     description="Check guides and pathways for house-style and safety mistakes.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: docs and pathways)")
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")
    parser.add_argument("--today", type=datetime.date.fromisoformat, help="check review dates as if today were YYYY-MM-DD")
    parser.add_argument("--rules", action="store_true", help="list the rules and stop")
    args = parser.parse_args(argv)

    if args.rules:
        for name, (severity, what) in RULES.items():
            print(f"{severity:8} {name:14} {what}")
        return 0
    root = _find_project(Path.cwd())
    if root is None:
        print("Run this from the project folder: the one with mkdocs.yml and pathways/ in it.", file=sys.stderr)
        return 2
    paths = [p.absolute() for p in args.paths] or [root / "docs", root / "pathways", root / FACTS_FOLDER]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"Not found: {', '.join(missing)}. Give files or folders that exist.", file=sys.stderr)
        return 2

    try:
        count, found = check_paths(paths, Project.load(root, args.today))
    except ContentError as error:  # a broken list of words to avoid or of abbreviations
        print(error, file=sys.stderr)
        return 2
    errors = [f for f in found if f.severity == ERROR]
    shown = errors if args.errors_only else found
    for item in shown:
        print(item)
    warnings = len(found) - len(errors)
    print(f"\nChecked {count} file{'s' if count != 1 else ''}: {len(errors)} error{'s' if len(errors) != 1 else ''}, "
          f"{warnings} warning{'s' if warnings != 1 else ''}.")
    if errors:
        print("Fix the errors before you ask for a review. Warnings are advice: fix them where you can.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
