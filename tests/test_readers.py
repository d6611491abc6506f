"""The one front-matter reader agrees with MkDocs' own, and the one date helper is portable."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data  # tests only: caretech itself never imports mkdocs

from caretech.content.front_matter import check_front_matter, load_front_matter_schema
from caretech.readers.dates import build_today, format_date, parse_date
from caretech.readers.front_matter import read_front_matter
from helpers import ROOT

# name, page text. Each is read by MkDocs and by our reader; both must give the same fields
# and the same Markdown. `problems` says whether our check stops the build for it.
TRICKY = [
    ("plain", "---\ntitle: Wi-Fi\n---\n# Wi-Fi\n", False),
    ("dots close the block", "---\ntitle: Wi-Fi\n...\n# Wi-Fi\n", False),
    ("spaces after the fences", "---  \ntitle: Wi-Fi\n---\t\n# Wi-Fi\n", False),
    ("a bare No is false", "---\ntitle: No\n---\ntext\n", False),
    ("yes, on and off are booleans", "---\na: yes\nb: on\nc: off\n---\ntext\n", False),
    ("bare dates are dates", "---\nnext_review: 2027-05-26\n---\ntext\n", False),
    ("quoted dates are text", "---\nnext_review: \"2027-05-26\"\n---\ntext\n", False),
    ("a date that is not real", "---\nnext_review: 2027-02-30\n---\ntext\n", True),
    ("blank lines before the text", "---\ntitle: A\n---\n\n\n# A\n", False),
    ("a rule further down is not front matter", "# A\n\n---\ntitle: B\n---\n", False),
    ("four dashes do not close it", "---\ntitle: A\n----\nb: c\n---\ntext\n", True),
    ("no line break after the closing fence", "---\ntitle: A\n---", False),
    ("an empty block", "---\n\n---\ntext\n", True),
    ("fences with nothing between", "---\n---\ntext\n", False),
    ("a list, not fields", "---\n- a\n- b\n---\ntext\n", True),
    ("YAML that cannot be read", "---\ntitle: [a\n---\ntext\n", True),
    ("a colon in an unquoted title", "---\ntitle: Backups: the basics\n---\ntext\n", True),
    ("a key twice: the last wins", "---\ntitle: A\ntitle: B\n---\ntext\n", True),
    ("anchors and merge keys", "---\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n---\ntext\n", False),
    ("a byte order mark", "\ufeff---\ntitle: A\n---\ntext\n", False),
    ("a later --- line stays in the text", "---\ntitle: A\n---\ntext\n\n---\n\nmore\n", False),
]


@pytest.mark.parametrize("text,stops", [c[1:] for c in TRICKY], ids=[c[0] for c in TRICKY])
def test_the_reader_agrees_with_mkdocs(text, stops):
    markdown, meta = get_data(text.removeprefix("\ufeff"))  # MkDocs opens files as utf-8-sig
    front = read_front_matter(text, "docs/x.md")
    assert front.data == meta
    assert type(front.data.get("title")) is type(meta.get("title"))
    assert front.body == markdown
    assert bool(front.problems) == stops, front.problems


def test_multimarkdown_fields_are_not_front_matter_and_the_check_says_so():
    """MkDocs also reads `key: value` lines with no fences; we ask for fences instead."""
    text = "title: Wi-Fi\ndescription: How to fix it.\n\n# Wi-Fi\n"
    assert get_data(text)[1] == {"title": "Wi-Fi", "description": "How to fix it."}
    meta, problems = check_front_matter(text, "docs/a.md", "a.md", load_front_matter_schema())
    assert meta == {} and "no front matter" in problems[0].message


@pytest.mark.parametrize("src_path", ["about.md", "section/guide.md"])
def test_a_title_read_as_true_or_false_must_be_quoted_text(src_path):
    text = (ROOT / "docs" / "devices-and-wifi" / "wifi.md").read_text(encoding="utf-8")
    text = text.replace('title: "Is your Wi-Fi good enough? Checking and fixing it"', "title: No")
    _, problems = check_front_matter(text, "docs/x.md", src_path, load_front_matter_schema())
    assert [(p.line, p.message, p.fix.split(".")[0]) for p in problems] == [
        (2, "`title` must be text in quotes: YAML reads `No` on its own as true or false, not as words.",
         'Put the value in quotes, like "No"' if src_path == "section/guide.md" else 'Put the value in quotes, like title: "No"')]


def test_an_impossible_date_is_reported_once_with_its_line():
    text = (ROOT / "docs" / "devices-and-wifi" / "wifi.md").read_text(encoding="utf-8")
    text = text.replace("next_review: 2027-05-26", "next_review: 2027-02-30")
    _, problems = check_front_matter(text, "docs/x.md", "section/guide.md", load_front_matter_schema())
    assert [(p.line, p.message) for p in problems] == [(6, "`next_review` is `2027-02-30`, which is not a real date.")]


def test_an_unclosed_block_is_named():
    _, problems = check_front_matter("---\ntitle: A\ndescription: B\n", "docs/a.md", "a.md", {})
    assert "no closing --- line" in problems[0].message


def test_each_page_is_parsed_once():
    text = "---\ntitle: Parsed once\n---\ntext\n"
    first, second = read_front_matter(text, "docs/a.md"), read_front_matter(text, "docs/b.md")
    assert first.document is second.document


def test_no_code_reads_front_matter_or_formats_dates_its_own_way():
    """One reader, one date format: no other fence pattern, no `%-d` (it fails on Windows)."""
    sources = [*ROOT.glob("caretech/**/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("scripts/*.py"),
               *ROOT.glob("overrides/**/*.html")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "%-d" not in text and "%B" not in text, path
        if path.name != "front_matter.py":
            assert "\\A---" not in text and "^-{3}" not in text and 'rstrip() == "---"' not in text, path


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value,written", [
    (datetime.date(2027, 5, 26), "26 May 2027"),
    ("2027-05-01", "1 May 2027"),
    (datetime.datetime(2026, 12, 31, 23, 0), "31 December 2026"),
    ("soon", "soon"),
    (None, ""),
])
def test_one_date_format_everywhere(value, written):
    assert format_date(value) == written


def test_parse_date_reads_front_matter_values():
    assert parse_date("2027-05-26") == parse_date(datetime.date(2027, 5, 26)) == datetime.date(2027, 5, 26)
    assert parse_date("2027-02-30") is None and parse_date(False) is None


def test_the_build_date_comes_from_one_place():
    assert build_today({"CARETECH_TODAY": "2027-05-27"}) == datetime.date(2027, 5, 27)
    with pytest.raises(ValueError, match="CARETECH_TODAY"):
        build_today({"CARETECH_TODAY": "27/05/2027"})


def test_the_abbreviations_file_is_read_and_a_broken_line_is_named(tmp_path: Path):
    from caretech.problems import ContentError
    from caretech.readers.abbreviations import read_abbreviations

    assert read_abbreviations(ROOT)["DSPT"] == "Data Security and Protection Toolkit"
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text(
        "*[CQC]: Care Quality Commission\n\n*[NHS] National Health Service\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        read_abbreviations(tmp_path)
    [problem] = error.value.problems
    assert (problem.file, problem.line) == ("includes/abbreviations.md", 3) and "*[DSPT]:" in problem.fix
