"""Guide front matter: the build's check, and the shipped guides' dates, sources and length."""

from __future__ import annotations

import re

import pytest

from caretech.content.front_matter import check_front_matter, is_guide, load_front_matter_schema
from caretech.templates import is_template
from helpers import DOCS

SCHEMA = load_front_matter_schema()
GOOD = """---
title: "Backups: getting your records back"
description: How to make sure you can get your care records back.
audience: [managers]
last_reviewed: 2026-11-26
next_review: 2027-11-26
sources:
  - title: NCSC small charity guide
    url: https://www.ncsc.gov.uk/collection/charity
  - title: ICO guide
    url: https://ico.org.uk/
---
# Backups
"""


def check(text: str, src_path: str = "section/guide.md"):
    return check_front_matter(text, f"docs/{src_path}", src_path, SCHEMA)[1]


def test_a_complete_guide_passes():
    assert check(GOOD) == []


@pytest.mark.parametrize(
    "change,line,words",
    [
        (("title: \"Backups: getting your records back\"\n", "title: Backups: getting your records back\n"), 2, "not valid YAML"),
        (("description: How to make sure you can get your care records back.\n", ""), 2, "missing `description`"),
        (("audience: [managers]", "audience: [residents]"), 4, "not one of the choices"),
        (("next_review: 2027-11-26", "next_review: 2028-11-26"), 6, "more than 12 months"),
        (("last_reviewed: 2026-11-26", "last_reviewed: 2026-13-01"), 5, "not a real date"),
        (("    url: https://ico.org.uk/", "    url: http://ico.org.uk/"), 11, "not the right form"),
        (("  - title: ICO guide\n    url: https://ico.org.uk/\n", ""), 7, "needs at least 2"),
        (("sources:", "sauces:"), 7, "`sauces` is not a field"),
        (("description: How to make", 'description: How "to" make'), 3, "has `\"` in it"),
        (("  - title: ICO guide", "  - title: ICO <b>guide</b>"), 10, "has `<` and `>` in it"),
        (("    url: https://ico.org.uk/", "    url: 'https://ico.org.uk/\"x'"), 11, "has `\"` in it"),
    ],
)
def test_each_front_matter_mistake_is_named_with_its_line(change, line, words):
    old, new = change
    assert old in GOOD
    problems = check(GOOD.replace(old, new))
    matching = [p for p in problems if words in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].line == line and matching[0].file == "docs/section/guide.md"


def test_missing_front_matter_is_reported():
    [problem] = check("# No front matter\n")
    assert problem.line == 1 and "no front matter" in problem.message


def test_index_pages_need_only_title_and_description():
    assert check("---\ntitle: A section\ndescription: What the section is for.\n---\n", "section/index.md") == []
    assert "missing `description`" in check("---\ntitle: A section\n---\n", "section/index.md")[0].message
    [quoted] = check("---\ntitle: A section\ndescription: 'What \"it\" is for.'\n---\n", "section/index.md")
    assert quoted.line == 3 and "curly quotes" in quoted.fix


# --- the shipped guides -----------------------------------------------------------------

# Templates are checked in test_templates.py: they are forms, often shorter than a guide.
GUIDES = sorted(p for p in DOCS.rglob("*.md")
                if is_guide(p.relative_to(DOCS).as_posix()) and not is_template(p.relative_to(DOCS).as_posix()))
PLACEHOLDER = re.compile(r"lorem ipsum|\bTODO\b|\bFIXME\b|placeholder|coming soon|\bTBC\b", re.I)


def read_guide(path):
    text = path.read_text(encoding="utf-8")
    meta, problems = check_front_matter(text, path.as_posix(), path.relative_to(DOCS).as_posix(), SCHEMA)
    body = text.split("\n---", 2)[-1]
    return meta, problems, body


@pytest.mark.parametrize("path", GUIDES, ids=[p.relative_to(DOCS).as_posix() for p in GUIDES])
def test_shipped_guide_is_dated_sourced_and_complete(path):
    meta, problems, body = read_guide(path)
    assert problems == [], [str(p) for p in problems]
    assert meta["last_reviewed"] < meta["next_review"], "dates are real and in order (the clock is never read)"
    assert len(meta["sources"]) >= 2
    assert len(re.findall(r"[A-Za-z0-9’'-]+", body)) >= 400, "a guide has at least 400 words"
    assert not PLACEHOLDER.search(body), "no placeholder text"
