"""The content check: one fixture per rule (file, line and message), the shipped content, the templates."""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
import sys

import pytest

from caretech.stages.check import RULES, Project, check_file, check_page, check_pathway, check_paths
from caretech.content.rules import ERROR, WARNING, load_words_to_avoid
from caretech.content.front_matter import check_front_matter, load_front_matter_schema
from caretech.pathways import compile_pathway, load_schema
from caretech.problems import ContentError
from helpers import FIXTURES, ROOT, known_pages

CONTENT = FIXTURES / "content"
TODAY = datetime.date(2026, 11, 26)  # the fixtures' dates are set against this day


@functools.cache
def project() -> Project:
    """The shipped project's words to avoid, facts and pages, read when a test first needs them
    (not at import, where a content mistake would stop every test in this file being collected)."""
    return Project.load(ROOT, TODAY)


def findings_for(relative: str):
    path = CONTENT / relative
    return check_file(path, project(), path.relative_to(ROOT).as_posix())


# fixture, rule, severity, line, words in the message
CASES = [
    ("docs/section/front-matter.md", "front-matter", ERROR, 4, "`residents`, which is not one of the choices"),
    ("docs/section/no-review-date.md", "review-date", ERROR, 2, "This guide has no `next_review` date."),
    ("docs/section/overdue.md", "review-overdue", WARNING, 6, "The review of this guide was due on 2026-10-01, 56 days ago."),
    ("docs/section/review-soon.md", "review-soon", WARNING, 6, "is due in 14 days, on 2026-12-10"),
    ("docs/section/no-sources.md", "sources", ERROR, 2, "This guide lists no sources."),
    ("docs/section/long-sentence.md", "long-sentence", ERROR, 17,
     'This sentence has 27 words (the most is 25): "This second sentence starts on line seventeen and…"'),
    ("docs/section/word-to-avoid.md", "word-to-avoid", WARNING, 17, '"utilise" is on the words-to-avoid list.'),
    ("docs/section/abbreviation.md", "abbreviation", WARNING, 16,
     '"DSPT" is used before it is spelt out on this page. It is spelt out later, on line 18'),
    ("docs/section/placeholder.md", "placeholder", ERROR, 18, 'Placeholder text "TODO" is still here.'),
    ("docs/section/http-link.md", "http-link", ERROR, 16, "The link http://www.example.org/guide is not secure"),
    ("docs/templates/undeclared-field.md", "template", ERROR, 18,
     "The fill-in field [[Manager's name]] is not listed in `fields:`."),
    ("docs/section/picture.md", "picture", ERROR, 19, "The picture images/broadband.svg has no alt text."),
    ("docs/section/images/black-text.svg", "picture-file", ERROR, 3, 'sets fill="black": black text disappears'),
    ("pathways/broken-route.yml", "pathway", ERROR, 18, "leads to `keep-goign`, but there is no question or outcome"),
    ("pathways/overdue-pathway.yml", "review-overdue", WARNING, 9, "The review of this pathway was due on 2026-09-01"),
    ("pathways/long-summary.yml", "long-sentence", ERROR, 6, "This sentence has 29 words"),
]


@pytest.mark.parametrize("fixture,rule,severity,line,message", CASES, ids=[c[0] for c in CASES])
def test_each_rule_names_the_file_the_line_and_the_fix(fixture, rule, severity, line, message):
    found = findings_for(fixture)
    matching = [f for f in found if f.rule == rule]
    assert matching, [str(f) for f in found]
    first = matching[0]
    assert first.problem.file == f"tests/fixtures/content/{fixture}"
    assert (first.severity, first.problem.line) == (severity, line), str(first)
    assert message in first.problem.message
    assert first.problem.fix, "every finding says how to fix it"
    others = [str(f) for f in found if f.rule != rule and f.severity == ERROR]
    assert not others, "each fixture breaks one rule only"


def test_unsafe_html_catches_script_iframe_handlers_and_javascript_links():
    found = [f for f in findings_for("docs/section/unsafe-html.md") if f.rule == "unsafe-html"]
    assert [(f.problem.line, f.severity) for f in found] == [(17, ERROR), (18, ERROR), (19, ERROR), (20, ERROR)]
    messages = [f.problem.message for f in found]
    assert "`<script>`" in messages[0] and "`<iframe>`" in messages[1]
    assert "`onclick=`" in messages[2] and "`javascript:`" in messages[3]


def test_pathway_text_gets_the_markup_rules_too():
    found = findings_for("pathways/pathway-markup.yml")
    assert {(f.rule, f.problem.line) for f in found} == {("http-link", 35), ("placeholder", 36)}


def test_a_clean_guide_and_pathway_have_no_findings():
    """Code spans and blocks, "key safe" and a spelt-out abbreviation are all fine."""
    assert [str(f) for f in findings_for("docs/section/clean.md")] == []
    assert [str(f) for f in findings_for("pathways/clean-pathway.yml")] == []


def test_every_rule_has_a_fixture_that_triggers_it():
    _, found = check_paths([CONTENT], project())
    assert {f.rule for f in found} == set(RULES)
    assert {f.severity for f in found if f.rule in RULES} <= {ERROR, WARNING}
    assert all(f.severity == RULES[f.rule][0] for f in found), "each rule keeps one severity"


def test_review_dates_in_the_future_are_caught():
    text = (CONTENT / "docs/section/clean.md").read_text().replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-12-01")
    found = [f for f in check_page(text, "docs/x/y.md", "x/y.md", project()) if f.rule == "review-date"]
    assert [(f.problem.line, f.problem.message) for f in found] == [(5, "`last_reviewed` is 2026-12-01, which is in the future.")]


def test_the_command_prints_file_line_severity_and_fix_and_fails_on_errors():
    result = run_check("--today", "2026-11-26", "tests/fixtures/content/docs/section/placeholder.md")
    assert result.returncode == 1
    assert "tests/fixtures/content/docs/section/placeholder.md:18: error: Placeholder text" in result.stdout
    assert "    How to fix: Replace it" in result.stdout
    assert "1 error, 0 warnings" in result.stdout


def test_the_command_passes_when_there_are_only_warnings():
    result = run_check("--today", "2026-11-26", "tests/fixtures/content/docs/section/word-to-avoid.md")
    assert result.returncode == 0, result.stdout
    assert ":17: warning:" in result.stdout
    quiet = run_check("--today", "2026-11-26", "--errors-only", "tests/fixtures/content/docs/section/word-to-avoid.md")
    assert "warning:" not in quiet.stdout


def test_a_missing_path_is_a_plain_message():
    result = run_check("docs/no-such-guide.md")
    assert result.returncode == 2
    assert "Not found: " in result.stderr and "Traceback" not in result.stderr


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "caretech.stages.check", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_broken_words_to_avoid_list_names_the_entry(tmp_path):
    bad = tmp_path / "words.yml"
    bad.write_text("- avoid: [utilise]\n  instead: use\n- avoid: leverage\n")
    with pytest.raises(ContentError) as error:
        load_words_to_avoid(bad, "includes/words-to-avoid.yml")
    assert "includes/words-to-avoid.yml:3:" in str(error.value)


def test_the_shipped_words_to_avoid_list_loads_and_includes_the_style_guide_words():
    entries = load_words_to_avoid(ROOT / "includes" / "words-to-avoid.yml")
    listed = " ".join(e.pattern.pattern for e in entries)
    for word in ("utilise", "leverage", "facilitate", "robust", "streamline", "going", "ensure", "solution"):
        assert word in listed


# --- the shipped content and the templates ----------------------------------------------------

def test_an_overdue_review_is_a_warning_and_never_fails_the_check():
    """The calendar must not fail an unrelated pull request: a year on, the check still passes."""
    for fixture in ("docs/section/overdue.md", "pathways/overdue-pathway.yml"):
        result = run_check("--today", "2027-11-26", f"tests/fixtures/content/{fixture}")
        assert result.returncode == 0, result.stdout
        assert ": warning: The review of this" in result.stdout and "0 errors" in result.stdout


def latest_review(root) -> datetime.date:
    """The newest last_reviewed in the shipped content: a fixed "today" that is never before it."""
    dates = re.findall(r"^last_reviewed:\s*['\"]?(\d{4}-\d{2}-\d{2})", "\n".join(
        p.read_text(encoding="utf-8") for p in [*(root / "docs").rglob("*.md"), *(root / "pathways").glob("*.yml")]), re.M)
    return max(datetime.date.fromisoformat(d) for d in dates)


def test_shipped_guides_and_pathways_have_no_errors():
    """Against a fixed day taken from the content, not the clock: the result is the same next year."""
    count, found = check_paths([ROOT / "docs", ROOT / "pathways"], Project.load(ROOT, latest_review(ROOT)))
    errors = [str(f) for f in found if f.severity == ERROR]
    assert count > 40
    assert not errors, "\n".join(errors)


def test_the_pathway_template_compiles():
    text = (ROOT / "templates" / "pathway.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../pathways/schema.json\n")
    pathway, problems = compile_pathway(text, "pathways/your-pathway-id.yml",
                                        load_schema(ROOT / "pathways" / "schema.json"), known_pages())
    assert problems == [], [str(p) for p in problems]
    assert pathway.id == "your-pathway-id"


def test_the_guide_template_has_valid_front_matter():
    text = (ROOT / "templates" / "guide.md").read_text(encoding="utf-8")
    _, problems = check_front_matter(text, "templates/guide.md", "section/guide.md", load_front_matter_schema())
    assert problems == [], [str(p) for p in problems]


def test_an_unfinished_copy_of_a_template_is_caught():
    _, found = check_paths([ROOT / "templates"], project())
    unfinished = {f.problem.file for f in found if f.rule == "placeholder"}
    assert unfinished == {"templates/guide.md", "templates/pathway.yml", "templates/template-doc.md",
                          "templates/template-sheet.md"}


def test_the_example_pathway_in_contributing_compiles_and_follows_the_house_style():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(# yaml-language-server.*?)```", text, re.S)
                   if "id: lost-work-phone" in block)
    pathway, problems = compile_pathway(example, "pathways/lost-work-phone.yml",
                                        load_schema(ROOT / "pathways" / "schema.json"), known_pages())
    assert problems == [], [str(p) for p in problems]
    assert len(pathway.questions) == 2 and len(pathway.outcomes) == 2
    assert [str(f) for f in check_pathway(example, "pathways/lost-work-phone.yml", project())] == []


def test_contributing_explains_every_rule_of_the_content_check():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for rule, (severity, _) in RULES.items():
        assert re.search(rf"^\| {re.escape(rule)} \|.*\| {severity.capitalize()} \|$", text, re.M), rule
