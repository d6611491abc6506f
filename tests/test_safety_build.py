"""Content can never run script: the real build and the content check refuse every attempt, and every
built page carries the Content-Security-Policy.

One copy of the project gets every attempt in tests/safety_attempts.py as its own guide or pathway;
one `mkdocs build --strict` of it must stop, naming each file and line, and the content check over
the same files must report each one too.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from caretech.stages.check import Project, check_paths
from caretech.stages.finish import NOT_BUILT
from caretech.site.csp import inline_scripts, script_hash
from helpers import ROOT, run_mkdocs_build
from safety_attempts import FIELD_ATTEMPTS, GUIDE_ATTEMPTS, PATHWAY_ATTEMPTS

TODAY = datetime.date(2026, 11, 29)

GUIDE = """---
title: Safety test
description: A page the safety tests fill with one injection attempt.
audience: [managers]
last_reviewed: "2026-11-01"
next_review: "2027-05-01"
sources:
  - title: "ICO: Personal data breaches"
    url: https://ico.org.uk/for-organisations/report-a-breach/
  - title: "NCSC: Small Charity Guide"
    url: https://www.ncsc.gov.uk/collection/charity
---

# Safety test

"""

PATHWAY = """id: {id}
title: Is this a safety test?
summary: A pathway the safety tests fill with one injection attempt.
audience: [managers]
last_reviewed: "2026-11-01"
next_review: "2027-05-01"
version: 1
start: first
questions:
  - id: first
    question: Is this the first question?
    answers:
      - label: "Yes"
        next: done
      - label: "No"
        next: done
outcomes:
  - id: done
    title: You are done
    body: |
{body}
    actions:
      - Read the guide about backups.
    guides:
      - keeping-information-safe/backups.md
"""


class Attempts:
    def __init__(self, root: Path):
        self.root = root
        self.expected: dict[str, set[int]] = {}  # file -> lines where the attempt may be reported

    def add_guide(self, name: str, markdown: str, at: int) -> None:
        path = f"docs/attempts/{name}.md"
        (self.root / path).write_text(GUIDE + markdown + "\n", encoding="utf-8")
        self.expected[path] = {GUIDE.count("\n") + 1 + at}

    def add_field(self, name: str, kind: str, line: str, written: str) -> None:
        """A guide, template or pathway whose plain-text field holds markup."""
        if kind == "pathway":
            self.add_pathway(name, "Read the backups guide.")
            path = f"pathways/{name}.yml"
        else:
            path = f"docs/attempts/{name}.md" if kind == "guide" else f"docs/templates/{name}.md"
            text = GUIDE.replace("---\n\n# Safety test", "download: docx\nfields: [Your organisation]\n---\n\n# Safety test")
            text = (GUIDE if kind == "guide" else text) + "[[Your organisation]] keeps this.\n"
            (self.root / path).write_text(text, encoding="utf-8")
        text = (self.root / path).read_text(encoding="utf-8")
        assert text.count(line + "\n") == 1, (name, line)
        text = text.replace(line + "\n", written + "\n")
        (self.root / path).write_text(text, encoding="utf-8")
        self.expected[path] = {text.split("\n").index(written) + 1}

    def add_pathway(self, name: str, body: str) -> None:
        path = f"pathways/{name}.yml"
        indented = "\n".join("      " + line if line else "" for line in body.split("\n"))
        text = PATHWAY.format(id=name, body=indented)
        (self.root / path).write_text(text, encoding="utf-8")
        body_key = text.split("\n").index("    body: |") + 1
        # raw HTML is refused by the pathway compiler, at the `body:` line
        self.expected[path] = {body_key, *(body_key + 1 + n for n in range(body.count("\n") + 1))}


def _project_with(root: Path, guides, pathways, fields=()) -> Attempts:
    """The project, copied, with each attempt added as its own file."""
    root.mkdir()
    for name in ("docs", "pathways"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root)
    for name in ("hooks", "overrides", "includes", "caretech", "facts"):
        (root / name).symlink_to(ROOT / name)
    (root / "docs" / "attempts").mkdir()
    made = Attempts(root)
    for name, markdown, at in guides:
        made.add_guide(name, markdown, at)
    for name, body in pathways:
        made.add_pathway(name, body)
    for attempt in fields:
        made.add_field(*attempt)
    return made


# Raw HTML in an outcome body is refused by the pathway compiler, which stops the build before
# any page is rendered: those attempts get a build of their own.
RAW_HTML_BODIES = [a for a in PATHWAY_ATTEMPTS if "<" in a[1]]


# Text a theme template prints unescaped, in <head> or anywhere outside the content: the site's
# description, which no schema checks and the "page not found" page prints in its <head>. Its
# attribute is in no other attempt, so the message cannot be traced to a guide with the same text.
HEAD_ATTEMPT = "site_description: 'About us.\"><details open ontoggle=alert(1)>'"


@pytest.fixture(scope="module")
def attempts(tmp_path_factory) -> Attempts:
    """Every attempt that reaches the rendered pages, in one copy of the project (one build)."""
    others = [a for a in PATHWAY_ATTEMPTS if a not in RAW_HTML_BODIES]
    made = _project_with(tmp_path_factory.mktemp("attempts") / "project", GUIDE_ATTEMPTS, others)
    config = (made.root / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in config.split("\n") if line.startswith("site_description:"))
    (made.root / "mkdocs.yml").write_text(config.replace(line, HEAD_ATTEMPT), encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def attempts_build(attempts, tmp_path_factory) -> tuple[str, Path]:
    """The build's output and site folder."""
    site = tmp_path_factory.mktemp("attempts-site")
    result = run_mkdocs_build(attempts.root / "mkdocs.yml", site)
    assert result.returncode != 0, "the build must stop"
    return result.stdout + result.stderr, site


@pytest.fixture(scope="module")
def field_attempts(tmp_path_factory) -> Attempts:
    """Markup in plain-text fields: the front matter and pathway checks stop these before any
    page is rendered, so they get a build of their own."""
    return _project_with(tmp_path_factory.mktemp("fields") / "project", [], [], FIELD_ATTEMPTS)


def _reported(output: str) -> set[tuple[str, int]]:
    return {(m.group(1), int(m.group(2))) for m in re.finditer(r"^(\S+\.(?:md|yml)):(\d+): ", output, re.M)}


def _missing(expected: dict[str, set[int]], reported: set[tuple[str, int]]) -> list[str]:
    return [f"{path} (lines {sorted(lines)})" for path, lines in expected.items()
            if not any((path, line) in reported for line in lines)]


def test_one_build_stops_and_names_every_attempt_with_its_line(attempts, attempts_build):
    output, site = attempts_build
    assert "Traceback" not in output and "The site was not built" in output
    reported = _reported(output)
    missing = _missing(attempts.expected, reported)
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\n" + output[-3000:]
    strays = {path for path, _ in reported} - set(attempts.expected)
    assert not strays, f"problems reported in files with no attempt: {strays}"
    # The finish stage checks the built pages: each one with an attempt is replaced by a notice.
    pages = list((site / "attempts").rglob("*.html"))
    assert pages and all(page.read_text(encoding="utf-8") == NOT_BUILT for page in pages)


def test_the_content_check_reports_every_attempt_with_its_line(attempts):
    project = Project.load(attempts.root, TODAY)
    paths = [attempts.root / path for path in attempts.expected]
    _, found = check_paths(paths, project)
    reported = {(f.problem.file, f.problem.line) for f in found if f.rule in ("unsafe-html", "pathway")}
    missing = _missing(attempts.expected, reported)
    assert not missing, "not reported:\n" + "\n".join(missing)


def test_markup_in_a_plain_text_field_stops_the_build_and_the_check_with_file_and_line(field_attempts, tmp_path):
    result = run_mkdocs_build(field_attempts.root / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    reported = _reported(output)
    missing = _missing(field_attempts.expected, reported)
    assert not missing, "not reported:\n" + "\n".join(missing) + "\n\n" + output[-3000:]
    assert "curly quotes" in output, "the message says how to fix it"
    _, found = check_paths([field_attempts.root / p for p in field_attempts.expected], Project.load(field_attempts.root, TODAY))
    assert not _missing(field_attempts.expected, {(f.problem.file, f.problem.line) for f in found})


def test_the_finished_page_check_reads_the_head_too(attempts_build):
    """The site's description (HEAD_ATTEMPT) reaches no contributor's file, only the finished
    "page not found" page's <head>: the check of the whole page catches it there."""
    output, site = attempts_build
    assert re.search(r"^site/404\.html:1: `ontoggle=` attributes are not allowed", output, re.M), output[-2000:]
    assert (site / "404.html").read_text(encoding="utf-8") == NOT_BUILT


def test_raw_html_in_a_pathway_body_stops_the_build_and_the_check(tmp_path):
    made = _project_with(tmp_path / "project", [], RAW_HTML_BODIES)
    result = run_mkdocs_build(made.root / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert not _missing(made.expected, _reported(output)), output[-2000:]
    _, found = check_paths([made.root / p for p in made.expected], Project.load(made.root, TODAY))
    assert not _missing(made.expected, {(f.problem.file, f.problem.line) for f in found})


# --- the policy on every built page -------------------------------------------------------

_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_built_page_starts_with_the_policy_and_allows_exactly_its_own_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50 and (built_site / "404.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = _META.search(html)
        assert match, f"{page.relative_to(built_site)} has no policy first in <head>"
        policy = match.group(1)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        script_src = re.search(r"script-src ([^;]+)", policy).group(1).split()
        assert sorted(script_src[1:]) == sorted({f"'{script_hash(s)}'" for s in inline_scripts(html)}), page
        assert html.index("<meta charset") < 1024, "the character set stays in the first 1024 bytes"
    pathway = (built_site / "pathways").glob("*/index.html")
    assert next(pathway).is_file() and (built_site / "devices-and-wifi" / "print" / "index.html").is_file()
