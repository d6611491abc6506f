"""The maintainers' review-due report: every guide and pathway, oldest review first, and the "as of" facts."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

from caretech.content.front_matter import is_guide
from caretech.stages.review_report import DatedFact, Reviewed, collect, issue_body, render
from caretech.templates import is_template
from helpers import DOCS, ROOT

TODAY = datetime.date(2026, 11, 26)


def item(title, last, nxt, kind="Guide"):
    return Reviewed(kind, title, f"section/{title.lower()}.md", f"docs/section/{title.lower()}.md",
                    datetime.date.fromisoformat(last) if last else None,
                    datetime.date.fromisoformat(nxt) if nxt else None)


def test_items_are_listed_oldest_review_first_with_their_status():
    items = [item("Recent", "2026-11-01", "2027-05-01"), item("Old", "2025-11-01", "2026-11-01"),
             item("Soon", "2026-06-10", "2026-12-10", "Pathway"), item("Undated", None, None)]
    page = render(items, [], TODAY)
    rows = [line for line in page.splitlines() if line.startswith("| ") and "](../../" in line]
    assert [r.split("[")[1].split("]")[0] for r in rows] == ["Undated", "Old", "Soon", "Recent"]
    assert "| none | none | **No review date** |" in rows[0]
    assert "| 2025-11-01 | 2026-11-01 | **Overdue** | [Old](../../section/old.md) | Guide | `docs/section/old.md` |" == rows[1]
    assert "| Due in 14 days |" in rows[2] and "| Pathway |" in rows[2]
    assert "| Not yet due |" in rows[3]
    assert "2 of them are overdue or missing a review date" in page


def test_as_of_facts_are_listed_oldest_first_with_page_and_line():
    guide = item("Fees", "2026-11-01", "2027-05-01")
    facts = [DatedFact(datetime.date(2026, 11, 1), "As of November 2026, the fee is £52.", guide, 30),
             DatedFact(datetime.date(2025, 2, 1), "There were 28 of them as of February 2025.", guide, 12)]
    page = render([guide], facts, TODAY)
    february = page.index("| February 2025 | There were 28 of them as of February 2025. | [Fees](../../section/fees.md) "
                          "| `docs/section/fees.md:12` |")
    assert february < page.index("| November 2026 | As of November 2026, the fee is £52.")


def test_the_report_covers_every_shipped_guide_and_pathway():
    items, facts = collect(ROOT, TODAY)
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if is_guide(p.relative_to(DOCS).as_posix())}
    templates = {page for page in pages if is_template(page)}
    assert len(templates) >= 8
    assert {i.page for i in items if i.kind == "Guide"} == pages - templates
    assert {i.page for i in items if i.kind == "Template"} == templates
    assert {i.source for i in items if i.kind == "Pathway"} == {f"pathways/{p.name}" for p in (ROOT / "pathways").glob("*.yml")}
    assert all(i.last_reviewed and i.next_review for i in items)
    assert facts and all("as of" in f.sentence.lower() for f in facts)
    for fact in facts:  # each line number points at the line where the sentence starts
        lines = (ROOT / fact.item.source).read_text(encoding="utf-8").splitlines()
        sentence = plain(fact.sentence)
        assert " ".join(sentence.split()[:4]) in plain(lines[fact.line - 1]), (fact.item.source, fact.line, sentence)
        assert sentence in plain(" ".join(lines[fact.line - 1:fact.line + 4])), (fact.item.source, fact.line, sentence)


def plain(markdown: str) -> str:
    """Text as the report quotes it: link targets, brackets and emphasis marks gone, spaces single."""
    return " ".join(re.sub(r"\]\([^)]*\)|[\[*]", "", markdown).split())


def test_the_built_report_is_out_of_the_menu_and_out_of_search(built_site: Path):
    page = (built_site / "maintainers" / "review-due" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Review due report" in page
    assert page.count('href="../../pathways/') >= len(list((ROOT / "pathways").glob("*.yml")))
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "maintainers/review-due" not in home.split("md-content")[0], "not in the menu"
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("maintainers/")]


# --- the weekly "Reviews due" issue ------------------------------------------------------------

def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def small_project(root: Path) -> Path:
    """A guide due soon, a guide not due, an undated guide, a template and a pathway that are overdue."""
    page = "---\ntitle: {title}\n{dates}---\n\n# {title}\n"
    write(root / "docs/section/soon.md", page.format(title="Soon", dates="last_reviewed: 2026-06-01\nnext_review: 2026-12-20\n"))
    write(root / "docs/section/later.md", page.format(title="Later", dates="last_reviewed: 2026-11-01\nnext_review: 2027-05-01\n"))
    write(root / "docs/section/undated.md", page.format(title="Undated", dates=""))
    write(root / "docs/templates/rota.md", page.format(title="Rota template",
                                                       dates='last_reviewed: "2025-12-01"\nnext_review: "2026-11-01"\n'))
    write(root / "docs/about.md", page.format(title="About", dates=""))
    write(root / "pathways/lost-phone.yml", "id: lost-phone\ntitle: Lost phone\nlast_reviewed: 2025-10-01\n"
                                            "next_review: 2026-10-01\nsummary: Call {{ helpline }}.\n")
    write(root / "facts/schema.json", (ROOT / "facts" / "schema.json").read_text(encoding="utf-8"))
    write(root / "facts/contacts.yml", "helpline:\n  what: A helpline\n  value: 0300 000 0000\n"
                                       "  source: {title: Test source, url: 'https://example.org/'}\n"
                                       "  last_reviewed: 2026-06-10\n  next_review: 2026-12-10\n")
    write(root / "docs/section/helpline.md", page.format(title="Helpline", dates="last_reviewed: 2026-11-01\nnext_review: 2027-05-01\n")
          + "\nCall {{ helpline }}.\n")
    return root


def test_the_issue_lists_what_is_due_within_the_window_oldest_first(tmp_path):
    items, _ = collect(small_project(tmp_path), TODAY)
    body = issue_body(items, TODAY, 30)
    rows = [line for line in body.splitlines() if line.startswith("| ") and "`" in line]
    assert rows == [
        "| none | No review date | Undated | Guide | `docs/section/undated.md` |  |",
        "| 1 October 2026 | Overdue | Lost phone | Pathway | `pathways/lost-phone.yml` |  |",
        "| 1 November 2026 | Overdue | Rota template | Template | `docs/templates/rota.md` |  |",
        "| 20 December 2026 | Due in 24 days | Soon | Guide | `docs/section/soon.md` |  |",
        "| 10 December 2026 | Due in 14 days | A helpline (`helpline`) | Fact | `facts/contacts.yml` | "
        "`docs/section/helpline.md`, `pathways/lost-phone.yml` |",
    ]
    assert "due by 26 December 2026 (checked on 26 November 2026)" in body
    assert "Later" not in body and "About" not in body


def test_the_issue_says_so_when_nothing_is_due():
    assert "Nothing is due." in issue_body([item("Later", "2026-11-01", "2027-05-01")], TODAY, 30)


def test_the_command_prints_the_issue_body_for_a_fixed_day(tmp_path):
    small_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "caretech.stages.review_report", "--due-within", "30",
                             "--today", "2026-11-26", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n| ") == 7  # the header, its rule, four pages and one fact
    count = subprocess.run([sys.executable, "-m", "caretech.stages.review_report", "--count", "--due-within", "0",
                            "--today", "2026-11-26", "--root", str(tmp_path)], capture_output=True, text=True)
    assert count.stdout.strip() == "3"
