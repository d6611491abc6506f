"""The content safety rules (caretech/content/safety.py) and the page policy (caretech/site/csp.py), as units.

Every attempt in tests/safety_attempts.py is rendered with the site's own Markdown settings, as
the build and the content check render it, and must be refused; harmless text must pass.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from caretech.content.safety import locate, normalise_address, unsafe_markup
from caretech.content.site_markdown import site_extensions, site_markdown
from caretech.site.csp import PLACEHOLDER, load_theme_scripts, policy, script_hash, secure_page
from helpers import ROOT
from safety_attempts import GUIDE_ATTEMPTS, PATHWAY_ATTEMPTS, SAFE_MARKDOWN

render = site_markdown(ROOT / "mkdocs.yml")
THEME_DIRS = [ROOT / "overrides", Path(material.__file__).parent / "templates"]


@pytest.mark.parametrize("name, markdown, at", GUIDE_ATTEMPTS, ids=[a[0] for a in GUIDE_ATTEMPTS])
def test_every_attempt_is_refused_and_its_line_found(name, markdown, at):
    found = unsafe_markup(render(markdown))
    assert found, f"{name} got through: {render(markdown)}"
    source = "# A guide\n\n" + markdown
    assert locate(found[0].clues, [("guide.md", source)]) == ("guide.md", 3 + at)


@pytest.mark.parametrize("name, markdown", PATHWAY_ATTEMPTS, ids=[a[0] for a in PATHWAY_ATTEMPTS])
def test_pathway_body_attempts_are_refused(name, markdown):
    assert unsafe_markup(render(markdown)), name


def test_harmless_text_about_the_same_things_passes():
    html = render(SAFE_MARKDOWN)
    assert "<script>" not in html and 'align="right"' in html, "tables use align=, not style="
    assert unsafe_markup(html) == []


def test_the_site_markdown_settings_come_from_mkdocs_yml():
    names, settings = site_extensions(ROOT / "mkdocs.yml")
    assert names[:3] == ["toc", "tables", "fenced_code"] and "attr_list" in names and "md_in_html" in names
    assert settings["pymdownx.snippets"]["base_path"] == ["includes"]  # from the project folder, in both engines


def test_messages_say_what_is_wrong_and_how_to_fix_it():
    [item] = unsafe_markup('<p onclick="x">Hi</p>')
    assert "`onclick=`" in item.message and "Delete it" in item.fix
    [item] = unsafe_markup('<a href="&#106;ava&#x09;script:x">Hi</a>')
    assert "`javascript:`" in item.message


@pytest.mark.parametrize("value, expected", [
    ("  JaVaScRiPt:x", "javascript:x"), ("&#106;avascript&colon;x", "javascript:x"),
    ("java\tscri\npt:x", "javascript:x"), ("\x01javascript:x", "javascript:x"),
])
def test_addresses_are_read_as_a_browser_reads_them(value, expected):
    assert normalise_address(value) == expected


def test_locate_prefers_the_page_file_and_ignores_entities_and_spaces():
    sources = [("docs/a.md", "one\n<a href='java\n  script:x'>"), ("includes/b.md", "javascript:x")]
    assert locate(["javascript:x"], sources) == ("docs/a.md", 2)
    assert locate(["nothing-like-this"], sources) is None


# --- the Content-Security-Policy --------------------------------------------------------

def test_the_policy_is_strict():
    text = policy(["sha256-abc"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'sha256-abc'"
    assert directives["style-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert "unsafe" not in text and "http" not in text
    assert "'unsafe-inline'" in policy([], serving=True), "mkdocs serve's live reload needs it"


def _page(*scripts: str) -> str:
    body = "".join(f"<script>{s}</script>" for s in scripts)
    return f'<!doctype html><html><head>{PLACEHOLDER}</head><body>{body}<script type="application/json">{{}}</script></body></html>'


def test_theme_scripts_are_allowed_by_hash_and_any_other_inline_script_is_refused():
    known = load_theme_scripts(THEME_DIRS)
    assert {k.template for k in known} >= {"partials/javascripts/base.html", "partials/javascripts/palette.html"}
    helpers = next(k for k in known if k.template == "partials/javascripts/base.html")
    storage = helpers.pattern.pattern.replace("\\", "")  # our override keeps settings in sessionStorage
    assert "sessionStorage" in storage
    theme = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=sessionStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=sessionStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
    page, problems = secure_page(_page(theme), known)
    assert problems == []
    assert f"'{script_hash(theme)}'" in page and PLACEHOLDER not in page
    broken_out = theme.replace('"../.."', '"x",alert(1),"')
    _, problems = secure_page(_page(broken_out), known)
    assert problems and "no known theme template" in problems[0]
    _, problems = secure_page(_page("alert(1)").replace(PLACEHOLDER, ""), known)
    assert len(problems) == 2 and "no security policy" in problems[0]
