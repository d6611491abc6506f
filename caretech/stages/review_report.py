"""The review-due report for maintainers: every guide, pathway and template with its review
dates, oldest first, and every fact marked "as of <Month Year>", so the next review knows what
to re-check.

Plain Python: reads docs/ and pathways/ and returns a Markdown page. caretech/stages/generate.py
adds it to the site at maintainers/review-due/ (kept out of the menu and out of search).

    python -m caretech.stages.review_report --due-within 30 [--today YYYY-MM-DD]

prints the body of the "Reviews due" issue that .github/workflows/review-due.yml keeps up to date.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


from caretech.content.front_matter import is_guide
from caretech.text.markdown_text import Sentence, blocks, sentences
from caretech.content.pathway_text import pathway_sentences
from caretech.readers.review_dates import DUE_SOON_DAYS, days_until, is_due_soon, is_overdue
from caretech.readers.dates import MONTHS, build_today, format_date, format_month, parse_date
from caretech.readers.front_matter import front_matter_data
from caretech.readers.yaml_source import load_yaml
from caretech.facts import references_in, register_for
from caretech.templates.source import is_template

PAGE = "maintainers/review-due/index.md"
AS_OF = re.compile(r"\bas\s+of\s+(?:\d{1,2}\s+)?(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)


@dataclass(frozen=True)
class Reviewed:
    """A guide or a pathway and its review dates."""

    kind: str           # "Guide", "Template", "Page" or "Pathway"
    title: str
    page: str           # the page inside docs/, for links
    source: str         # the file a contributor edits
    last_reviewed: datetime.date | None
    next_review: datetime.date | None
    used_on: tuple[str, ...] = ()   # a fact in the register: the files that refer to it


@dataclass(frozen=True)
class DatedFact:
    as_of: datetime.date  # the first day of the month named
    sentence: str
    item: Reviewed
    line: int


def collect(root: Path, today: datetime.date | None = None) -> tuple[list[Reviewed], list[DatedFact]]:
    """Read every guide, every other page with review dates (templates among them), every
    pathway and every fact in the register under `root` (the project folder).

    Runs in every build: front matter comes from the shared reader, which the build has
    already filled, and only pages with an "as of" in them are read sentence by sentence.
    """
    docs = root / "docs"
    items, facts = [], []
    uses: dict[str, list[str]] = {}  # fact -> the files that refer to it
    for path in sorted(docs.rglob("*.svg")):
        for name in references_in(path.read_text(encoding="utf-8")):
            uses.setdefault(name, []).append(path.relative_to(root).as_posix())
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src.startswith("maintainers/review-due/"):
            continue
        text = path.read_text(encoding="utf-8")
        for name in references_in(text):
            uses.setdefault(name, []).append(f"docs/{src}")
        meta = front_matter_data(text)
        kind = "Template" if is_template(src) else "Guide" if is_guide(src) else "Page"
        if kind == "Page" and not (meta.get("last_reviewed") or meta.get("next_review")):
            continue
        item = Reviewed(kind, str(meta.get("title") or src), src, f"docs/{src}",
                        _date(meta.get("last_reviewed")), _date(meta.get("next_review")))
        items.append(item)
        if AS_OF.search(text):
            facts += _dated_facts(sentences(b for b in blocks(text) if AS_OF.search(b.text)), item)
    for path in sorted((root / "pathways").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        for name in references_in(text):
            uses.setdefault(name, []).append(f"pathways/{path.name}")
        document, _ = load_yaml(text, path.name)  # the build has already stopped on any problem
        data = document.data if document is not None and isinstance(document.data, dict) else {}
        item = Reviewed("Pathway", str(data.get("title") or path.stem), f"pathways/{data.get('id', path.stem)}/index.md",
                        f"pathways/{path.name}", _date(data.get("last_reviewed")), _date(data.get("next_review")))
        items.append(item)
        if data and AS_OF.search(text):
            facts += _dated_facts(pathway_sentences(document, text.split("\n")), item)
    register, _ = register_for(root, today or build_today())  # the build has already stopped on any problem
    for fact in register.facts.values():
        items.append(Reviewed("Fact", f"{fact.what} (`{fact.name}`)", "", fact.file,
                              fact.last_reviewed, fact.next_review, tuple(sorted(set(uses.get(fact.name, []))))))
    return items, facts


def _date(value) -> datetime.date | None:
    return parse_date(value) if value else None


def _dated_facts(found: Iterable[Sentence], item: Reviewed) -> list[DatedFact]:
    facts = []
    for sentence in found:
        match = AS_OF.search(sentence.text)
        if match:
            month = [m.lower() for m in MONTHS].index(match.group(1).lower()) + 1
            facts.append(DatedFact(datetime.date(int(match.group(2)), month, 1), sentence.text, item, sentence.line))
    return facts


def oldest_first(items: list[Reviewed]) -> list[Reviewed]:
    """Undated items first (they need attention), then by last review, then by next review."""
    never = datetime.date.min
    return sorted(items, key=lambda i: (i.last_reviewed or never, i.next_review or never, i.title))


def status(item: Reviewed, today: datetime.date) -> str:
    if item.next_review is None:
        return "No review date"
    days = days_until(item.next_review, today)
    if is_overdue(item.next_review, today):
        return "Overdue"
    if is_due_soon(item.next_review, today):
        return f"Due in {days} day{'s' if days != 1 else ''}"
    return "Not yet due"


def needs_review_now(item: Reviewed, today: datetime.date) -> bool:
    return status(item, today) in ("Overdue", "No review date")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _link(item: Reviewed) -> str:
    return f"[{_cell(item.title)}](../../{item.page})" if item.page else _cell(item.title)  # two folders down


def _state(item: Reviewed, today: datetime.date) -> str:
    """The status, in bold where it needs a review now."""
    return f"**{status(item, today)}**" if needs_review_now(item, today) else status(item, today)


def _used_on(item: Reviewed) -> str:
    return ", ".join(f"`{source}`" for source in item.used_on) or "no page yet"


def render(items: list[Reviewed], facts: list[DatedFact], today: datetime.date) -> str:
    """The report as a Markdown page (with front matter)."""
    ordered = oldest_first([i for i in items if i.kind != "Fact"])
    registered = oldest_first([i for i in items if i.kind == "Fact"])
    overdue = sum(1 for i in items if needs_review_now(i, today))
    lines = [
        "---",
        "title: Review due report",
        "description: For maintainers. Every guide and pathway with its review dates, and every fact marked as of a date.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Review due report",
        "",
        f"This page is for the people who keep the site up to date. It was made when the site was built, on {format_date(today)}.",
        f"It lists {len(ordered)} guides, pathways and other pages with review dates, and {len(registered)} facts. "
        + (f"{overdue} of them {'is' if overdue == 1 else 'are'} overdue or missing a review date (in bold)."
           if overdue else "None of them is overdue."),
        "",
        "## Review dates, oldest first",
        "",
        "| Last reviewed | Next review | Status | Page | Type | File to edit |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in ordered:
        lines.append(f"| {item.last_reviewed or 'none'} | {item.next_review or 'none'} | {_state(item, today)} | "
                     f"{_link(item)} | {item.kind} | `{item.source}` |")
    lines += [
        "",
        "## The register of facts, oldest first",
        "",
        "Each fact is written once, in `facts/`, and pages refer to it by name. When you review a fact, "
        "check the pages that use it too.",
        "",
        "| Last reviewed | Next review | Status | Fact | Used on | File to edit |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in registered:
        lines.append(f"| {item.last_reviewed} | {item.next_review} | {_state(item, today)} | {_link(item)} | "
                     f"{_used_on(item)} | `{item.source}` |")
    lines += [
        "",
        "## Facts marked \"as of\", oldest first",
        "",
        "These sentences carry a date because the fact can change. Check each one against the page's sources "
        "when you review the page.",
        "",
    ]
    if facts:
        lines += ["| As of | Fact | Page | File and line |", "| --- | --- | --- | --- |"]
        for fact in sorted(facts, key=lambda f: (f.as_of, f.item.source, f.line)):
            lines.append(f"| {format_month(fact.as_of)} | {_cell(fact.sentence)} | {_link(fact.item)} | "
                         f"`{fact.item.source}:{fact.line}` |")
    else:
        lines.append("No page has a fact marked \"as of\" yet.")
    return "\n".join(lines) + "\n"


def review_page(root: Path, today: datetime.date) -> str:
    items, facts = collect(root, today)
    return render(items, facts, today)


def due_within(items: list[Reviewed], today: datetime.date, days: int) -> list[Reviewed]:
    """Items with no review date, or with one on or before `today + days`, oldest first."""
    horizon = today + datetime.timedelta(days=days)
    return [i for i in oldest_first(items) if i.next_review is None or i.next_review <= horizon]


def issue_body(items: list[Reviewed], today: datetime.date, days: int, site_url: str = "") -> str:
    """The Markdown body of the "Reviews due" issue (GitHub issues link to files, not pages)."""
    due = due_within(items, today, days)
    lines = [f"Guides, pathways, templates and facts whose review is due by {format_date(today + datetime.timedelta(days=days))} "
             f"(checked on {format_date(today)}). This issue is updated every week; close it when the list is empty.",
             ""]
    if not due:
        return "\n".join(lines + ["Nothing is due. Thank you for keeping the guides up to date."]) + "\n"
    lines += ["| Next review | Status | Title | Type | File to edit | Pages that use it |",
              "| --- | --- | --- | --- | --- | --- |"]
    for item in due:
        when = format_date(item.next_review) if item.next_review else "none"
        used = _used_on(item) if item.kind == "Fact" else ""
        lines.append(f"| {when} | {status(item, today)} | {_cell(item.title)} | {item.kind} | `{item.source}` | {used} |")
    lines += ["", "To review one: check every fact against its sources, update what has changed, then set "
              "`last_reviewed` to the day you checked and `next_review` up to 12 months later. "
              "The review-due page on the built site lists the facts marked \"as of\" a date."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m caretech.stages.review_report",
                                     description="Print the guides, pathways and templates due for review, as Markdown.")
    parser.add_argument("--due-within", type=int, default=DUE_SOON_DAYS, metavar="DAYS",
                        help=f"days ahead to look (default {DUE_SOON_DAYS})")
    parser.add_argument("--today", type=datetime.date.fromisoformat, help="as if today were YYYY-MM-DD")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--count", action="store_true", help="print only how many are due")
    args = parser.parse_args(argv)
    today = args.today or build_today()
    items, _ = collect(args.root, today)
    if args.count:
        print(len(due_within(items, today, args.due_within)))
    else:
        sys.stdout.write(issue_body(items, today, args.due_within))
    return 0


if __name__ == "__main__":
    sys.exit(main())
