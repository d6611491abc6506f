"""Paths and small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

from caretech.facts import load_register
from caretech.pathways import compile_pathways

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
SITE_NAME = re.search(r"(?m)^site_name:\s*(.+?)\s*$", _CONFIG).group(1)
# The published address (site_url), ending in /.
SITE_ADDRESS = re.search(r"(?m)^site_url:\s*(\S+)", _CONFIG).group(1).rstrip("/") + "/"


def known_pages() -> list[str]:
    return [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")]


def pathway_ids() -> list[str]:
    """The shipped pathways' ids, from their file names (an index, with `choose_from:`, is not a
    pathway). Tests are parametrized with these rather than with compiled pathways, so collecting
    them compiles nothing: a mistake in a pathway fails the tests that use it (the `pathway`
    fixture in conftest.py gives its problems) instead of stopping the whole run."""
    return sorted(path.stem for path in (ROOT / "pathways").glob("*.yml")
                  if not re.search(r"(?m)^choose_from:", path.read_text(encoding="utf-8")))


@functools.cache
def shipped_pathways():
    """Every shipped pathway, compiled once per test process; raises ContentError with every problem."""
    return compile_pathways(ROOT / "pathways", known_pages=known_pages(), display_root=ROOT)


def first_review_due() -> datetime.date:
    """The earliest next_review in the shipped guides and pathways, read from the content.

    Test builds use it as their "today" (CARETECH_TODAY), never the clock: on that day the
    pages due first show the overdue notice and the rest do not, whatever the real date.
    """
    texts = [p.read_text(encoding="utf-8") for p in [*DOCS.rglob("*.md"), *(ROOT / "pathways").glob("*.yml")]]
    found = re.findall(r"^next_review:\s*['\"]?(\d{4}-\d{2}-\d{2})", "\n".join(texts), re.M)
    days = [day for day in map(_date_or_none, found) if day]
    return min(days, default=datetime.date(2026, 1, 1))  # with no dates at all, the review tests fail


def _date_or_none(text: str) -> datetime.date | None:
    """A date that is no real day (2026-13-01) is left out here, so that conftest.py still imports:
    the front-matter and content-check tests report it, with its file and line."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


BUILD_TODAY = first_review_due()


@functools.cache
def shipped_facts():
    """The register of facts, as on the test builds' day (its mistakes are test_facts_build.py's
    and the content check's to report)."""
    return load_register(ROOT, BUILD_TODAY)[0]


def run_mkdocs_build(config: Path, site_dir: Path, cache: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as on the test day; with the build cache in `cache`, else none."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CARETECH_TODAY": BUILD_TODAY.isoformat()}
    if cache is not None:
        env["CARETECH_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config.parent,
    )
