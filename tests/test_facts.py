"""The register of facts: read and checked with file and line, dated and per-nation values,
references put into text and data, and typed-out values found (caretech/facts)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from caretech.facts import (
    expand_data, expand_page, expand_text, load_register, reference_problems, references_in, typed_by_hand,
)
from helpers import ROOT

DAY = datetime.date(2026, 12, 7)
SCHEMA = (ROOT / "facts" / "schema.json").read_text(encoding="utf-8")

FACTS = """\
helpline:
  what: A helpline for testing
  value: 0303 123 1113
  source: {title: "ICO: Contact us", url: "https://ico.org.uk/global/contact-us/"}
  last_reviewed: 2026-11-26
  next_review: 2027-05-26
wage:
  what: A wage that changes each April
  unit: pounds
  values:
    - from: 2025-04-01
      value: 12.21
    - from: 2026-04-01
      value: 12.71
    - from: 2027-04-01
      value: 13.1
  source: {title: "GOV.UK: rates", url: "https://www.gov.uk/national-minimum-wage-rates"}
  last_reviewed: 2026-11-26
  next_review: 2027-03-31
regulator:
  what: The regulator in each nation
  by_nation: {england: CQC, wales: Care Inspectorate Wales}
  source: {title: "CQC: About us", url: "https://www.cqc.org.uk/about-us"}
  last_reviewed: 2026-11-26
  next_review: 2027-05-26
"""


def project(tmp_path: Path, *files: tuple[str, str]) -> Path:
    (tmp_path / "facts").mkdir(parents=True)
    (tmp_path / "facts" / "schema.json").write_text(SCHEMA, encoding="utf-8")
    for name, text in files or (("test.yml", FACTS),):
        (tmp_path / "facts" / name).write_text(text, encoding="utf-8")
    return tmp_path


def register(tmp_path: Path, day: datetime.date = DAY):
    found, problems = load_register(project(tmp_path), day)
    assert problems == []
    return found


def test_the_shipped_register_is_complete_and_every_reference_in_the_content_names_a_fact():
    shipped, problems = load_register(ROOT, DAY)
    assert problems == [] and len(shipped.facts) >= 15
    for path in [*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.svg"), *(ROOT / "pathways").glob("*.yml")]:
        assert reference_problems(path.read_text(encoding="utf-8"), str(path), shipped) == [], path


def test_a_value_is_written_as_readers_see_it(tmp_path):
    facts = register(tmp_path)
    assert expand_text("Call {{ helpline }} or {{helpline}}.", facts) == "Call 0303 123 1113 or 0303 123 1113."
    assert expand_text("{{ wage }} an hour from {{ wage.since }}, as of {{ helpline.as_of }}", facts) == \
        "£12.71 an hour from 1 April 2026, as of November 2026"
    assert expand_text("{{ regulator.wales }}", facts) == "Care Inspectorate Wales"
    assert expand_text(r"Write \{{ helpline }} to show the syntax.", facts) == r"Write \{{ helpline }} to show the syntax."


def test_a_dated_value_switches_on_its_day(tmp_path):
    assert expand_text("{{ wage }}", register(tmp_path / "a", datetime.date(2027, 3, 31))) == "£12.71"
    assert expand_text("{{ wage }}", register(tmp_path / "b", datetime.date(2027, 4, 1))) == "£13.10"
    before, problems = load_register(project(tmp_path / "c"), datetime.date(2025, 1, 1))
    assert "wage" not in before.facts
    assert problems[0].line == 7 and "no value yet on 2025-01-01" in problems[0].message


def test_data_gets_numbers_where_a_sum_needs_one(tmp_path):
    facts = register(tmp_path)
    data = {"example": "{{ wage }}", "label": "Pay at {{ wage }}", "list": ["{{ helpline }}"], "n": 3}
    assert expand_data(data, facts) == {"example": 12.71, "label": "Pay at £12.71", "list": ["0303 123 1113"], "n": 3}


def test_only_the_page_text_gets_facts_not_its_front_matter(tmp_path):
    page = "---\ntitle: About {{ helpline }}\n---\n\nCall {{ helpline }}.\n"
    assert expand_page(page, register(tmp_path)) == "---\ntitle: About {{ helpline }}\n---\n\nCall 0303 123 1113.\n"


@pytest.mark.parametrize("text,words,fix", [
    ("Call {{ helpine }}.", "no fact called `helpine`", "Did you mean `{{ helpline }}`?"),
    ("Tell {{ regulator }}.", "different in each UK nation", "{{ regulator.wales }}"),
    ("Tell {{ regulator.scotland }}.", "no part called `scotland`", "`england`, `wales`"),
    ("Call {{ The Helpline }}.", "is not the name of a fact", "{{ ico-helpline }}"),
    ("Call {{ helpline.", "does not end with }}", "{{ name }}"),
])
def test_a_wrong_reference_is_named_with_its_line_and_fix(tmp_path, text, words, fix):
    [problem] = reference_problems("First line.\n\n" + text, "docs/a/page.md", register(tmp_path), first_line=5)
    assert (problem.file, problem.line) == ("docs/a/page.md", 7)
    assert words in problem.message and fix in problem.fix


def test_mistakes_in_the_register_are_named_with_file_and_line(tmp_path):
    broken = FACTS.replace("  source: {title: \"ICO: Contact us\", url: \"https://ico.org.uk/global/contact-us/\"}\n", "", 1)
    broken = broken.replace("next_review: 2027-03-31", "next_review: 2028-03-31")
    _, problems = load_register(project(tmp_path, ("test.yml", broken)), DAY)
    said = {(p.file, p.line, p.message.split(".")[0]) for p in problems}
    assert ("facts/test.yml", 1, "The fact `helpline` is missing `source`") in said, said
    assert any(p.line == 18 and "more than 12 months" in p.message for p in problems), said


def test_a_fact_written_twice_is_refused(tmp_path):
    _, problems = load_register(project(tmp_path, ("a.yml", FACTS), ("b.yml", FACTS.split("wage:")[0])), DAY)
    assert [(p.file, p.line) for p in problems] == [("facts/b.yml", 1)]
    assert "also in facts/a.yml (line 1)" in problems[0].message


def test_markup_in_a_fact_is_refused(tmp_path):
    _, problems = load_register(project(tmp_path, ("a.yml", FACTS.replace("0303 123 1113", "'0303\"><b>'"))), DAY)
    assert problems and problems[0].line == 3 and "curly quotes" in problems[0].fix


def test_typed_out_values_are_found_but_not_other_numbers(tmp_path):
    facts = register(tmp_path)
    found = typed_by_hand("Call 0303 123 1113.\nPay £12.71 an hour.\nCall {{ helpline }}.\nRoom 0303 1.\n£12.715",
                          "docs/a.md", facts)
    assert [(p.line, p.message.split("`")[1]) for p in found] == [(1, "0303 123 1113"), (2, "£12.71")]
    assert "{{ helpline }}" in found[0].fix


def test_references_in_lists_the_names_used():
    assert references_in("{{ a-b }} and {{ c.wales }} and \\{{ d }}") == {"a-b", "c"}
