"""The real `mkdocs build --strict`: generated pages, clean errors, and reproducible output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import FIXTURES, ROOT, run_mkdocs_build, shipped_pathways


def test_every_pathway_becomes_pages_with_every_question_and_outcome(built_site: Path):
    index = (built_site / "pathways" / "index.html").read_text(encoding="utf-8")
    for pathway in shipped_pathways():
        page = (built_site / "pathways" / pathway.id / "index.html").read_text(encoding="utf-8")
        routes = (built_site / "pathways" / pathway.id / "all-routes" / "index.html").read_text(encoding="utf-8")
        for question in pathway.questions:
            assert f'id="{question.id}"' in page
            assert f">{escape(question.question)}</h2>" in page
            for answer in question.answers:
                assert f'href="#{answer.next}"' in page
        for outcome in pathway.outcomes:
            assert f'id="{outcome.id}"' in page
            assert escape(outcome.title) in page
            assert escape(outcome.title, quote=False) in routes
        assert f'href="{pathway.id}/"' in index
        assert 'lang="en-GB"' in page


def escape(text: str, quote: bool = True) -> str:
    import html
    return html.escape(text, quote=quote)


def test_edit_link_opens_the_pathway_yaml(built_site: Path):
    page = (built_site / "pathways" / "staff-own-phones" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/pathways/staff-own-phones.yml" in page
    guide = (built_site / "devices-and-wifi" / "wifi" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/devices-and-wifi/wifi.md" in guide


def test_no_setting_makes_the_browser_call_another_host(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', home)
    assert scripts and all(not s.startswith(("http:", "https:", "//")) for s in scripts)
    assert "api.github.com" not in home


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "pathways", "facts", "overrides", "hooks", "includes", "caretech"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_a_broken_pathway_stops_the_build_with_a_plain_message(tmp_path: Path):
    project = copy_project(tmp_path)
    shutil.copy(FIXTURES / "pathways" / "loop.yml", project / "pathways" / "loop.yml")
    result = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "pathways/loop.yml:" in output and "makes a loop" in output and "How to fix:" in output
    assert "Traceback" not in output


def test_bad_front_matter_stops_the_build_with_a_plain_message(tmp_path: Path):
    project = copy_project(tmp_path)
    guide = project / "docs" / "devices-and-wifi" / "wifi.md"
    guide.write_text(re.sub(r"(?m)^next_review:.*$", "next_review: soon", guide.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/devices-and-wifi/wifi.md:" in output and "`next_review`" in output
    assert "Traceback" not in output


def test_abbreviations_are_explained_on_every_page_that_uses_them(built_site: Path):
    """includes/abbreviations.md reaches Markdown as the abbr extension's glossary (not appended
    to each page), and every page that uses an abbreviation explains it."""
    from caretech.readers.abbreviations import read_abbreviations

    glossary = read_abbreviations(ROOT)
    guide = (built_site / "dspt-and-nhs" / "dspt-explained" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{glossary["DSPT"]}">DSPT</abbr>' in guide
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "*[" not in home and "*[" not in guide, "definitions must not show as text"


def test_a_broken_abbreviation_line_stops_the_build_with_a_plain_message(tmp_path: Path):
    project = copy_project(tmp_path)
    glossary = project / "includes" / "abbreviations.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "[NHS] National Health Service\n", encoding="utf-8")
    result = run_mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = len(glossary.read_text(encoding="utf-8").splitlines())
    assert f"includes/abbreviations.md:{line}:" in output and "*[DSPT]: Data Security" in output
    assert "Traceback" not in output


def test_guides_that_pathways_point_to_link_back_to_those_pathways(built_site: Path):
    """The build adds "Not sure? Answer a few questions" where the guide has no link of its own."""
    for pathway in shipped_pathways():
        for guide in {g for outcome in pathway.outcomes for g in outcome.guides}:
            html_file = built_site / guide.removesuffix(".md") / "index.html"
            if guide.endswith("index.md"):
                html_file = built_site / guide.removesuffix("index.md") / "index.html"
            text = html_file.read_text(encoding="utf-8")
            assert re.search(rf'href="(\.\./)+pathways/{pathway.id}/"', text), f"{guide} has no link to {pathway.id}"


def test_cross_link_box_is_generated_from_the_pathway_files():
    from caretech.pathways.cross_links import cross_link_box, insert_after_introduction, pathways_by_guide

    pathways = shipped_pathways()
    by_guide = pathways_by_guide(pathways)
    phones = next(p for p in pathways if p.id == "staff-own-phones")
    assert phones in by_guide["devices-and-wifi/staff-own-phones.md"]
    box = cross_link_box("devices-and-wifi/managing-devices.md", [phones])
    assert f"]({'../pathways/staff-own-phones/index.md'})" in box
    page = insert_after_introduction("# Title\n\nIntro.\n\n## First\n\nText.\n", box)
    assert page.index("Intro.") < page.index("Not sure") < page.index("## First")
