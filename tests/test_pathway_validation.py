"""Every validation rule, each triggered by a fixture, checked for file, line and message."""

from __future__ import annotations

import shutil

import pytest

from caretech.pathways import compile_folder, compile_pathway, compile_pathways, load_schema
from caretech.problems import ContentError
from helpers import FIXTURES, ROOT

SCHEMA = load_schema(ROOT / "pathways" / "schema.json")
KNOWN = {"guide-a.md", "section/guide-b.md"}


def problems_for(name: str):
    path = FIXTURES / "pathways" / name
    pathway, problems = compile_pathway(path.read_text(encoding="utf-8"), f"pathways/{name}", SCHEMA, KNOWN)
    assert pathway is None, f"{name} should not compile"
    return problems


# (fixture, line, words the message must contain)
CASES = [
    ("yaml-syntax.yml", 6, "not valid YAML"),
    ("empty.yml", 1, "The file is empty"),
    ("not-a-mapping.yml", 1, "should be a set of fields"),
    ("unknown-key.yml", 16, "`nxet` is not a field"),
    ("missing-field.yml", 21, "is missing `question`"),
    ("duplicate-step-id.yml", 39, "Two steps have the id `outcome-no`"),
    ("next-unknown.yml", 25, "leads to `outcome-onn`, but there is no question or outcome"),
    ("one-answer.yml", 23, "needs at least 2"),
    ("duplicate-labels.yml", 26, "two answers labelled"),
    ("outcome-with-answers.yml", 42, "An outcome ends the pathway, so it cannot have answers"),
    ("unreachable.yml", 21, "Nobody can reach the step `orphan`"),
    ("loop.yml", 27, "makes a loop: first -> second -> first"),
    ("dead-end.yml", 21, "never reaches an outcome"),
    ("missing-guide.yml", 46, "The guide `section/guide-c.md` does not exist"),
    ("id-mismatch.yml", 2, "differs from the file name"),
    ("bad-dates.yml", 7, "`next_review` is `2028-02-30`, which is not a real date"),
    ("review-too-late.yml", 7, "more than 12 months after"),
    ("html-in-body.yml", 33, "contains HTML"),
    ("urgent-untimed.yml", 26, "The actions of outcome `result` do not say when to do them"),
    ("urgent-untimed.yml", 18, "`soon` is not a field"),
]


@pytest.mark.parametrize("name,line,words", CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_file_line_and_problem(name, line, words):
    problems = problems_for(name)
    matching = [p for p in problems if words in p.message]
    assert matching, f"no problem says {words!r}: {[str(p) for p in problems]}"
    assert matching[0].line == line
    assert matching[0].file == f"pathways/{name}"
    assert all(p.fix for p in problems), "every problem says how to fix it"


def test_fixes_are_specific():
    [typo] = [p for p in problems_for("unknown-key.yml") if "nxet" in p.message]
    assert "Did you mean `next`?" in typo.fix
    [wrong] = [p for p in problems_for("next-unknown.yml") if "outcome-onn" in p.message]
    assert "Did you mean `outcome-on`?" in wrong.fix


def test_all_problems_in_a_file_are_reported_not_just_the_first():
    messages = " | ".join(p.message for p in problems_for("many-problems.yml"))
    for words in ("`nxet` is not a field", "Two steps have the id", "two answers labelled"):
        assert words in messages


def test_yes_and_no_stay_text_and_dates_stay_text():
    text = (FIXTURES / "pathways" / "valid.yml").read_text(encoding="utf-8")
    pathway, problems = compile_pathway(text, "pathways/valid.yml", SCHEMA, KNOWN)
    assert problems == []
    labels = [a.label for q in pathway.questions for a in q.answers]
    assert labels == ["Yes", "No", "on", "off"]
    assert pathway.last_reviewed == "2026-11-26"


def test_duplicate_pathway_ids_across_files(tmp_path):
    folder = tmp_path / "pathways"
    folder.mkdir()
    shutil.copy(ROOT / "pathways" / "schema.json", folder / "schema.json")
    shutil.copy(FIXTURES / "pathways" / "valid.yml", folder / "valid.yml")
    shutil.copy(FIXTURES / "pathways" / "valid.yml", folder / "valid.yaml")
    with pytest.raises(ContentError) as caught:
        compile_pathways(folder, known_pages=KNOWN)
    assert "has the id `valid`" in str(caught.value)


def test_every_file_is_compiled_or_reported(tmp_path):
    """Nothing is silently skipped: a broken file among good ones still stops compilation."""
    folder = tmp_path / "pathways"
    folder.mkdir()
    shutil.copy(ROOT / "pathways" / "schema.json", folder / "schema.json")
    shutil.copy(FIXTURES / "pathways" / "valid.yml", folder / "valid.yml")
    shutil.copy(FIXTURES / "pathways" / "loop.yml", folder / "loop.yml")
    with pytest.raises(ContentError) as caught:
        compile_pathways(folder, known_pages=KNOWN)
    assert "pathways/loop.yml:27" in str(caught.value)


def test_an_urgent_pathway_says_how_to_group_actions_by_when():
    [untimed] = [p for p in problems_for("urgent-untimed.yml") if "do not say when" in p.message]
    assert "`now:`, `today:`, `within-72-hours:`, `afterwards:`" in untimed.fix
    [unknown] = [p for p in problems_for("urgent-untimed.yml") if "`soon`" in p.message]
    assert "`now`" in unknown.fix and "`within-72-hours`" in unknown.fix


def test_actions_are_a_plain_list_or_grouped_by_when_in_the_schemas_order():
    text = (FIXTURES / "pathways" / "timed.yml").read_text(encoding="utf-8")
    pathway, problems = compile_pathway(text, "pathways/timed.yml", SCHEMA, KNOWN)
    assert problems == []
    assert pathway.urgent
    assert [when for when, _ in pathway.action_headings] == ["now", "today", "within-72-hours", "afterwards"]
    assert dict(pathway.action_headings)["now"] == "Do this now"
    result = pathway.step("result")
    assert [(a, a.when) for a in result.actions] == [
        ("Tell the insurer.", "today"), ("Tell your manager.", "today"),
        ("Learn from it.", "afterwards"), ("Unplug the cable.", "now")]
    valid, _ = compile_pathway((FIXTURES / "pathways" / "valid.yml").read_text(encoding="utf-8"),
                               "pathways/valid.yml", SCHEMA, KNOWN)
    assert valid.action_headings == () and {a.when for a in valid.step("outcome-on").actions} == {"today"}


def index_folder(tmp_path, index_text: str):
    folder = tmp_path / "pathways"
    folder.mkdir()
    shutil.copy(ROOT / "pathways" / "schema.json", folder / "schema.json")
    shutil.copy(FIXTURES / "pathways" / "valid.yml", folder / "valid.yml")
    shutil.copy(FIXTURES / "pathways" / "timed.yml", folder / "timed.yml")
    (folder / "start-here.yml").write_text(index_text, encoding="utf-8")
    return folder


INDEX = """id: start-here
title: Where do I start?
summary: One question that sends you to the right pathway.
audience: [everyone]
last_reviewed: "2026-11-26"
next_review: "2027-11-26"
question: What has happened?
choose_from:
  - timed
  - {second}
"""


def test_an_index_sends_people_into_the_pathways_it_names(tmp_path):
    pathways, [index] = compile_folder(index_folder(tmp_path, INDEX.format(second="valid")), known_pages=KNOWN)
    assert sorted(p.id for p in pathways) == ["timed", "valid"]
    assert [p.id for p in index.choose_from] == ["timed", "valid"]
    assert index.question == "What has happened?"


def test_an_index_naming_an_unknown_pathway_says_which_line_and_suggests_one(tmp_path):
    with pytest.raises(ContentError) as caught:
        compile_folder(index_folder(tmp_path, INDEX.format(second="vaild")), known_pages=KNOWN)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("pathways/start-here.yml", 10)
    assert "no pathway with that id" in problem.message and "Did you mean `valid`?" in problem.fix


def test_an_index_missing_its_question_is_checked_against_the_index_fields(tmp_path):
    text = INDEX.format(second="valid").replace("question: What has happened?\n", "")
    with pytest.raises(ContentError) as caught:
        compile_folder(index_folder(tmp_path, text), known_pages=KNOWN)
    assert [p.message for p in caught.value.problems] == ["The pathway is missing `question`."]
