"""The security policy's allow-list reads a theme template's inline scripts with the same HTML
parser as the built page's (caretech/site/csp.py), so markup a regular expression misreads
(a script in a comment, a `type`, upper-case tags) is read the way a browser reads it."""

from __future__ import annotations

from pathlib import Path

from caretech.site.csp import PLACEHOLDER, load_theme_scripts, secure_page

TEMPLATE = "partials/javascripts/palette.html"


def theme(tmp_path: Path, source: str) -> list[Path]:
    (tmp_path / TEMPLATE).parent.mkdir(parents=True)
    (tmp_path / TEMPLATE).write_text(source, encoding="utf-8")
    return [tmp_path]


def page(*scripts: str) -> str:
    return f"<!doctype html><html><head>{PLACEHOLDER}</head><body>{''.join(scripts)}</body></html>"


def problems(known, *scripts: str) -> list[str]:
    return secure_page(page(*scripts), known)[1]


def test_a_script_with_a_type_or_in_capitals_in_the_template_is_allowed(tmp_path):
    known = load_theme_scripts(theme(tmp_path, '{% if x %}<script type="text/javascript">go("{{ base_url }}")</script>'
                                               "<SCRIPT>stay()</SCRIPT>{% endif %}"))
    assert problems(known, '<script>go("../..")</script>', "<script>stay()</script>") == []


def test_a_script_the_template_has_only_in_a_comment_or_as_data_is_refused(tmp_path):
    known = load_theme_scripts(theme(tmp_path, "<!-- <script>old()</script> -->"
                                               '<script type="application/json">settings()</script>'))
    assert known == []
    assert len(problems(known, "<script>old()</script>", "<script>settings()</script>")) == 2
