"""Overdue reviews: a notice for readers on the built page, never a failed build or test.

The test build's "today" is the first next_review in the shipped content (helpers.BUILD_TODAY,
passed as CARETECH_TODAY), so the pages due first show the notice and the others do not,
whatever the real date is.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from caretech.content.front_matter import is_guide
from caretech.readers.review_dates import review_notice
from caretech.readers.dates import parse_date
from caretech.readers.front_matter import front_matter_data
from helpers import BUILD_TODAY, DOCS, ROOT

NOTICE = '<p class="ctg-review-notice" role="note">'


def test_the_notice_says_when_the_review_was_due():
    assert review_notice("2027-05-26", datetime.date(2027, 5, 26)) == (
        "This guide was due for review on 26 May 2027. Check important facts before you rely on them.")
    assert review_notice(datetime.date(2027, 5, 26), datetime.date(2027, 5, 25)) == ""
    assert review_notice(None, datetime.date(2030, 1, 1)) == ""
    assert review_notice("2027-05-26", datetime.date(2028, 1, 1), "pathway").startswith("This pathway was due")


def test_built_guides_show_the_notice_exactly_when_their_review_has_passed(built_site: Path):
    shown, hidden = 0, 0
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        if not is_guide(src):
            continue
        due = parse_date(front_matter_data(path.read_text(encoding="utf-8"))["next_review"])
        page = (built_site / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        if due <= BUILD_TODAY:
            shown += 1
            notice = page.split(NOTICE, 1)[1].split("</p>", 1)[0]
            assert notice == review_notice(due, BUILD_TODAY), src
            assert page.index("</h1>") < page.index(NOTICE), "under the title"
        else:
            hidden += 1
            assert NOTICE not in page, src
    assert shown and hidden, "the test day splits the guides into due and not yet due"


def test_pathway_pages_show_the_pathway_notice_exactly_when_their_review_has_passed(built_site: Path):
    due = 0
    for path in sorted((ROOT / "pathways").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = (built_site / "pathways" / data["id"] / "index.html").read_text(encoding="utf-8")
        expected = review_notice(data["next_review"], BUILD_TODAY, "pathway")
        if expected:
            due += 1
            assert page.split(NOTICE, 1)[-1].split("</p>", 1)[0] == expected, path.name
        else:
            assert NOTICE not in page, path.name
    # Not a skip: with no pathway due, the pathway wording on a built page would go unchecked.
    assert due, (f"no pathway is due for review on the test day ({BUILD_TODAY}, the first next_review in "
                 "the content: helpers.first_review_due), so no built pathway page shows the notice")


# --- the clock a year ahead ------------------------------------------------------------------

FAKETIME = shutil.which("faketime")


@pytest.mark.skipif(not FAKETIME, reason="needs libfaketime: apt-get install faketime")
def test_with_the_clock_a_year_ahead_the_content_check_warns_but_passes():
    """Runs `make check`'s command on a machine whose clock says a year from now."""
    ahead = datetime.date.today() + datetime.timedelta(days=366)
    env = {k: v for k, v in os.environ.items()  # not the day of a faketime this suite may itself run under
           if k != "CARETECH_TODAY" and not k.startswith("FAKETIME") and k != "LD_PRELOAD"}
    clock = subprocess.run([FAKETIME, ahead.isoformat(), sys.executable, "-c",
                            "from caretech.readers.dates import build_today; print(build_today())"],
                           capture_output=True, text=True, env=env)
    assert clock.stdout.strip() == ahead.isoformat(), "faketime moves the clock the build reads"
    result = subprocess.run([FAKETIME, ahead.isoformat(), sys.executable, "-m", "caretech.stages.check",
                             "docs/devices-and-wifi", "pathways"],  # a sample, to stay quick
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "warning: The review of this guide was due on" in result.stdout


def test_the_weekly_workflow_keeps_one_issue_from_the_report():
    workflow = yaml.safe_load((ROOT / ".github/workflows/review-due.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert workflow["permissions"]["issues"] == "write"
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["issue"]["steps"])
    assert "python -m caretech.stages.review_report --due-within 30 >" in steps
    assert "gh issue edit" in steps and "gh issue create" in steps and "--label" in steps
