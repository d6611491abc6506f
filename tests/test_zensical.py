"""The second engine: the same content built with Zensical through the same stages
(`python -m caretech.stages zensical`: generate, `zensical build`, finish) gives the same pages
as MkDocs, every one with its security policy, and the finish stage's safety check still bites.
What Zensical cannot do yet: docs/maintainers/zensical.md."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caretech.problems import ContentError
from caretech.stages.__main__ import finish_site
from caretech.stages.finish import NOT_BUILT
from helpers import BUILD_TODAY, ROOT

PROJECT_PARTS = ("docs", "pathways", "facts", "includes", "overrides", "mkdocs.yml")
# Print packs are filled with their guides' HTML by the MkDocs adapter only.
MKDOCS_ONLY = "/print/index.html"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("zensical") / "project"
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    result = subprocess.run([sys.executable, "-m", "caretech.stages", "zensical", "--project", str(project)],
                            capture_output=True, text=True, env={"CARETECH_TODAY": BUILD_TODAY.isoformat(), "NO_COLOR": "1",
                                                                  "PATH": str(Path(sys.executable).parent)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site-zensical"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_makes_the_same_pages_as_mkdocs(zensical_site, built_site):
    mkdocs_pages = {page for page in _pages(built_site) if not page.endswith(MKDOCS_ONLY)}
    assert _pages(zensical_site) == mkdocs_pages


def test_every_zensical_page_has_its_security_policy_and_passed_the_safety_check(zensical_site):
    for path in zensical_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "default-src 'self'" in text and 'content="ctg-csp"' not in text, path
        assert text != NOT_BUILT, path


def test_the_safety_check_refuses_unsafe_markup_in_a_zensical_page(zensical_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(zensical_site / "about", site / "about")
    page = site / "about" / "index.html"
    # Zensical's page as built, before finish: the placeholder back, and markup slipped in.
    text = page.read_text(encoding="utf-8")
    start = text.index('<meta http-equiv="Content-Security-Policy"')
    text = text[:start] + '<meta http-equiv="Content-Security-Policy" content="ctg-csp">' + text[text.index(">", start) + 1:]
    page.write_text(text.replace("</article>", '<a href="javascript:alert(1)">x</a></article>'), encoding="utf-8")
    with pytest.raises(ContentError) as stopped:
        finish_site(zensical_site.parent, site)
    assert any("javascript:" in problem.message for problem in stopped.value.problems)
    assert page.read_text(encoding="utf-8") == NOT_BUILT
