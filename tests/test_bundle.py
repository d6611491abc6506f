"""Our own CSS and JavaScript reach every page as one hashed stylesheet and one hashed script."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rcssmin

from caretech.site.bundle import Source, bundle_scripts, bundle_stylesheets
from caretech.site.material_upstream import material_root

MATERIAL = re.compile(r"assets/(stylesheets/(main|palette)\.[0-9a-f]+\.min\.css|javascripts/bundle\.[0-9a-f]+\.min\.js)$")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
SCRIPT = re.compile(r'<script[^>]* src="([^"]+)"')


def test_a_bundle_keeps_the_listed_order_minified_with_a_content_hash_in_its_name():
    one = bundle_stylesheets([Source("a.css", "/* a */\n.a {\n  color: red;\n}\n"), Source("b.css", ".b { color: blue }")])
    assert re.fullmatch(r"assets/stylesheets/care-tech-guide\.[0-9a-f]{10}\.min\.css", one.path)
    assert one.content == ".a{color:red}\n.b{color:blue}\n"
    changed = bundle_stylesheets([Source("a.css", ".a { color: green }"), Source("b.css", ".b { color: blue }")])
    assert changed.path != one.path
    assert bundle_stylesheets([Source("a.css", ".a{color:red}"), Source("b.css", ".b{color:blue}")]).path == one.path


def test_scripts_stay_apart_and_only_the_content_names_the_file():
    first = bundle_scripts([Source("a.js", "var a = 1 // no semicolon at the end"), Source("b.js", "(function () {})()")])
    assert first.content == "var a=1;\n(function(){})();\n"
    assert first.path.startswith("assets/javascripts/care-tech-guide.") and first.path.endswith(".min.js")
    assert bundle_scripts([Source("a.js", "var a = 2"), Source("b.js", "(function () {})()")]).path != first.path


def test_every_page_asks_for_one_stylesheet_and_one_script_of_ours(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    bundles = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        own = [src for src in STYLESHEET.findall(html) + SCRIPT.findall(html)
               if not MATERIAL.search(src) and "/workers/" not in src]
        assert len(own) == 2 and own[0].endswith(".min.css") and own[1].endswith(".min.js"), (page, own)
        stylesheets = STYLESHEET.findall(html)
        assert len(stylesheets) == 2 and "/main." in stylesheets[0], (
            f"{page}: a page waits for Material's main stylesheet and ours, nothing else: {stylesheets}")
        scripts = SCRIPT.findall(html)
        assert scripts.index(own[1]) < next(i for i, src in enumerate(scripts) if MATERIAL.search(src)), (
            f"{page}: our script must come before Material's (search-defer.js in it must run first)")
        bundles.update(Path(src).name for src in own)
    assert len(bundles) == 2, bundles
    for name in bundles:
        folder = "stylesheets" if name.endswith(".css") else "javascripts"
        assert (built_site / "assets" / folder / name).is_file()
    # Material's palette stylesheet comes first in ours (its colour schemes), and is not beside it.
    theme = next((material_root() / "templates/assets/stylesheets").glob("palette.*.min.css"))
    ours = next((built_site / "assets/stylesheets").glob("care-tech-guide.*.min.css")).read_text(encoding="utf-8")
    assert ours.startswith(rcssmin.cssmin(theme.read_text(encoding="utf-8")))
    assert "[data-md-color-scheme=slate]" in ours and not list(built_site.glob("assets/stylesheets/palette.*"))
    # The listed sources are in the bundles, not beside them.
    assert not (built_site / "assets/javascripts/site.js").exists()
    assert not (built_site / "assets/stylesheets/site.css").exists()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_script_bundle_is_valid_javascript(built_site: Path):
    bundle = next((built_site / "assets/javascripts").glob("care-tech-guide.*.min.js"))
    result = subprocess.run(["node", "--check", str(bundle)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
